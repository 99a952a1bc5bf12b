using Dapper;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Events;
using Mediator;

namespace LaunchPath.Api.Features.Events;

/// <summary>GET /api/v1/opportunities/{id}/sessions — an event's sessions, in time order, for whoever sees the event; a student sees where they stand in each.</summary>
public static class ListEventSessions
{
    public sealed record Query(Caller Caller, Guid OpportunityId) : IRequest<Result<List<EventSession>>>;

    private const string Select = $"SELECT {EventSessionRecord.Columns} FROM event_sessions es WHERE es.opportunity_id = @OpportunityId ORDER BY es.starts_at, es.id";

    /// <summary>The caller's own registrations in these sessions, as a student.</summary>
    private const string SelectMine =
        $"SELECT er.session_id, {EventSessionRecord.Mine.Columns} FROM event_registrations er JOIN event_sessions es ON es.id = er.session_id JOIN people p ON p.id = er.student_id " +
        "WHERE es.opportunity_id = @OpportunityId AND p.user_id = @UserId";

    public sealed class Handler(Db db) : IRequestHandler<Query, Result<List<EventSession>>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [Select, SelectMine, .. EventSessionRecord.Statements];

        public async ValueTask<Result<List<EventSession>>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var opportunity = await OpportunityQueries.FindVisibleAsync(connection, query.Caller, query.OpportunityId, cancellationToken);
            if (opportunity is null)
            {
                return Error.NotFound($"Opportunity {query.OpportunityId}");
            }

            var manages = await EventSessionRecord.ManagesAsync(connection, query.Caller, opportunity, cancellationToken);
            var sessions = await connection.QueryAsync<EventSessionRecord>(new CommandDefinition(Select, new { query.OpportunityId }, cancellationToken: cancellationToken));
            var mine = query.Caller.UserId is null
                ? []
                : (await connection.QueryAsync<(Guid SessionId, string MyStatus, string? MyAttendance, int? MyRating)>(new CommandDefinition(SelectMine,
                    new { query.OpportunityId, query.Caller.UserId }, cancellationToken: cancellationToken)))
                    .ToDictionary(r => r.SessionId, r => EventSessionRecord.Mine.From(r.MyStatus, r.MyAttendance, r.MyRating));
            var seesRatings = EventSessionRecord.SeesRatings(query.Caller);
            return sessions.Select(s => s.ToContract(opportunity, manages, mine.GetValueOrDefault(s.Id), seesRatings)).ToList();
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapGet("/opportunities/{id:guid}/sessions", async Task<Answer<Ok<List<EventSession>>, Fails.NotFound>> (Guid id, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Query(caller, id), ct)).Match(list => TypedResults.Ok(list)))
            .WithName("listOpportunitySessions")
            .WithSummary("An event's sessions");
}
