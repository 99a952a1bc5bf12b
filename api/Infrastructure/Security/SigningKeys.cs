using System.Data.Common;
using System.Security.Cryptography;
using Dapper;
using LaunchPath.Api.Infrastructure.Data;
using Microsoft.IdentityModel.Tokens;

namespace LaunchPath.Api.Infrastructure.Security;

/// <summary>
/// The keys that sign LaunchPath's access tokens, shared by every node through the database, and the secret applicant
/// pseudonyms are derived from. One token key per rotation period, with a deterministic id (token-&lt;period&gt;), so
/// nodes racing to create it create one. A new key is published before it is used: nodes sign with the newest key that
/// every node has had time to load, and validate with all recent keys, so a rotation logs nobody out.
/// An operator-managed key (Auth:SigningKey) replaces all this.
/// </summary>
public sealed class SigningKeys(Db db, AuthOptions options, TimeProvider clock, ILogger<SigningKeys> logger) : ISqlSource
{
    /// <summary>How often a node reads the keys again; new keys wait twice this long before they sign.</summary>
    public static readonly TimeSpan Refresh = TimeSpan.FromMinutes(5);

    private const string Select = "SELECT key_id, purpose, material, created_at FROM signing_keys";

    private const string Insert = "INSERT INTO signing_keys (key_id, purpose, material, created_at) VALUES (@KeyId, @Purpose, @Material, @Now)";

    private const string Prune = "DELETE FROM signing_keys WHERE purpose = 'token' AND created_at < @Cutoff";

    public static IEnumerable<string> Statements(SqlDialect dialect) => [Select, Insert, Prune];

    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile Ring? _ring;
    private long _lastUnknownKid;

    private sealed record Ring(IReadOnlyList<SecurityKey> Valid, SymmetricSecurityKey Issuing, byte[] Pseudonym);

    private sealed class Row
    {
        public string KeyId { get; set; } = "";
        public string Purpose { get; set; } = "";
        public string Material { get; set; } = "";
        public DateTimeOffset CreatedAt { get; set; }
    }

    private TimeSpan Rotation => TimeSpan.FromDays(Math.Max(1, options.SigningKeyRotationDays));

    /// <summary>The key new tokens are signed with.</summary>
    public SymmetricSecurityKey Issuing => Current.Issuing;

    /// <summary>The secret applicant ids are derived from (never leaves the server; does not rotate).</summary>
    public byte[] PseudonymSecret => Current.Pseudonym;

    /// <summary>The keys a token may be signed with. An unknown key id makes this node read the keys again soon.</summary>
    public IEnumerable<SecurityKey> Resolve(string? keyId)
    {
        var ring = Current;
        if (keyId is not null && ring.Valid.All(k => k.KeyId != keyId))
        {
            var now = clock.GetUtcNow().UtcTicks;
            var last = Interlocked.Read(ref _lastUnknownKid);
            if (now - last > TimeSpan.FromSeconds(10).Ticks && Interlocked.CompareExchange(ref _lastUnknownKid, now, last) == last)
            {
                _ = Task.Run(() => RefreshQuietlyAsync(CancellationToken.None));
            }
        }

        return ring.Valid;
    }

    // The first use reads the keys (a request cannot be served without them); later reads happen in the background.
    private Ring Current => _ring ?? LoadAsync(CancellationToken.None).GetAwaiter().GetResult();

