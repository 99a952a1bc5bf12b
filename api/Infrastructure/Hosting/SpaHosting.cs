using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace LaunchPath.Api.Infrastructure.Hosting;

/// <summary>
/// One origin: the API serves the built SPA (<c>npm run build</c> → client/dist) from <c>Spa:Path</c>, or from
/// <c>wwwroot</c> under the content root when that holds an index.html. Hashed assets are cached for a year, index.html
/// never; every other GET that is not the API's (the client's routes, the one-time link pages /acknowledge/*,
/// /hours/* and /set-password/*) answers index.html. Without a built SPA nothing is mapped (development: the Vite dev server serves it).
/// </summary>
public static class SpaHosting
{
    private static readonly string[] ApiPrefixes = ["/api", "/health", "/swagger", "/metrics"];

    public static string? SpaPath(this WebApplication app)
    {
        var path = app.Configuration["Spa:Path"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured, app.Environment.ContentRootPath)
            : Path.Combine(app.Environment.ContentRootPath, "wwwroot");
        return File.Exists(Path.Combine(path, "index.html")) ? path : null;
    }

    /// <summary>Serves the SPA's files (before authentication: they are public) when there is a built SPA.</summary>
    public static WebApplication UseSpaFiles(this WebApplication app)
    {
        if (app.SpaPath() is not { } path)
        {
            return app;
        }

        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(path),
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                if (context.File.Name == "index.html")
                {
                    Page(headers);
                }
                else
                {
                    // Vite names what it builds under assets/ by content hash: a changed file is a new name.
                    headers.CacheControl = context.Context.Request.Path.StartsWithSegments("/assets") ? "public, max-age=31536000, immutable" : "public, max-age=3600";
                }
            },
        });
        return app;
    }

    /// <summary>
    /// Answers the client's routes with index.html (GET and HEAD outside the API); a missing file (a path with an
    /// extension, such as an old asset) is a 404, not the app.
    /// </summary>
    public static WebApplication MapSpaFallback(this WebApplication app)
    {
        if (app.SpaPath() is not { } path)
        {
            return app;
        }

        var index = Path.Combine(path, "index.html");
        app.MapMethods("{*path}", [HttpMethods.Get, HttpMethods.Head], (HttpContext context) =>
            {
                if (ApiPrefixes.Any(prefix => context.Request.Path.StartsWithSegments(prefix)) || Path.HasExtension(context.Request.Path.Value))
                {
                    return Results.NotFound(); // the API's own 404 (a problem), not the app
                }

                Page(context.Response.Headers);
                return Results.File(index, "text/html; charset=utf-8");
            })
            .WithOrder(int.MaxValue)
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }

    private static void Page(IHeaderDictionary headers)
    {
        headers.CacheControl = "no-cache";
        // One-time link pages carry their token in the path: never send it on in a Referer.
        headers["Referrer-Policy"] = "no-referrer";
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        headers[HeaderNames.XFrameOptions] = "DENY";
    }
}
