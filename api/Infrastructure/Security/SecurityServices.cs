using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Mvc;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LaunchPath.Api.Infrastructure.Security;

public static class SecurityServices
{
    /// <summary>Chooses the scheme per request: X-Api-Key, an external (SSO) bearer token, or a LaunchPath bearer token.</summary>
    public const string DefaultScheme = "LaunchPath";
    public const string LocalBearerScheme = "Bearer";
    public const string OidcScheme = "Oidc";
    public const string SignInPolicy = "sign-in";
    public const string LinkPolicy = "link";
    public const string PublicFormPolicy = "public-form";

    /// <summary>
    /// Limits an anonymous endpoint that takes a secret (a password, a one-time link) to a few attempts per minute per
    /// client, and documents the limiter's 429 answer.
    /// </summary>
    public static RouteHandlerBuilder RequireSignInRateLimit(this RouteHandlerBuilder builder) =>
        builder.RequireRateLimiting(SignInPolicy).ProducesProblem(StatusCodes.Status429TooManyRequests);

    /// <summary>
    /// Limits a one-time link endpoint per link (its own budget: a failed sign-in burst never blocks a guardian's link),
    /// under a ceiling per client address for all link requests; documents the 429.
    /// </summary>
    public static RouteHandlerBuilder RequireLinkRateLimit(this RouteHandlerBuilder builder) =>
        builder.RequireRateLimiting(LinkPolicy).ProducesProblem(StatusCodes.Status429TooManyRequests);

    /// <summary>
    /// Limits a public form that creates something (the partner application) to a few submissions per hour per client
    /// address, and documents the 429.
    /// </summary>
    public static RouteHandlerBuilder RequirePublicFormRateLimit(this RouteHandlerBuilder builder) =>
        builder.RequireRateLimiting(PublicFormPolicy).ProducesProblem(StatusCodes.Status429TooManyRequests);

    public static IServiceCollection AddLaunchPathSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        services.AddSingleton(options);
        services.AddSingleton<SigningKeys>();
        services.AddHostedService<SigningKeyRefresh>();
        services.AddSingleton<TokenIssuer>();
        services.AddScoped<CallerLoader>();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<CallerCache>();
        services.AddHostedService<AccessChangeWatcher>();

        var authentication = services.AddAuthentication(DefaultScheme)
            .AddPolicyScheme(DefaultScheme, "API key or bearer token", policy => policy.ForwardDefaultSelector = context =>
            {
                if (context.Request.Headers.ContainsKey(ApiKeyFormat.Header))
                {
                    return ApiKeyAuthenticationHandler.SchemeName;
                }

                return options.Oidc.Enabled && IsExternalToken(context) ? OidcScheme : LocalBearerScheme;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, LocalBearerHandler>(LocalBearerScheme, null);
        services.AddSingleton<TokenCache>();

        if (options.Oidc.Enabled)
        {
            authentication.AddJwtBearer(OidcScheme, jwt =>
            {
                jwt.Authority = options.Oidc.Authority;
                jwt.Audience = options.Oidc.Audience;
                jwt.RequireHttpsMetadata = options.Oidc.RequireHttpsMetadata;
                jwt.MapInboundClaims = false;
                jwt.Events = new JwtBearerEvents
                {
                    OnTokenValidated = async context =>
                    {
                        var issuer = context.SecurityToken.Issuer;
                        var subject = context.Principal!.FindFirst("sub")?.Value;
                        var loader = context.HttpContext.RequestServices.GetRequiredService<CallerLoader>();
                        if (subject is null || await loader.ForExternalSubjectAsync(context.HttpContext, $"{issuer}|{subject}", context.HttpContext.RequestAborted) is null)
                        {
                            context.Fail("No LaunchPath account is linked to this identity.");
                        }
                    },
                };
            });
        }

        // Secure by default: every endpoint needs a signed-in caller (a token or an API key) unless it says AllowAnonymous
        // (health, sign-in, one-time links); AnonymousEndpointsTests lists those and fails when one is added unnamed.
        services.AddAuthorization(authorization => authorization.FallbackPolicy = authorization.DefaultPolicy);

        services.AddLaunchPathRateLimits(configuration);
        return services;
    }

    private static bool IsExternalToken(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        try
        {
            return new JsonWebToken(header["Bearer ".Length..].Trim()).Issuer != AuthOptions.Issuer;
        }
        catch (ArgumentException)
        {
            return false; // not a JWT at all: the local scheme rejects it
        }
    }

    /// <summary>
    /// 429 with Retry-After: public form submissions per client address (RateLimits:PublicFormsPerHour), sign-in attempts per client address (a ceiling a classroom behind one address stays under;
    /// failed attempts per account are <see cref="SignInThrottle"/>'s), one-time link requests per link and per address,
    /// and every request per API key. Counted on each node (a per-node ceiling); the account throttle is shared.
    /// </summary>
    private static void AddLaunchPathRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var signInPerMinute = configuration.GetValue("RateLimits:SignInPerMinute", 60);
        var linkPerMinute = configuration.GetValue("RateLimits:LinkPerMinute", 10);
        var linksPerAddressPerMinute = configuration.GetValue("RateLimits:LinksPerAddressPerMinute", 120);
        var apiKeyPerMinute = configuration.GetValue("RateLimits:ApiKeyPerMinute", 600);
        var publicFormsPerHour = configuration.GetValue("RateLimits:PublicFormsPerHour", 10);
        FixedWindowRateLimiterOptions PerMinute(int limit) => new() { PermitLimit = limit, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 };
        static string Address(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(SignInPolicy, http => RateLimitPartition.GetFixedWindowLimiter("sign-in:" + Address(http), _ => PerMinute(signInPerMinute)));
            // Keyed by a hash of the link's token: the token itself is a secret and is not kept, even in memory keys.
            limiter.AddPolicy(LinkPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                "link:" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(http.Request.RouteValues["token"]?.ToString() ?? "")))[..16],
                _ => PerMinute(linkPerMinute)));
            limiter.AddPolicy(PublicFormPolicy, http => RateLimitPartition.GetFixedWindowLimiter("public-form:" + Address(http),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = publicFormsPerHour, Window = TimeSpan.FromHours(1), QueueLimit = 0 }));
            limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(http =>
                    ApiKeyFormat.TryParse(http.Request.Headers[ApiKeyFormat.Header].ToString(), out var prefix, out _)
                        ? RateLimitPartition.GetFixedWindowLimiter("key:" + prefix, _ => PerMinute(apiKeyPerMinute))
                        : RateLimitPartition.GetNoLimiter("none")),
                PartitionedRateLimiter.Create<HttpContext, string>(http =>
                    http.Request.Path.StartsWithSegments("/api/v1/links")
                        ? RateLimitPartition.GetFixedWindowLimiter("links:" + Address(http), _ => PerMinute(linksPerAddressPerMinute))
                        : RateLimitPartition.GetNoLimiter("none")));
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? (int)Math.Ceiling(wait.TotalSeconds) : 60;
                context.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many requests",
                        Detail = $"Rate limit reached. Retry after {retryAfter} seconds.",
                    },
                });
            };
        });
    }
}
