using Dapper;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Events;
using Mediator;

namespace LaunchPath.Api.Features.Events;

/// <summary>GET /api/v1/event-sessions/{id} — one session, for whoever sees its event; a student sees where they stand.</summary>
public static class GetEventSession
{
    public sealed record Query(Caller Caller, Guid Id) : IRequest<Result<EventSession>>;

    private const string SelectMine =
        $"SELECT {EventSessionRecord.Mine.Columns} FROM event_registrations er JOIN people p ON p.id = er.student_id WHERE er.session_id = @Id AND p.user_id = @UserId";

    public sealed class Handler(Db db) : IRequestHandler<Query, Result<EventSession>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [SelectMine, .. EventSessionRecord.Statements];

        public async ValueTask<Result<EventSession>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var (loaded, error) = await EventSessionRecord.LoadAsync(connection, query.Caller, query.Id, cancellationToken);
            if (error is not null)
            {
                return error;
            }

            var mine = query.Caller.UserId is null
                ? default
                : await connection.QuerySingleOrDefaultAsync<(string? MyStatus, string? MyAttendance, int? MyRating)>(new CommandDefinition(SelectMine, new { query.Id, query.Caller.UserId },
                    cancellationToken: cancellationToken));
            return loaded!.Session.ToContract(loaded.Opportunity, loaded.CanManage, EventSessionRecord.Mine.From(mine.MyStatus, mine.MyAttendance, mine.MyRating),
                EventSessionRecord.SeesRatings(query.Caller));
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapGet("/event-sessions/{id:guid}", async Task<Answer<Ok<EventSession>, Fails.NotFound>> (Guid id, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Query(caller, id), ct)).Match(session => TypedResults.Ok(session)))
            .WithName("getEventSession")
            .WithSummary("A session of an event");
}
