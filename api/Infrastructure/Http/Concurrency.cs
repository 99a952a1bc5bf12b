using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace LaunchPath.Api.Infrastructure.Http;

/// <summary>Optimistic concurrency over HTTP: the row version is the ETag; updates must send it back in If-Match.</summary>
public static class Concurrency
{
    public static string ETag(int version) => $"\"{version}\"";

    public static void SetETag(this HttpResponse response, int version) => response.Headers.ETag = ETag(version);

    /// <summary>
    /// The shape of every optimistic update endpoint: read If-Match (428 when missing), send the command with the expected
    /// version, and answer 200 with the new ETag, or the command's problem.
    /// </summary>
    public static async Task<Reply<Ok<T>>> VersionedUpdate<T>(HttpRequest request, Func<int?, ValueTask<Result<T>>> send, Func<T, int> version)
    {
        var expected = ExpectedVersion(request);
        if (!expected.IsSuccess)
        {
            return new Reply<Ok<T>>(null, expected.Error);
        }

        return (await send(expected.Value)).Match(value =>
        {
            request.HttpContext.Response.SetETag(version(value));
            return TypedResults.Ok(value);
        });
    }

    /// <summary>
    /// Reads If-Match. Returns <see cref="Error.IfMatchRequired"/> when absent; null version for "*" (any version);
    /// -1 for a tag that can never match (a stale or foreign tag).
    /// </summary>
    public static Result<int?> ExpectedVersion(HttpRequest request)
    {
        var header = request.Headers.IfMatch;
        if (header.Count == 0 || string.IsNullOrWhiteSpace(header.ToString()))
        {
            return Error.IfMatchRequired;
        }

        if (!EntityTagHeaderValue.TryParseList(header, out var tags) || tags.Count == 0)
        {
            return new Error(ErrorKind.Validation, "Invalid If-Match header", "If-Match must be an entity tag such as \"3\" or *.",
                new Dictionary<string, string[]> { ["If-Match"] = ["If-Match must be an entity tag such as \"3\" or *."] });
        }

        if (tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any)))
        {
            return (int?)null;
        }

        foreach (var tag in tags)
        {
            var text = tag.Tag.ToString().Trim('"');
            if (int.TryParse(text, out var version))
            {
                return version;
            }
        }

        return -1;
    }
}
