using System.Text.Json;
using System.Text.Json.Serialization;

namespace LaunchPath.Api.Infrastructure.Data;

/// <summary>Small lists stored as JSON text (skills, schedules, forms), in the API's own JSON shape.</summary>
public static class DbJson
{
    private static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        return options;
    }

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Read<T>(string? text, T fallback) =>
        string.IsNullOrEmpty(text) ? fallback : JsonSerializer.Deserialize<T>(text, Options) ?? fallback;
}
