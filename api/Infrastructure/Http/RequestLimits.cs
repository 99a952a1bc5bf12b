using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace LaunchPath.Api.Infrastructure.Http;

/// <summary>
/// Size limits every request obeys, answered as problem+json: a request target (path and query) over
/// <see cref="MaxTargetLength"/> characters is a 414, and a body over its operation's limit a 413 — the operation's
/// <see cref="IRequestSizeLimitMetadata"/> (roster uploads) or <see cref="DefaultMaxBodyBytes"/>. A body sent without a
/// Content-Length is cut off at the same limit while it is read. A body that could not be read to its end is a 499
/// when the client went away, a 400 problem otherwise.
/// </summary>
public sealed class RequestLimitsMiddleware(RequestDelegate next)
{
    /// <summary>JSON bodies: far above any real request (the largest, an opportunity or an agreement, is a few KB).</summary>
    public const long DefaultMaxBodyBytes = 256 * 1024;

    /// <summary>The longest path and query string the API reads.</summary>
    public const int MaxTargetLength = 4096;

    /// <summary>Kestrel's own request-line limit, kept above <see cref="MaxTargetLength"/> so the API, not Kestrel, answers.</summary>
    public const int KestrelMaxRequestLine = 64 * 1024;

    /// <summary>Kestrel's own default body limit (KestrelServerLimits.MaxRequestBodySize), which LaunchPath leaves as it is.</summary>
    private const long KestrelMaxBodyBytes = 30_000_000;

    /// <summary>How long a body that could not be read waits to learn whether its client went away.</summary>
    private static readonly TimeSpan AbortGrace = TimeSpan.FromMilliseconds(500);

    /// <summary>The most body this request's operation accepts: its own limit (roster uploads), or <see cref="DefaultMaxBodyBytes"/>.</summary>
    public static long BodyLimit(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? DefaultMaxBodyBytes;

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var target = (request.PathBase.Value?.Length ?? 0) + (request.Path.Value?.Length ?? 0) + (request.QueryString.Value?.Length ?? 0);
        if (target > MaxTargetLength)
        {
            await Problems.WriteAsync(context, StatusCodes.Status414UriTooLong, "Request target too long",
                $"The path and query string may be at most {MaxTargetLength} characters.");
            return;
        }

        var limit = BodyLimit(context);
        if (request.ContentLength > limit)
        {
            // Kestrel reads and drops an unread body after the answer, keeping the connection, only when the body is
            // within the request's limit. Routing has already set an operation's own limit (say 1 MB), so lift it to the
            // body's length (within Kestrel's own 30 MB): the client, still sending, then gets this 413 on every
            // operation alike, instead of a connection reset mid-upload where an operation has a limit of its own.
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } drain && request.ContentLength <= KestrelMaxBodyBytes)
            {
                drain.MaxRequestBodySize = request.ContentLength;
            }

            await Problems.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Request body too large",
                $"This operation accepts a body of at most {limit} bytes.");
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        await next(context);

        // The body binder answers a body it could not read to its end (a client that went away, a broken chunked
        // encoding) with a bare 400. A client that is gone gets a 499 in the log; one still there gets a problem.
        if (context.Response is { StatusCode: StatusCodes.Status400BadRequest, HasStarted: false })
        {
            // The read fails as the connection drops; Kestrel signals the abort a moment later. A broken request from a
            // client still there waits this long for its 400, which only a malformed body ever does.
            try
            {
                await Task.Delay(AbortGrace, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // the client is gone
            }

            if (context.RequestAborted.IsCancellationRequested)
            {
                context.Response.StatusCode = StatusCodes.Status499ClientClosedRequest;
            }
            else
            {
                await Problems.WriteAsync(context, StatusCodes.Status400BadRequest, "The request could not be read.",
                    "could not be read to its end (the connection closed early, or the body's encoding is broken).");
            }
        }
    }
}
