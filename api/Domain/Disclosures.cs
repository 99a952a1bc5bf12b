using System.Data.Common;
using Dapper;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Identity;

namespace LaunchPath.Api.Domain;

/// <summary>
/// The one rule for who reads a student's data as an outside party under FERPA (an employer's staff, signed in or
/// through the employer's API key), and the one writer of the disclosure log (34 CFR 99.32) that every such read goes
/// through. Every area that shows student data to an employer uses both.
/// </summary>
public static class Disclosures
{
    private const string Insert =
        "INSERT INTO disclosures (id, student_id, disclosed_to_org, disclosed_to_user, disclosed_to_api_key, fields, basis, context, at) " +
        "VALUES (@Id, @StudentId, @OrganizationId, @UserId, @ApiKeyId, @Fields, @Basis, @Context, @Now)";

    public static IEnumerable<string> Statements => [Insert];

    /// <summary>
    /// True when <paramref name="caller"/> reads a student of <paramref name="school"/> through the employer
    /// <paramref name="employerId"/> (a membership or an API key of it), and not as the school's own staff (who may read
    /// the school's people), the student themself or a platform administrator. A caller without a user (an API key) is
    /// never the student.
    /// </summary>
    public static bool IsOutsideParty(Caller caller, Guid employerId, OrgRef school, Guid? studentUserId) =>
        !caller.IsPlatformAdmin
        && caller.Grants.Any(g => g.Organization.Id == employerId)
        && !caller.PermissionsAt(school).Contains(Permission.PeopleRead)
        && !(caller.UserId is { } user && studentUserId == user);

    /// <summary>What one read showed of one student, and on what basis.</summary>
    public sealed record Disclosure(Guid StudentId, Guid EmployerId, string Fields, string Basis, string Context);

    /// <summary>Writes one log entry per disclosure, naming the user or the API key that read it.</summary>
    public static async Task RecordAsync(DbConnection connection, Caller caller, IReadOnlyCollection<Disclosure> disclosures, DateTimeOffset now,
        CancellationToken cancellationToken, DbTransaction? transaction = null)
    {
        if (disclosures.Count == 0)
        {
            return;
        }

        await connection.ExecuteAsync(new CommandDefinition(Insert, disclosures.Select(d => new
        {
            Id = Guid.CreateVersion7(),
            d.StudentId,
            OrganizationId = d.EmployerId,
            caller.UserId,
            caller.ApiKeyId,
            d.Fields,
            d.Basis,
            d.Context,
            Now = now,
        }), transaction, cancellationToken: cancellationToken));
    }
}
