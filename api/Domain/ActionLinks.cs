using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using LaunchPath.Api.Infrastructure.Http;

namespace LaunchPath.Api.Domain;

/// <summary>
/// One-time action links for people without an account (a guardian acknowledging an agreement, a supervisor deciding
/// hours): a random token that is sent once and stored only as its SHA-256, valid for <see cref="Lifetime"/>, used once
/// (a conditional write decides, so two clicks cannot both act).
/// </summary>
internal static class ActionLinks
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(14);

    public const string Acknowledge = "acknowledge";

    public const string ApproveHours = "approveHours";

    private const string Insert =
        "INSERT INTO action_links (id, token_hash, purpose, placement_id, party, hours_entry_id, expires_at, created_by, created_at) " +
        "VALUES (@Id, @TokenHash, @Purpose, @PlacementId, @Party, @HoursEntryId, @ExpiresAt, @UserId, @Now)";

    private const string Select =
        "SELECT id, placement_id, party, hours_entry_id, expires_at, used_at FROM action_links WHERE token_hash = @TokenHash AND purpose = @Purpose";

    private const string UseOnce = "UPDATE action_links SET used_at = @Now WHERE id = @Id AND used_at IS NULL";

    public static IEnumerable<string> Statements => [Insert, Select, UseOnce];

    public static readonly Error UsedOrExpired = new(ErrorKind.Gone, "Link no longer valid", "This link was already used or has expired. Ask the school for a new one.");

    /// <summary>A stored link.</summary>
    public sealed class Link
    {
        public Guid Id { get; set; }
        public Guid PlacementId { get; set; }
        public string? Party { get; set; }
        public Guid? HoursEntryId { get; set; }
        public DateTimeOffset ExpiresAt { get; set; }
        public DateTimeOffset? UsedAt { get; set; }
    }

    /// <summary>Issues a link and returns its token (shown once, never stored) and when it expires.</summary>
    public static async Task<(string Token, DateTimeOffset ExpiresAt)> IssueAsync(DbConnection connection, string purpose, Guid placementId, string? party, Guid? hoursEntryId,
        Guid? createdBy, DateTimeOffset now, CancellationToken cancellationToken, DbTransaction? transaction = null)
    {
        var token = NewToken();
        var expires = now + Lifetime;
        await connection.ExecuteAsync(new CommandDefinition(Insert, new
        {
            Id = Guid.CreateVersion7(), TokenHash = Hash(token), Purpose = purpose, PlacementId = placementId, Party = party, HoursEntryId = hoursEntryId,
            ExpiresAt = expires, UserId = createdBy, Now = now,
        }, transaction, cancellationToken: cancellationToken));
        return (token, expires);
    }

    /// <summary>The live link for a token: 404 when there is none, 410 once used or expired.</summary>
    public static async Task<(Link? Link, Error? Error)> FindAsync(DbConnection connection, string token, string purpose, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var link = token.Length is < 20 or > 100 ? null
            : await connection.QuerySingleOrDefaultAsync<Link>(new CommandDefinition(Select, new { TokenHash = Hash(token), Purpose = purpose }, cancellationToken: cancellationToken));
        if (link is null)
        {
            return (null, Error.NotFound("Link"));
        }

        return link.UsedAt is not null || link.ExpiresAt < now ? (null, UsedOrExpired) : (link, null);
    }

    /// <summary>Marks the link used; false when another request used it first.</summary>
    public static async Task<bool> UseOnceAsync(DbConnection connection, Guid id, DateTimeOffset now, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(new CommandDefinition(UseOnce, new { Id = id, Now = now }, cancellationToken: cancellationToken)) == 1;

    /// <summary>A new one-time token: 32 random bytes, URL-safe base64 (43 characters).</summary>
    internal static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).Replace('+', '-').Replace('/', '_').TrimEnd('=');

    /// <summary>What is stored of a token: its SHA-256, hex.</summary>
    internal static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
