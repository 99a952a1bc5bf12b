using System.Data.Common;
using Dapper;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Placements;

namespace LaunchPath.Api.Features.Placements;

/// <summary>Records what an employer was shown of a student (FERPA 34 CFR 99.32): who, what, when, on what basis.</summary>
internal static class PlacementDisclosures
{
    public const string Insert =
        "INSERT INTO disclosures (id, student_id, disclosed_to_org, disclosed_to_user, fields, basis, context, at) " +
        "VALUES (@Id, @StudentId, @OrganizationId, @UserId, @Fields, @Basis, @Context, @Now)";

    public static async Task RecordAsync(DbConnection connection, Caller caller, PlacementRecord placement, Placement shown, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!placement.ViewedAsEmployer(caller))
        {
            return;
        }

        await connection.ExecuteAsync(new CommandDefinition(Insert, new
        {
            Id = Guid.CreateVersion7(),
            placement.StudentId,
            OrganizationId = placement.EmployerId,
            caller.UserId,
            Fields = shown.StudentEmail is null ? "first name, grade, school" : "first name, grade, school, email",
            Basis = placement.Source == "application" ? "the student applied to the employer's opportunity" : "school placement with the employer",
            Context = $"placement {placement.Id} ({shown.Status})",
            Now = now,
        }, cancellationToken: cancellationToken));
    }
}
