using Dapper;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Events;
using LaunchPath.Contracts.Opportunities;
using Mediator;

namespace LaunchPath.Api.Features.Events;

/// <summary>
/// GET /api/v1/event-sessions — the sessions of the events the caller may see, from a day (today by default) in time
/// order: what a student, a teacher or an employer's calendar of events lists. <c>mine=true</c>: only those the signed-in
/// student registered for (or waits for), past ones included.
/// </summary>
public static class ListUpcomingSessions
{
    public sealed record Query(Caller Caller, DateTimeOffset From, bool Mine, int Take) : IRequest<Result<List<EventSession>>>;

    private static string Select(SqlDialect dialect, string visible) => dialect.Limit(
        $"SELECT {EventSessionRecord.Columns}, op.title AS opportunity_title, op.employer_id, op.region_id, op.audience, mine.my_status, mine.my_attendance, mine.my_rating " +
        "FROM event_sessions es JOIN opportunities op ON op.id = es.opportunity_id " +
        $"LEFT JOIN (SELECT er.session_id, {EventSessionRecord.Mine.Columns} FROM event_registrations er JOIN people p ON p.id = er.student_id " +
        "WHERE p.user_id = @UserId AND er.status <> 'cancelled') mine " +
        "ON mine.session_id = es.id " +
        $"WHERE {visible} AND ((@Mine = 0 AND es.ends_at >= @From) OR (@Mine = 1 AND mine.my_status IS NOT NULL)) ORDER BY es.starts_at, es.id");

    public sealed class Handler(Db db) : IRequestHandler<Query, Result<List<EventSession>>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [Select(dialect, OpportunityAccess.VisibleSql(Caller.Anonymous, "op").Sql), .. EventSessionRecord.Statements, .. OpportunityRecord.Statements];

        public async ValueTask<Result<List<EventSession>>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var (visible, parameters) = OpportunityAccess.VisibleSql(query.Caller, "op");
            parameters.AddDynamicParams(new { query.Caller.UserId, query.From, Mine = query.Mine ? 1 : 0, query.Take });
            var rows = (await connection.QueryAsync<Row>(new CommandDefinition(Select(db.Dialect, visible), parameters, cancellationToken: cancellationToken))).ToList();
            // Who manages each event (its employer's staff, its curators): the listed events' audiences in one read.
            var audiences = await OpportunityRecord.AudiencesAsync(connection, rows.Select(r => r.OpportunityId).Distinct().ToList(), null, cancellationToken);
            var seesRatings = EventSessionRecord.SeesRatings(query.Caller);
            return rows.Select(row => row.ToContract(row.OpportunityTitle,
                EventSessionRecord.Manages(query.Caller, row.EmployerId, row.RegionId, DbEnum.Parse<AudienceScope>(row.Audience), audiences[row.OpportunityId]),
                EventSessionRecord.Mine.From(row.MyStatus, row.MyAttendance, row.MyRating), seesRatings)).ToList();
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapGet("/event-sessions", async Task<Answer<Ok<List<EventSession>>, Fails.Invalid>> (DateOnly? from, bool? mine, int? limit, Caller caller, TimeProvider clock, IMediator mediator,
                    CancellationToken ct) =>
            {
                if (limit is < 1 or > 200)
                {
                    return Error.Invalid(new Dictionary<string, string[]> { ["limit"] = ["limit must be between 1 and 200."] });
                }

                var day = from is { } date ? new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : clock.GetUtcNow().AddHours(-12);
                return (await mediator.Send(new Query(caller, day, mine ?? false, limit ?? 100), ct)).Match(list => TypedResults.Ok(list));
            })
            .WithName("listEventSessions")
            .WithSummary("Sessions of the events you may see, in time order")
            .WithDescription("From `from` (a day; default: now, less 12 hours, so today's stay listed); limit 1–200, default 100. mine=true: only the sessions you, a student, registered or wait for.");

    private sealed class Row : EventSessionRecord
    {
        public string OpportunityTitle { get; set; } = "";
        public Guid EmployerId { get; set; }
        public Guid RegionId { get; set; }
        public string Audience { get; set; } = "";
        public string? MyStatus { get; set; }
        public string? MyAttendance { get; set; }
        public int? MyRating { get; set; }
    }
}
