using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LaunchPath.Api.Infrastructure.Security;

public sealed class AuthOptions
{
    public const string Section = "Auth";
    public const string Issuer = "launchpath";
    public const string Audience = "launchpath-api";

    /// <summary>
    /// Base64 HMAC-SHA256 key (at least 32 bytes) managed by the operator. When empty (the default), the nodes share
    /// keys kept in the database, rotated every <see cref="SigningKeyRotationDays"/>.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>A key file from before keys lived in the database: imported once, so its tokens stay valid.</summary>
    public string SigningKeyFile { get; set; } = "data/jwt-signing.key";

    /// <summary>How long one database signing key signs new tokens; older keys keep validating the tokens they signed.</summary>
    public int SigningKeyRotationDays { get; set; } = 30;

    public int TokenLifetimeMinutes { get; set; } = 60;

    /// <summary>District SSO: an OpenID Connect authority whose access tokens are accepted too (users are linked by "issuer|sub").</summary>
    public OidcOptions Oidc { get; set; } = new();

    public sealed class OidcOptions
    {
        public string? Authority { get; set; }
        public string? Audience { get; set; }
        public bool RequireHttpsMetadata { get; set; } = true;
        public bool Enabled => !string.IsNullOrWhiteSpace(Authority);
    }
}

public sealed class TokenIssuer(SigningKeys signingKeys, AuthOptions options, TimeProvider clock)
{
    public (string Token, DateTimeOffset ExpiresAt) Issue(Guid userId)
    {
        var now = clock.GetUtcNow();
        var expires = now.AddMinutes(options.TokenLifetimeMinutes);
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = AuthOptions.Issuer,
            Audience = AuthOptions.Audience,
            Subject = new ClaimsIdentity([new Claim(CallerLoader.UserIdClaim, userId.ToString("D"))]),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(signingKeys.Issuing, SecurityAlgorithms.HmacSha256),
        });
        return (token, expires);
    }
}
