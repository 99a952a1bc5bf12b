using System.Data.Common;
using Dapper;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Messaging;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Placements;

namespace LaunchPath.Api.Domain;

/// <summary>
/// Emails a training agreement's one-time acknowledgement links: to each guardian on the student's record who has an
/// email address (for a minor), in the guardian's language (else the student's), and to the supervisor named in the
/// agreement. Each message carries a fresh link of its own; the message is a FERPA disclosure when it goes to the
/// employer's supervisor. Everything is written in the caller's transaction.
/// </summary>
internal static class AgreementMessages
{
    public const string GuardianTemplate = "agreement.guardian";

    public const string SupervisorTemplate = "agreement.supervisor";

    private const string SelectGuardians =
        "SELECT p.id, p.given_name, p.preferred_name, p.family_name, p.email, p.preferred_language FROM guardianships g JOIN people p ON p.id = g.guardian_id " +
        "WHERE g.student_id = @StudentId AND p.status = 'active' AND p.email IS NOT NULL ORDER BY p.family_name, p.given_name";

    private const string SelectStudentLanguage = "SELECT preferred_language FROM people WHERE id = @Id";

    private const string SelectRegion = "SELECT name, time_zone FROM organizations WHERE id = @Id";

    public static IEnumerable<string> Statements => [SelectGuardians, SelectStudentLanguage, SelectRegion, .. ActionLinks.Statements, .. Disclosures.Statements, .. Outbox.Statements];

    /// <summary>One message written: its id, to whom (by role) and where.</summary>
    public sealed record Sent(Guid MessageId, AgreementParty Party, string Address);

    /// <summary>
    /// Writes the link messages for <paramref name="parties"/> (guardian, supervisor) of <paramref name="placement"/>;
    /// the guardian's only when the student is a minor. Returns what was written (none for a party without an address).
    /// </summary>
    public static async Task<List<Sent>> WriteAsync(DbConnection connection, DbTransaction transaction, Outbox outbox, PlacementRecord placement,
        Contracts.Placements.AgreementRequest terms, IReadOnlyCollection<AgreementParty> parties, string baseUrl, Guid? createdBy, DateTimeOffset now,
        CancellationToken cancellationToken, bool reminder = false)
    {
        var sent = new List<Sent>();
        var region = await connection.QuerySingleAsync<RegionRow>(new CommandDefinition(SelectRegion, new { Id = placement.RegionId }, transaction, cancellationToken: cancellationToken));
        var zone = MessageDates.Zone(region.TimeZone);
        var student = PersonNames.Full(placement.GivenName, placement.PreferredName, placement.FamilyName);
        Dictionary<string, object> Values(string recipient, string link, DateTimeOffset expires, string language) => new()
        {
            ["recipient"] = recipient,
            ["student"] = student,
            ["opportunity"] = placement.OpportunityTitle,
            ["employer"] = placement.EmployerName,
            ["region"] = region.Name,
            ["link"] = link,
            ["expires"] = MessageDates.Date(expires, zone, language),
            ["reminder"] = reminder,
        };

        async Task<string> LinkAsync(AgreementParty party)
        {
            var (token, _) = await ActionLinks.IssueAsync(connection, ActionLinks.Acknowledge, placement.Id, DbEnum.ToText(party), null, createdBy, now, cancellationToken, transaction);
            return $"{baseUrl.TrimEnd('/')}/acknowledge/{token}";
        }

        var expiresAt = now + ActionLinks.Lifetime;
        if (parties.Contains(AgreementParty.Guardian) && placement.IsMinor(DateOnly.FromDateTime(now.UtcDateTime)))
        {
            var studentLanguage = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(SelectStudentLanguage, new { Id = placement.StudentId }, transaction,
                cancellationToken: cancellationToken));
            foreach (var guardian in await connection.QueryAsync<GuardianRow>(new CommandDefinition(SelectGuardians, new { placement.StudentId }, transaction, cancellationToken: cancellationToken)))
            {
                var language = MessageTemplates.LanguageFor(guardian.PreferredLanguage ?? studentLanguage);
                var name = PersonNames.Full(guardian.GivenName, guardian.PreferredName, guardian.FamilyName);
                var id = await outbox.EnqueueAsync(connection, transaction, new Envelope(GuardianTemplate, language, guardian.Email!, name,
                    Values(name, await LinkAsync(AgreementParty.Guardian), expiresAt, language), guardian.Id, placement.Id, HoldsSecret: true, createdBy), cancellationToken);
                sent.Add(new Sent(id, AgreementParty.Guardian, guardian.Email!));
            }
        }

        if (parties.Contains(AgreementParty.Supervisor) && terms.SupervisorEmail.Length > 0)
        {
            var language = MessageTemplates.DefaultLanguage;
            var id = await outbox.EnqueueAsync(connection, transaction, new Envelope(SupervisorTemplate, language, terms.SupervisorEmail, terms.SupervisorName,
                Values(terms.SupervisorName, await LinkAsync(AgreementParty.Supervisor), expiresAt, language), null, placement.Id, HoldsSecret: true, createdBy), cancellationToken);
            await Disclosures.RecordAsync(connection, Caller.Anonymous,
                [new Disclosures.Disclosure(placement.StudentId, placement.EmployerId, "name, placement, training agreement link", "school official: the student's worksite supervisor",
                    $"Emailed the training agreement's acknowledgement link to the supervisor it names ({terms.SupervisorEmail})")],
                now, cancellationToken, transaction);
            sent.Add(new Sent(id, AgreementParty.Supervisor, terms.SupervisorEmail));
        }

        return sent;
    }

    private sealed class RegionRow
    {
        public string Name { get; set; } = "";
        public string? TimeZone { get; set; }
    }

    private sealed class GuardianRow
    {
        public Guid Id { get; set; }
        public string GivenName { get; set; } = "";
        public string? PreferredName { get; set; }
        public string FamilyName { get; set; } = "";
        public string? Email { get; set; }
        public string? PreferredLanguage { get; set; }
    }
}
