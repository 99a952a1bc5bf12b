using Dapper;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using Mediator;

namespace LaunchPath.Api.Features.Events;

/// <summary>GET /api/v1/event-sessions/{id}/calendar — one session as an .ics file, in the region's time zone, for whoever sees the session.</summary>
public static class GetSessionCalendar
{
    public sealed record Query(Caller Caller, Guid Id) : IRequest<Result<string>>;

    private const string SelectZone = "SELECT time_zone FROM organizations WHERE id = @RegionId";

    public sealed class Handler(Db db, TimeProvider clock) : IRequestHandler<Query, Result<string>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [SelectZone, .. EventSessionRecord.Statements];

        public async ValueTask<Result<string>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var (loaded, error) = await EventSessionRecord.LoadAsync(connection, query.Caller, query.Id, cancellationToken);
            if (error is not null)
            {
                return error;
            }

            var (session, opportunity, _) = loaded!;
            var zone = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(SelectZone, new { opportunity.RegionId }, cancellationToken: cancellationToken));
            return CalendarWriter.Write(opportunity.Title,
                [new CalendarWriter.Session(session.Id, $"{opportunity.Title} ({opportunity.EmployerName})", session.StartsAt, session.EndsAt, session.Location, session.VirtualUrl,
                    session.Cancelled, false, zone)], [], clock.GetUtcNow());
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapGet("/event-sessions/{id:guid}/calendar", async Task<Answer<CalendarFile, Fails.NotFound>> (Guid id, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Query(caller, id), ct)).Match(ics => new CalendarFile(ics, "session.ics")))
            .WithName("getSessionCalendar")
            .WithSummary("A session as an iCalendar (.ics) file");
}
