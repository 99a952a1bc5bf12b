using System.Data.Common;
using Dapper;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Messaging;

namespace LaunchPath.Api.Domain;

/// <summary>
/// One-time links to set an account's password: an invitation (a new account's first password, 7 days) or a reset
/// (1 hour). The token is shown once, in the email; only its hash is stored. Setting the password uses the link
/// (a conditional write: once), and signs out every session issued before.
/// </summary>
internal static class AccountLinks
{
    public const string Invitation = "invitation";

    public const string PasswordReset = "passwordReset";

    public static TimeSpan Lifetime(string purpose) => purpose == Invitation ? TimeSpan.FromDays(7) : TimeSpan.FromHours(1);

    private const string Insert =
        "INSERT INTO account_links (id, token_hash, purpose, user_id, expires_at, created_by, created_at) VALUES (@Id, @TokenHash, @Purpose, @UserId, @ExpiresAt, @CreatedBy, @Now)";

    private const string Select =
        "SELECT l.id, l.purpose, l.user_id, l.expires_at, l.used_at, u.email, u.display_name, u.disabled FROM account_links l JOIN users u ON u.id = l.user_id " +
        "WHERE l.token_hash = @TokenHash";

    private const string UseOnce = "UPDATE account_links SET used_at = @Now WHERE id = @Id AND used_at IS NULL AND expires_at > @Now";

    /// <summary>Older unused links of the same purpose stop working when a new one is issued or one is used.</summary>
    private const string Retire = "UPDATE account_links SET used_at = @Now WHERE user_id = @UserId AND used_at IS NULL AND id <> @Keep";

    private const string SelectRecipient =
        "SELECT u.email, u.display_name, p.preferred_language, r.name AS region_name FROM users u " +
        "LEFT JOIN people p ON p.user_id = u.id LEFT JOIN memberships m ON m.user_id = u.id LEFT JOIN organizations o ON o.id = m.organization_id " +
        "LEFT JOIN organizations r ON r.id = o.region_id WHERE u.id = @UserId";

    public static IEnumerable<string> Statements => [Insert, Select, UseOnce, Retire, SelectRecipient, .. Outbox.Statements];

    public sealed class Link
    {
        public Guid Id { get; set; }
        public string Purpose { get; set; } = "";
        public Guid UserId { get; set; }
        public DateTimeOffset ExpiresAt { get; set; }
        public DateTimeOffset? UsedAt { get; set; }
        public string Email { get; set; } = "";
        public string DisplayName { get; set; } = "";
        public bool Disabled { get; set; }
    }

    /// <summary>
    /// Issues a link for <paramref name="userId"/> and writes its email (template account.invitation or
    /// account.passwordReset) in <paramref name="transaction"/>; earlier unused links of the account stop working.
    /// A guardian's invitation names the child (<paramref name="student"/>) it lets them follow.
    /// </summary>
    public static async Task<Guid> SendAsync(DbConnection connection, DbTransaction transaction, Outbox outbox, string purpose, Guid userId, string baseUrl, Guid? createdBy,
        DateTimeOffset now, CancellationToken cancellationToken, string? student = null)
    {
        var token = ActionLinks.NewToken();
        var id = Guid.CreateVersion7();
        var expires = now + Lifetime(purpose);
        await connection.ExecuteAsync(new CommandDefinition(Insert, new { Id = id, TokenHash = ActionLinks.Hash(token), Purpose = purpose, UserId = userId, ExpiresAt = expires, CreatedBy = createdBy, Now = now },
            transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(Retire, new { UserId = userId, Keep = id, Now = now }, transaction, cancellationToken: cancellationToken));
        var recipient = (await connection.QueryAsync<Recipient>(new CommandDefinition(SelectRecipient, new { UserId = userId }, transaction, cancellationToken: cancellationToken)))
            .OrderBy(r => r.RegionName is null).First();
        var language = MessageTemplates.LanguageFor(recipient.PreferredLanguage);
        return await outbox.EnqueueAsync(connection, transaction, new Envelope(purpose == Invitation ? "account.invitation" : "account.passwordReset", language, recipient.Email,
            recipient.DisplayName, new Dictionary<string, object>
            {
                ["recipient"] = recipient.DisplayName,
                ["email"] = recipient.Email,
                ["link"] = $"{baseUrl.TrimEnd('/')}/set-password/{token}",
                ["expires"] = MessageDates.Date(expires, MessageDates.Zone(null), language),
                ["region"] = recipient.RegionName ?? "LaunchPath",
                ["student"] = student ?? "",
            }, HoldsSecret: true, CreatedBy: createdBy), cancellationToken);
    }

    /// <summary>The link for a token: 404 when there is none, 410 (saying why) once used, expired or the account disabled.</summary>
    public static async Task<(Link? Link, Error? Error)> FindAsync(DbConnection connection, string token, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var link = token.Length is < 20 or > 100 ? null
            : await connection.QuerySingleOrDefaultAsync<Link>(new CommandDefinition(Select, new { TokenHash = ActionLinks.Hash(token) }, cancellationToken: cancellationToken));
        if (link is null || link.Disabled)
        {
            return (null, Error.NotFound("Link"));
        }

        if (link.UsedAt is not null)
        {
            return (null, new Error(ErrorKind.Gone, "Link already used",
                "This link was already used, or a newer one was sent. Ask for a new one: \"Forgot password\" on the sign-in page."));
        }

        return link.ExpiresAt <= now
            ? (null, new Error(ErrorKind.Gone, "Link expired",
                link.Purpose == Invitation
                    ? "This invitation has expired. Ask the person who invited you to send a new one."
                    : "This link has expired (reset links work for one hour). Ask for a new one: \"Forgot password\" on the sign-in page."))
            : (link, null);
    }

    /// <summary>Marks the link used (and the account's other links with it); false when another request used it first or it expired.</summary>
    public static async Task<bool> UseOnceAsync(DbConnection connection, DbTransaction transaction, Link link, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await connection.ExecuteAsync(new CommandDefinition(UseOnce, new { link.Id, Now = now }, transaction, cancellationToken: cancellationToken)) != 1)
        {
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition(Retire, new { link.UserId, Keep = link.Id, Now = now }, transaction, cancellationToken: cancellationToken));
        return true;
    }

    private sealed class Recipient
    {
        public string Email { get; set; } = "";
        public string DisplayName { get; set; } = "";
        public string? PreferredLanguage { get; set; }
        public string? RegionName { get; set; }
    }
}
