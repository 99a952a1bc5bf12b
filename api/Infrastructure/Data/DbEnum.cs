using System.Collections.Concurrent;
using System.Text.Json;

namespace LaunchPath.Api.Infrastructure.Data;

/// <summary>Enums are stored as the same camelCase text the API speaks ("employer", "digitalTechnology").</summary>
public static class DbEnum
{
    private static readonly ConcurrentDictionary<Enum, string> Names = new();

    public static string ToText<T>(T value) where T : struct, Enum =>
        Names.GetOrAdd(value, v => JsonNamingPolicy.CamelCase.ConvertName(v.ToString()));

    public static T Parse<T>(string text) where T : struct, Enum =>
        Enum.TryParse<T>(text, ignoreCase: true, out var value)
            ? value
            : throw new InvalidOperationException($"Stored value '{text}' is not a {typeof(T).Name}.");
}
