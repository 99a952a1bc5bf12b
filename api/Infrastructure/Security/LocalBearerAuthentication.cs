using System.Collections.Concurrent;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LaunchPath.Api.Infrastructure.Security;

/// <summary>
/// LaunchPath's own bearer tokens (HS256, signed with the database's signing keys): a token is validated once, then
/// remembered for <see cref="TokenCache.Recheck"/> (never past its expiry), so a signed-in user's next requests skip the
/// parse and the signature check. The caller behind it comes from <see cref="CallerLoader"/> (itself cached, forgotten
/// when access changes), so a disabled user or a removed role still stops working at once.
/// </summary>
public sealed class LocalBearerHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    TokenCache tokens,
    CallerLoader callers) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var token = header.AsSpan("Bearer ".Length).Trim().ToString();
        if (token.Length == 0)
        {
            return AuthenticateResult.NoResult();
        }

        var principal = await tokens.ValidateAsync(token);
        if (principal is null)
        {
            return AuthenticateResult.Fail("The token is malformed, expired or not signed by LaunchPath.");
        }

        var userId = CallerLoader.ClaimGuid(principal, CallerLoader.UserIdClaim);
        var caller = userId is null ? null : await callers.ForUserAsync(Context, userId.Value, Context.RequestAborted);
        if (caller is null)
        {
            return AuthenticateResult.Fail("The account no longer exists or is disabled.");
        }

        // A password set since the token was issued signs it out (iat is in whole seconds).
        if (caller.TokensValidAfter is { } after && long.TryParse(principal.FindFirst("iat")?.Value, out var issuedAt) && issuedAt < after.ToUnixTimeSeconds())
        {
            return AuthenticateResult.Fail("The account's password was changed since this sign-in.");
        }

        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    /// <summary>401 with <c>WWW-Authenticate: Bearer</c> (RFC 6750), naming <c>invalid_token</c> when one was refused.</summary>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var refused = (await HandleAuthenticateOnceSafeAsync()).Failure is not null;
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = refused ? "Bearer error=\"invalid_token\"" : "Bearer";
    }
}

/// <summary>
/// Validates LaunchPath tokens and remembers the valid ones. A remembered token is trusted again for at most
/// <see cref="Recheck"/>, and never after it expires; the cache is emptied when it grows past <see cref="Capacity"/>
/// (a flood of distinct valid tokens costs a re-validation each, never memory without bound). Invalid tokens are not
/// remembered: only a token that validated is ever a key.
/// </summary>
public sealed class TokenCache(SigningKeys keys, TimeProvider clock)
{
    public static readonly TimeSpan Recheck = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan Skew = TimeSpan.FromSeconds(30);
    private const int Capacity = 100_000;
    private readonly ConcurrentDictionary<string, (ClaimsPrincipal Principal, long Until)> _valid = new(StringComparer.Ordinal);
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private TokenValidationParameters? _parameters;

    public TokenValidationParameters Parameters => _parameters ??= new TokenValidationParameters
    {
        ValidIssuer = AuthOptions.Issuer,
        ValidAudience = AuthOptions.Audience,
        // Every node's keys, from the database: a token signed on one node validates on all.
        IssuerSigningKeyResolver = (_, _, keyId, _) => keys.Resolve(keyId),
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ClockSkew = Skew,
        // Tokens are issued on the API's TimeProvider; validate their lifetime on the same clock.
        LifetimeValidator = (notBefore, expires, _, _) =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            return (notBefore is null || notBefore.Value <= now + Skew) && expires is not null && expires.Value > now - Skew;
        },
    };

    /// <summary>The token's principal, or null when it is not a valid LaunchPath token now.</summary>
    public async ValueTask<ClaimsPrincipal?> ValidateAsync(string token)
    {
        var now = clock.GetUtcNow().UtcTicks;
        if (_valid.TryGetValue(token, out var known))
        {
            if (known.Until > now)
            {
                return known.Principal;
            }

            _valid.TryRemove(token, out _);
        }

        TokenValidationResult result;
        try
        {
            result = await _handler.ValidateTokenAsync(token, Parameters);
        }
        catch (ArgumentException)
        {
            return null; // not a JWT at all
        }

        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt)
        {
            return null;
        }

        var principal = new ClaimsPrincipal(result.ClaimsIdentity);
        var until = Math.Min((clock.GetUtcNow() + Recheck).UtcTicks, (jwt.ValidTo + Skew).Ticks);
        if (_valid.Count >= Capacity)
        {
            _valid.Clear();
        }

        _valid[token] = (principal, until);
        return principal;
    }
}
