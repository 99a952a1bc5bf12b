using System.Security.Cryptography;
using System.Text;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Contracts.Identity;

namespace LaunchPath.Api.Infrastructure.Security;

/// <summary>
/// API keys look like "lp_{prefix}_{secret}": the prefix (public, indexed) finds the key, the 256-bit secret is
/// compared against its stored SHA-256 hash in constant time. A high-entropy random secret needs no slow hash.
/// </summary>
public static class ApiKeyFormat
{
    public const string Header = "X-Api-Key";

    public static (string Key, string Prefix, string SecretHash) Generate()
    {
        var prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        return ($"lp_{prefix}_{secret}", prefix, Hash(secret));
    }

    public static bool TryParse(string? key, out string prefix, out string secret)
    {
        prefix = secret = "";
        if (string.IsNullOrEmpty(key) || key.Length > 200 || !key.StartsWith("lp_", StringComparison.Ordinal))
        {
            return false;
        }

        var parts = key.Split('_', 3);
        if (parts.Length != 3 || parts[1].Length != 12 || parts[2].Length < 20)
        {
            return false;
        }

        (prefix, secret) = (parts[1], parts[2]);
        return true;
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static bool Matches(string secret, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(storedHash));

    public static string FormatPermissions(IEnumerable<Permission> permissions) =>
        string.Join(' ', permissions.Distinct().Order().Select(p => DbEnum.ToText(p)));

    public static IEnumerable<Permission> ParsePermissions(string text) =>
        text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(DbEnum.Parse<Permission>);

    private static string Base64UrlEncode(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes).Replace('_', '-');
}
