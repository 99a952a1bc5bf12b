using Dapper;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Common;
using LaunchPath.Contracts.Events;
using LaunchPath.Contracts.Opportunities;
using Mediator;

namespace LaunchPath.Api.Features.Events;

/// <summary>
/// GET /api/v1/students/{id}/events — the sessions a student attended, missed, or holds a place in, newest first: what
/// their progress along the continuum lists beside placements. For whoever sees the student (staff of their school,
/// the student, their guardians); never for an employer.
/// </summary>
public static class ListStudentEvents
{
    public sealed record Query(Caller Caller, Guid StudentId) : IRequest<Result<List<StudentEvent>>>;

    private const string Select =
        "SELECT es.id AS session_id, op.id AS opportunity_id, op.title AS opportunity_title, e.name AS employer_name, op.type, op.stage, op.career_cluster, " +
        "es.starts_at, es.ends_at, er.status, er.attendance, es.status AS session_status " +
        "FROM event_registrations er JOIN event_sessions es ON es.id = er.session_id JOIN opportunities op ON op.id = es.opportunity_id " +
        "JOIN organizations e ON e.id = op.employer_id WHERE er.student_id = @StudentId AND er.status <> 'cancelled' ORDER BY es.starts_at DESC, es.id";

    public sealed class Handler(Db db) : IRequestHandler<Query, Result<List<StudentEvent>>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [Select, .. StudentAccess.Statements];

        public async ValueTask<Result<List<StudentEvent>>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            if (await StudentAccess.FindVisibleAsync(connection, query.Caller, query.StudentId, cancellationToken) is null)
            {
                return Error.NotFound($"Student {query.StudentId}");
            }

            var rows = await connection.QueryAsync<Row>(new CommandDefinition(Select, new { query.StudentId }, cancellationToken: cancellationToken));
            return rows.Select(r => new StudentEvent
            {
                SessionId = r.SessionId.ToString("D"),
                OpportunityId = r.OpportunityId.ToString("D"),
                OpportunityTitle = r.OpportunityTitle,
                EmployerName = r.EmployerName,
                Type = DbEnum.Parse<OpportunityType>(r.Type),
                Stage = DbEnum.Parse<ContinuumStage>(r.Stage),
                CareerCluster = DbEnum.Parse<CareerCluster>(r.CareerCluster),
                StartsAt = r.StartsAt,
                EndsAt = r.EndsAt,
                Status = DbEnum.Parse<RegistrationStatus>(r.Status),
                Attendance = r.Attendance is null ? null : DbEnum.Parse<Attendance>(r.Attendance),
                SessionCancelled = r.SessionStatus == "cancelled",
            }).ToList();
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapGet("/students/{id:guid}/events", async Task<Answer<Ok<List<StudentEvent>>, Fails.NotFound>> (Guid id, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Query(caller, id), ct)).Match(list => TypedResults.Ok(list)))
            .WithName("listStudentEvents")
            .WithSummary("The event sessions a student attended, missed or holds a place in");

    private sealed class Row
    {
        public Guid SessionId { get; set; }
        public Guid OpportunityId { get; set; }
        public string OpportunityTitle { get; set; } = "";
        public string EmployerName { get; set; } = "";
        public string Type { get; set; } = "";
        public string Stage { get; set; } = "";
        public string CareerCluster { get; set; } = "";
        public DateTimeOffset StartsAt { get; set; }
        public DateTimeOffset EndsAt { get; set; }
        public string Status { get; set; } = "";
        public string? Attendance { get; set; }
        public string SessionStatus { get; set; } = "";
    }
}
