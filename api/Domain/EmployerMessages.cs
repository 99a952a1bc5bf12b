using System.Data.Common;
using Dapper;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Messaging;
using LaunchPath.Api.Infrastructure.Security;

namespace LaunchPath.Api.Domain;

/// <summary>
/// Tells an employer's admins (the accounts that manage its opportunities) what needs them: a curation decision on an
/// opportunity, a new applicant. What concerns a student says only what the employer may see of them (first name,
/// grade, school) and is written to the FERPA disclosure log, once per recipient. Written in the caller's transaction.
/// </summary>
internal static class EmployerMessages
{
    private const string SelectAdmins =
        "SELECT u.email, u.display_name FROM memberships m JOIN users u ON u.id = m.user_id " +
        "WHERE m.organization_id = @EmployerId AND m.role = 'employerAdmin' AND u.disabled = 0 ORDER BY u.email";

    private const string SelectRegionName = "SELECT r.name FROM organizations e JOIN organizations r ON r.id = e.region_id WHERE e.id = @EmployerId";

    public static IEnumerable<string> Statements => [SelectAdmins, SelectRegionName, .. Disclosures.Statements, .. Outbox.Statements];

    /// <summary>A student named in the message, for the disclosure log: who, and which fields the message shows.</summary>
    public sealed record AboutStudent(Guid StudentId, string Fields);

    public static async Task<int> WriteAsync(DbConnection connection, DbTransaction transaction, Outbox outbox, Guid employerId, string template,
        Dictionary<string, object> values, AboutStudent? student, Guid? placementId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var admins = (await connection.QueryAsync<Admin>(new CommandDefinition(SelectAdmins, new { EmployerId = employerId }, transaction, cancellationToken: cancellationToken))).ToList();
        if (admins.Count == 0)
        {
            return 0;
        }

        values["region"] = await connection.ExecuteScalarAsync<string>(new CommandDefinition(SelectRegionName, new { EmployerId = employerId }, transaction,
            cancellationToken: cancellationToken)) ?? "";
        foreach (var admin in admins)
        {
            values["recipient"] = admin.DisplayName;
            await outbox.EnqueueAsync(connection, transaction, new Envelope(template, MessageTemplates.DefaultLanguage, admin.Email, admin.DisplayName, new Dictionary<string, object>(values),
                PlacementId: placementId), cancellationToken);
            if (student is not null)
            {
                await Disclosures.RecordAsync(connection, Caller.Anonymous,
                    [new Disclosures.Disclosure(student.StudentId, employerId, student.Fields, "school official: the employer offering the placement", $"Emailed to the employer's admin {admin.Email}")],
                    now, cancellationToken, transaction);
            }
        }

        return admins.Count;
    }

    private sealed class Admin
    {
        public string Email { get; set; } = "";
        public string DisplayName { get; set; } = "";
    }
}