    public async Task RefreshQuietlyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await LoadAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "Could not read the signing keys; the ones already loaded stay in use");
        }
    }

    private async Task<Ring> LoadAsync(CancellationToken cancellationToken)
    {
        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (!string.IsNullOrWhiteSpace(options.SigningKey))
            {
                return _ring ??= Configured(Convert.FromBase64String(options.SigningKey));
            }

            var now = clock.GetUtcNow();
            await using var connection = await db.OpenAsync(cancellationToken);
            var rows = (await connection.QueryAsync<Row>(new CommandDefinition(Select, cancellationToken: cancellationToken))).ToList();
            var period = now.ToUnixTimeSeconds() / (long)Rotation.TotalSeconds;
            var created = false;
            var legacy = LegacyKey();
            if (!rows.Any(r => r.Purpose == "pseudonym"))
            {
                // Pseudonyms were derived from the signing key before it lived here: keep them stable across the upgrade.
                var secret = legacy is null ? RandomNumberGenerator.GetBytes(32) : PseudonymFrom(legacy);
                created |= await TryInsertAsync(connection, "pseudonym", "pseudonym", secret, now, cancellationToken);
            }

            if (!rows.Any(r => r.Purpose == "token") && legacy is { } file)
            {
                created |= await TryInsertAsync(connection, "token-legacy", "token", file, now, cancellationToken);
            }

            if (!rows.Any(r => r.KeyId == $"token-{period}"))
            {
                // The key of this rotation period; if another node made it first, theirs is the one.
                created |= await TryInsertAsync(connection, $"token-{period}", "token", RandomNumberGenerator.GetBytes(32), now, cancellationToken);
            }

            if (created)
            {
                await connection.ExecuteAsync(new CommandDefinition(Prune, new { Cutoff = now - 3 * Rotation }, cancellationToken: cancellationToken));
                rows = (await connection.QueryAsync<Row>(new CommandDefinition(Select, cancellationToken: cancellationToken))).ToList();
            }

            var tokens = rows.Where(r => r.Purpose == "token" && r.CreatedAt >= now - 2 * Rotation).OrderByDescending(r => r.CreatedAt).ToList();
            var keys = tokens.Select(r => new SymmetricSecurityKey(Convert.FromBase64String(r.Material)) { KeyId = r.KeyId }).ToList();
            // Sign with the newest key every node has had time to load; at first start, the only one there is.
            var published = tokens.FindIndex(r => r.CreatedAt <= now - 2 * Refresh);
            var issuing = keys[published >= 0 ? published : keys.Count - 1];
            var pseudonym = Convert.FromBase64String(rows.Single(r => r.Purpose == "pseudonym").Material);
            return _ring = new Ring(keys, issuing, pseudonym);
        }
        finally
        {
            _loading.Release();
        }
    }

    private async Task<bool> TryInsertAsync(DbConnection connection, string keyId, string purpose, byte[] material, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(Insert, new { KeyId = keyId, Purpose = purpose, Material = Convert.ToBase64String(material), Now = now },
                cancellationToken: cancellationToken));
            logger.LogInformation("Created the {Purpose} key {KeyId}", purpose, keyId);
            return true;
        }
        catch (DbException exception) when (db.Dialect.IsUniqueViolation(exception))
        {
            return true; // another node created it at the same moment
        }
    }

    private byte[]? LegacyKey()
    {
        if (!File.Exists(options.SigningKeyFile))
        {
            return null;
        }

        var bytes = Convert.FromBase64String(File.ReadAllText(options.SigningKeyFile).Trim());
        return bytes.Length >= 32 ? bytes : null;
    }

    private static byte[] PseudonymFrom(byte[] key) => HMACSHA256.HashData(key, "launchpath applicant id v1"u8);

    private static Ring Configured(byte[] bytes)
    {
        if (bytes.Length < 32)
        {
            throw new InvalidOperationException("Auth:SigningKey must be at least 32 bytes (base64).");
        }

        var key = new SymmetricSecurityKey(bytes) { KeyId = "launchpath-" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..8] };
        return new Ring([key], key, PseudonymFrom(bytes));
    }
}

/// <summary>Reads the signing keys again every few minutes, so a key another node created is known before it signs.</summary>
public sealed class SigningKeyRefresh(SigningKeys keys, TimeProvider clock) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SigningKeys.Refresh, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await keys.RefreshQuietlyAsync(stoppingToken);
        }
    }
}
