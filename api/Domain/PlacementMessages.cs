using System.Data.Common;
using Dapper;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Messaging;
using LaunchPath.Contracts.Placements;

namespace LaunchPath.Api.Domain;

/// <summary>
/// Tells the student (and, for a minor, each guardian on record with an email address, in their language) that their
/// placement moved: accepted or declined by the employer, approved by the school, active, completed or withdrawn.
/// Written in the caller's transaction, with the change.
/// </summary>
internal static class PlacementMessages
{
    public const string Template = "placement.changed";

    /// <summary>To a minor's guardians when the student applies: what they applied to, and what comes next.</summary>
    public const string AppliedTemplate = "placement.requested";

    /// <summary>What a message says about the placement.</summary>
    public sealed record About(Guid PlacementId, Guid StudentId, Guid RegionId, DateOnly? BirthDate, string GivenName, string? PreferredName, string FamilyName,
        string Opportunity, string Employer)
    {
        public static About Of(PlacementRecord placement) => new(placement.Id, placement.StudentId, placement.RegionId, placement.BirthDate, placement.GivenName,
            placement.PreferredName, placement.FamilyName, placement.OpportunityTitle, placement.EmployerName);

        public bool IsMinor(DateOnly today) => BirthDate is not { } birth || birth.AddYears(18) > today;
    }

    private const string SelectRecipients =
        "SELECT p.id, p.kind, p.given_name, p.preferred_name, p.family_name, p.email, p.preferred_language FROM people p WHERE p.id = @StudentId AND p.email IS NOT NULL " +
        "UNION ALL SELECT g.id, g.kind, g.given_name, g.preferred_name, g.family_name, g.email, g.preferred_language FROM guardianships gs JOIN people g ON g.id = gs.guardian_id " +
        "WHERE gs.student_id = @StudentId AND g.status = 'active' AND g.email IS NOT NULL AND @Minor = 1";

    private const string SelectRegionName = "SELECT name FROM organizations WHERE id = @Id";

    private const string SelectStudentLanguage = "SELECT preferred_language FROM people WHERE id = @Id";

    public static IEnumerable<string> Statements => [SelectRecipients, SelectRegionName, SelectStudentLanguage, .. Outbox.Statements];

    /// <summary>The statuses people are told about (requested: a minor's guardians, when the student applied).</summary>
    public static bool Tells(PlacementStatus status) =>
        status is PlacementStatus.Requested or PlacementStatus.Accepted or PlacementStatus.Declined or PlacementStatus.Approved or PlacementStatus.Active
            or PlacementStatus.Completed or PlacementStatus.Withdrawn;

    public static Task<int> WriteAsync(DbConnection connection, DbTransaction transaction, Outbox outbox, PlacementRecord placement, PlacementStatus status, string? reason,
        string baseUrl, Guid? createdBy, DateTimeOffset now, CancellationToken cancellationToken) =>
        WriteAsync(connection, transaction, outbox, About.Of(placement), status, reason, baseUrl, createdBy, now, cancellationToken);

    public static async Task<int> WriteAsync(DbConnection connection, DbTransaction transaction, Outbox outbox, About placement, PlacementStatus status, string? reason,
        string baseUrl, Guid? createdBy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!Tells(status))
        {
            return 0;
        }

        var minor = placement.IsMinor(DateOnly.FromDateTime(now.UtcDateTime));
        var recipients = (await connection.QueryAsync<Recipient>(new CommandDefinition(SelectRecipients, new { placement.StudentId, Minor = minor ? 1 : 0 }, transaction,
            cancellationToken: cancellationToken))).ToList();
        if (recipients.Count == 0)
        {
            return 0;
        }

        var region = await connection.ExecuteScalarAsync<string>(new CommandDefinition(SelectRegionName, new { Id = placement.RegionId }, transaction, cancellationToken: cancellationToken)) ?? "";
        var studentLanguage = recipients.FirstOrDefault(r => r.Kind == "student")?.PreferredLanguage
                              ?? await connection.ExecuteScalarAsync<string?>(new CommandDefinition(SelectStudentLanguage, new { Id = placement.StudentId }, transaction,
                                  cancellationToken: cancellationToken));
        var studentFirst = PersonNames.First(placement.GivenName, placement.PreferredName);
        var applied = status == PlacementStatus.Requested;
        var told = 0;
        foreach (var recipient in recipients)
        {
            var forGuardian = recipient.Kind == "guardian";
            if (applied && !forGuardian)
            {
                continue; // the student knows they applied; their guardians hear of it
            }

            told++;
            var language = MessageTemplates.LanguageFor(recipient.PreferredLanguage ?? studentLanguage);
            var name = PersonNames.Full(recipient.GivenName, recipient.PreferredName, recipient.FamilyName);
            await outbox.EnqueueAsync(connection, transaction, new Envelope(applied ? AppliedTemplate : Template, language, recipient.Email!, name, new Dictionary<string, object>
            {
                ["status"] = DbEnum.ToText(status),
                ["forGuardian"] = forGuardian,
                ["recipient"] = name,
                ["student"] = $"{studentFirst} {placement.FamilyName}".Trim(),
                ["studentFirst"] = studentFirst,
                ["opportunity"] = placement.Opportunity,
                ["employer"] = placement.Employer,
                ["reason"] = reason?.Trim() ?? "",
                ["link"] = $"{baseUrl.TrimEnd('/')}/#/placements/{placement.PlacementId:D}",
                ["region"] = region,
            }, recipient.Id, placement.PlacementId, HoldsSecret: false, createdBy), cancellationToken);
        }

        return told;
    }

    private sealed class Recipient
    {
        public Guid Id { get; set; }
        public string Kind { get; set; } = "";
        public string GivenName { get; set; } = "";
        public string? PreferredName { get; set; }
        public string FamilyName { get; set; } = "";
        public string? Email { get; set; }
        public string? PreferredLanguage { get; set; }
    }
}
