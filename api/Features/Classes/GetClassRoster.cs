using Dapper;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Classes;
using LaunchPath.Contracts.Opportunities;
using Mediator;

namespace LaunchPath.Api.Features.Classes;

/// <summary>
/// GET /api/v1/classes/{id}/students — a class's active students and their work-based learning (placements active and
/// completed, approved hours, the furthest stage completed): what a teacher needs to connect the class to WBL.
/// </summary>
public static class GetClassRoster
{
    public sealed record Query(Caller Caller, Guid Id) : IRequest<Result<ClassRoster>>;

    private static readonly string SelectClass = ClassRecord.Select("cl.id = @Id");

    private const string SelectStudents =
        "SELECT p.id AS student_id, p.given_name, p.preferred_name, p.family_name, sp.grade, " +
        "(SELECT COUNT(*) FROM placements pl WHERE pl.student_id = p.id AND pl.status = 'active') AS active_placements, " +
        "(SELECT COUNT(*) FROM placements pl WHERE pl.student_id = p.id AND pl.status = 'completed') AS completed_placements, " +
        "(SELECT COALESCE(SUM(h.minutes), 0) FROM hours_entries h WHERE h.student_id = p.id AND h.status = 'approved') AS approved_minutes, " +
        "(SELECT MAX(pl.stage_order) FROM placements pl WHERE pl.student_id = p.id AND pl.status = 'completed') AS latest_stage " +
        "FROM enrollments e JOIN people p ON p.id = e.person_id LEFT JOIN student_profiles sp ON sp.person_id = p.id " +
        "WHERE e.class_id = @Id AND e.role = 'student' AND e.status = 'active' AND p.status = 'active' ORDER BY p.family_name, p.given_name, p.id";

    public sealed class Handler(Db db) : IRequestHandler<Query, Result<ClassRoster>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [SelectClass, SelectStudents, .. ClassRecord.Statements];

        public async ValueTask<Result<ClassRoster>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var parameters = ClassRecord.Parameters(query.Caller);
            parameters.Add("Id", query.Id);
            var row = await connection.QuerySingleOrDefaultAsync<ClassRecord>(new CommandDefinition(SelectClass, parameters, cancellationToken: cancellationToken));
            if (row is null)
            {
                return Error.NotFound($"Class {query.Id}");
            }

            var students = await connection.QueryAsync<StudentRow>(new CommandDefinition(SelectStudents, new { query.Id }, cancellationToken: cancellationToken));
            return new ClassRoster
            {
                Class = (await ClassRecord.ToContractsAsync(connection, [row], cancellationToken)).Single(),
                Students = students.Select(s => new ClassStudent
                {
                    StudentId = s.StudentId.ToString("D"),
                    Name = $"{s.PreferredName ?? s.GivenName} {s.FamilyName}",
                    Grade = s.Grade,
                    ActivePlacements = s.ActivePlacements,
                    CompletedPlacements = s.CompletedPlacements,
                    ApprovedMinutes = s.ApprovedMinutes,
                    LatestStage = s.LatestStage is { } stage ? (ContinuumStage)stage : null,
                }).ToList(),
            };
        }
    }

    public static void Map(IEndpointRouteBuilder group) =>
        group.MapGet("/{id:guid}/students", async Task<Answer<Ok<ClassRoster>, Fails.NotFound>> (Guid id, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Query(caller, id), ct)).Match(roster => TypedResults.Ok(roster)))
            .WithName("getClassRoster")
            .WithSummary("A class's students and their work-based learning");

    private sealed class StudentRow
    {
        public Guid StudentId { get; set; }
        public string GivenName { get; set; } = "";
        public string? PreferredName { get; set; }
        public string FamilyName { get; set; } = "";
        public int? Grade { get; set; }
        public int ActivePlacements { get; set; }
        public int CompletedPlacements { get; set; }
        public int ApprovedMinutes { get; set; }
        public long? LatestStage { get; set; }
    }
}
