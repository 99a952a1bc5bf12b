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

    /// <summary>Base64 HMAC-SHA256 key (at least 32 bytes). When empty, the key in <see cref="SigningKeyFile"/> is used, created on first run.</summary>
    public string? SigningKey { get; set; }

    public string SigningKeyFile { get; set; } = "data/jwt-signing.key";

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

/// <summary>The key that signs LaunchPath's own access tokens.</summary>
public sealed class SigningKey
{
    public SigningKey(AuthOptions options, ILogger<SigningKey> logger)
    {
        byte[] bytes;
        if (!string.IsNullOrWhiteSpace(options.SigningKey))
        {
            bytes = Convert.FromBase64String(options.SigningKey);
        }
        else if (File.Exists(options.SigningKeyFile))
        {
            bytes = Convert.FromBase64String(File.ReadAllText(options.SigningKeyFile).Trim());
        }
        else
        {
            bytes = RandomNumberGenerator.GetBytes(32);
            var directory = Path.GetDirectoryName(Path.GetFullPath(options.SigningKeyFile));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            File.WriteAllText(options.SigningKeyFile, Convert.ToBase64String(bytes));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(options.SigningKeyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            logger.LogWarning("Generated a token signing key in {File}; set Auth:SigningKey for servers that share tokens", options.SigningKeyFile);
        }

        if (bytes.Length < 32)
        {
            throw new InvalidOperationException("Auth:SigningKey must be at least 32 bytes (base64).");
        }

        Key = new SymmetricSecurityKey(bytes) { KeyId = "launchpath-" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..8] };
    }

    public SymmetricSecurityKey Key { get; }
}

public sealed class TokenIssuer(SigningKey signingKey, AuthOptions options, TimeProvider clock)
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
            SigningCredentials = new SigningCredentials(signingKey.Key, SecurityAlgorithms.HmacSha256),
        });
        return (token, expires);
    }
}
