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

    private const string SelectRecipients =
        "SELECT p.id, p.kind, p.given_name, p.preferred_name, p.family_name, p.email, p.preferred_language FROM people p WHERE p.id = @StudentId AND p.email IS NOT NULL " +
        "UNION ALL SELECT g.id, g.kind, g.given_name, g.preferred_name, g.family_name, g.email, g.preferred_language FROM guardianships gs JOIN people g ON g.id = gs.guardian_id " +
        "WHERE gs.student_id = @StudentId AND g.status = 'active' AND g.email IS NOT NULL AND @Minor = 1";

    private const string SelectRegionName = "SELECT name FROM organizations WHERE id = @Id";

    private const string SelectStudentLanguage = "SELECT preferred_language FROM people WHERE id = @Id";

    public static IEnumerable<string> Statements => [SelectRecipients, SelectRegionName, SelectStudentLanguage, .. Outbox.Statements];

    /// <summary>The statuses people are told about.</summary>
    public static bool Tells(PlacementStatus status) =>
        status is PlacementStatus.Accepted or PlacementStatus.Declined or PlacementStatus.Approved or PlacementStatus.Active or PlacementStatus.Completed or PlacementStatus.Withdrawn;

    public static async Task<int> WriteAsync(DbConnection connection, DbTransaction transaction, Outbox outbox, PlacementRecord placement, PlacementStatus status, string? reason,
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
        foreach (var recipient in recipients)
        {
            var forGuardian = recipient.Kind == "guardian";
            var language = MessageTemplates.LanguageFor(recipient.PreferredLanguage ?? studentLanguage);
            var name = PersonNames.Full(recipient.GivenName, recipient.PreferredName, recipient.FamilyName);
            await outbox.EnqueueAsync(connection, transaction, new Envelope(Template, language, recipient.Email!, name, new Dictionary<string, object>
            {
                ["status"] = DbEnum.ToText(status),
                ["forGuardian"] = forGuardian,
                ["recipient"] = name,
                ["student"] = $"{studentFirst} {placement.FamilyName}".Trim(),
                ["studentFirst"] = studentFirst,
                ["opportunity"] = placement.OpportunityTitle,
                ["employer"] = placement.EmployerName,
                ["reason"] = reason?.Trim() ?? "",
                ["link"] = $"{baseUrl.TrimEnd('/')}/#/placements/{placement.Id:D}",
                ["region"] = region,
            }, recipient.Id, placement.Id, HoldsSecret: false, createdBy), cancellationToken);
        }

        return recipients.Count;
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
