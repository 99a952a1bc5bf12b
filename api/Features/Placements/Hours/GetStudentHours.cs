using System.Data.Common;
using System.Globalization;
using Dapper;
using FluentValidation;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Placements;
using Mediator;

namespace LaunchPath.Api.Features.Placements.Hours;

/// <summary>GET /api/v1/students/{id}/hours — a student's approved and submitted hours by placement.</summary>
public static class GetStudentHours
{
    public sealed record Query(Caller Caller, Guid StudentId) : IRequest<Result<StudentHours>>;

    private const string StudentTotals =
        "SELECT h.placement_id, op.title AS opportunity_title, SUM(CASE WHEN h.status = 'approved' THEN h.minutes ELSE 0 END) AS approved_minutes, " +
        "SUM(CASE WHEN h.status = 'submitted' THEN h.minutes ELSE 0 END) AS submitted_minutes FROM hours_entries h " +
        "JOIN placements pl ON pl.id = h.placement_id JOIN opportunities op ON op.id = pl.opportunity_id WHERE h.student_id = @StudentId " +
        "GROUP BY h.placement_id, op.title ORDER BY op.title";

    public sealed class Handler(Db db) : IRequestHandler<Query, Result<StudentHours>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [StudentTotals, .. HoursEntries.Statements];

        public async ValueTask<Result<StudentHours>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            if (await StudentAccess.FindVisibleAsync(connection, query.Caller, query.StudentId, cancellationToken) is null)
            {
                return Error.NotFound($"Student {query.StudentId}");
            }

            var rows = (await connection.QueryAsync<TotalRow>(new CommandDefinition(StudentTotals, new { query.StudentId }, cancellationToken: cancellationToken))).ToList();
            return new StudentHours
            {
                StudentId = query.StudentId.ToString("D"),
                ApprovedMinutes = rows.Sum(r => r.ApprovedMinutes),
                Placements = rows.Select(r => new PlacementHoursTotal
                {
                    PlacementId = r.PlacementId.ToString("D"), OpportunityTitle = r.OpportunityTitle, ApprovedMinutes = r.ApprovedMinutes, SubmittedMinutes = r.SubmittedMinutes,
                }).ToList(),
            };
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapGet("/students/{id:guid}/hours", async Task<Answer<Ok<StudentHours>, Fails.NotFound>> (Guid id, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Query(caller, id), ct)).Match(hours => TypedResults.Ok(hours)))
            .WithTags("Hours").WithName("getStudentHours").WithSummary("A student's hours by placement");

    private sealed class TotalRow
    {
        public Guid PlacementId { get; set; }
        public string OpportunityTitle { get; set; } = "";
        public int ApprovedMinutes { get; set; }
        public int SubmittedMinutes { get; set; }
    }
}
