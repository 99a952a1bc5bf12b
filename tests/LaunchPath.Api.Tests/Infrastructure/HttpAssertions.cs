using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LaunchPath.Api.Tests.Infrastructure;

public static class Http
{
    public static readonly JsonSerializerOptions Json = CreateJson();

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        return options;
    }

    public static Task<HttpResponseMessage> PostJson<T>(this HttpClient client, string url, T body) =>
        client.PostAsJsonAsync(url, body, Json);

    public static Task<HttpResponseMessage> PutJson<T>(this HttpClient client, string url, T body) =>
        client.PutAsJsonAsync(url, body, Json);

    public static Task<HttpResponseMessage> PostRaw(this HttpClient client, string url, string json) =>
        client.PostAsync(url, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

    public static async Task<T> Read<T>(this HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(expected, "the body was: {0}", text);
        return JsonSerializer.Deserialize<T>(text, Json)!;
    }

    /// <summary>Asserts an RFC 9457 problem response with the status, and returns its parsed body.</summary>
    public static async Task<Problem> ShouldBeProblem(this HttpResponseMessage response, HttpStatusCode status, string because = "")
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, "{0} (the body was: {1})", because, text);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        var problem = JsonSerializer.Deserialize<Problem>(text, Json)!;
        problem.Status.Should().Be((int)status);
        problem.Title.Should().NotBeNullOrWhiteSpace();
        problem.TraceId.Should().NotBeNullOrWhiteSpace();
        text.Should().NotContain("   at ", "no stack trace leaves the server");
        return problem;
    }
}

public sealed record Problem(string? Type, string? Title, int? Status, string? Detail, string? Instance, string? TraceId, Dictionary<string, string[]>? Errors);
