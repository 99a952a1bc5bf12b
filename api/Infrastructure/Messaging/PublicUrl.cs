using Microsoft.Extensions.Options;

namespace LaunchPath.Api.Infrastructure.Messaging;

/// <summary>Where links in messages point: Messaging:PublicUrl (the SPA's address) or, without it, the request's origin.</summary>
public sealed class PublicUrl(IOptions<MessagingOptions> options, IHttpContextAccessor accessor)
{
    public string For(HttpRequest request) =>
        options.Value.PublicUrl is { Length: > 0 } configured ? configured.TrimEnd('/') : $"{request.Scheme}://{request.Host}";

    /// <summary>For the request being served (a handler that writes a message); the configured address outside a request.</summary>
    /// <summary>
    /// For background work (no request to take an origin from): the configured address, or null, having logged that
    /// <paramref name="what"/> is not written, since its links need the address people open LaunchPath at.
    /// </summary>
    public string? ForBackground(ILogger logger, string what)
    {
        if (options.Value.PublicUrl is { Length: > 0 } configured)
        {
            return configured.TrimEnd('/');
        }

        logger.LogWarning("Messaging:PublicUrl is not set: {What} not written, since their links need the address people open LaunchPath at", what);
        return null;
    }

    public string Current => accessor.HttpContext?.Request is { } request ? For(request) : options.Value.PublicUrl.TrimEnd('/');
}
