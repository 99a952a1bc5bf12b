using Dapper;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Events;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Opportunities;
using LaunchPath.Contracts.Organizations;

namespace LaunchPath.Api.Features.Events;

/// <summary>
/// Applications to teacher externships, as stored, and who is an educator: a teacher, counselor or coordinator at a
/// school (a student never is: externships are not for them).
/// </summary>
internal static class ExternshipApplications
{
    private const string Select =
        "SELECT a.opportunity_id, op.title AS opportunity_title, a.user_id, u.display_name AS name, s.name AS school_name, a.note, a.status, a.created_at " +
        "FROM externship_applications a JOIN opportunities op ON op.id = a.opportunity_id JOIN users u ON u.id = a.user_id JOIN organizations s ON s.id = a.school_id " +
        "WHERE a.opportunity_id = @OpportunityId AND (@UserId IS NULL OR a.user_id = @UserId) ORDER BY a.created_at, a.user_id";

    public static IEnumerable<string> Statements => [Select, .. OpportunityQueries.Statements];

    /// <summary>The schools where the caller works as an educator.</summary>
    public static List<Guid> EducatorSchools(Caller caller) =>
        caller.Grants.Where(g => g.Organization.Type == OrganizationType.School && g.Role is Role.Teacher or Role.Counselor or Role.SchoolCoordinator)
            .Select(g => g.Organization.Id).Distinct().ToList();

    public static bool IsExternship(OpportunityRecord row) => row.Type == StudentFit.ForEducatorsType;

    /// <summary>Every application (the employer's staff who write it, its curators), or only the caller's own.</summary>
    public static async Task<List<ExternshipApplication>> ReadAsync(System.Data.Common.DbConnection connection, Guid opportunityId, Guid? onlyUser, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<Row>(new CommandDefinition(Select, new { OpportunityId = opportunityId, UserId = onlyUser }, cancellationToken: cancellationToken)))
        .Select(r => new ExternshipApplication
        {
            OpportunityId = r.OpportunityId.ToString("D"),
            OpportunityTitle = r.OpportunityTitle,
            UserId = r.UserId.ToString("D"),
            Name = r.Name,
            SchoolName = r.SchoolName,
            Note = r.Note,
            Status = DbEnum.Parse<ExternshipStatus>(r.Status),
            AppliedAt = r.CreatedAt,
        }).ToList();

    private sealed class Row
    {
        public Guid OpportunityId { get; set; }
        public string OpportunityTitle { get; set; } = "";
        public Guid UserId { get; set; }
        public string Name { get; set; } = "";
        public string SchoolName { get; set; } = "";
        public string? Note { get; set; }
        public string Status { get; set; } = "";
        public DateTimeOffset CreatedAt { get; set; }
    }
}
