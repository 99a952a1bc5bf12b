using Microsoft.Extensions.Options;

namespace LaunchPath.Api.Infrastructure.Messaging;

/// <summary>Where links in messages point: Messaging:PublicUrl (the SPA's address) or, without it, the request's origin.</summary>
public sealed class PublicUrl(IOptions<MessagingOptions> options, IHttpContextAccessor accessor)
{
    public string For(HttpRequest request) =>
        options.Value.PublicUrl is { Length: > 0 } configured ? configured.TrimEnd('/') : $"{request.Scheme}://{request.Host}";

    /// <summary>For the request being served (a handler that writes a message); the configured address outside a request.</summary>
    public string Current => accessor.HttpContext?.Request is { } request ? For(request) : options.Value.PublicUrl.TrimEnd('/');
}
