using Dapper;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Calendars;
using Mediator;

namespace LaunchPath.Api.Features.Calendars;

/// <summary>GET /api/v1/me/calendar-feed — whether the signed-in person has a feed, and since when (its address is shown only when made).</summary>
public static class GetCalendarFeedLink
{
    public sealed record Query(Caller Caller) : IRequest<Result<CalendarFeedLink>>;

    private const string Select = "SELECT created_at FROM calendar_feeds WHERE user_id = @UserId";

    public sealed class Handler(Db db) : IRequestHandler<Query, Result<CalendarFeedLink>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [Select];

        public async ValueTask<Result<CalendarFeedLink>> Handle(Query query, CancellationToken cancellationToken)
        {
            if (query.Caller.UserId is null)
            {
                return Error.Forbidden("A calendar feed belongs to a person: sign in.");
            }

            await using var connection = await db.OpenAsync(cancellationToken);
            var created = await connection.ExecuteScalarAsync<DateTimeOffset?>(new CommandDefinition(Select, new { query.Caller.UserId }, cancellationToken: cancellationToken));
            return new CalendarFeedLink { CreatedAt = created };
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapGet("/me/calendar-feed", async Task<Answer<Ok<CalendarFeedLink>, Fails.Forbidden>> (Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Query(caller), ct)).Match(link => TypedResults.Ok(link)))
            .WithName("getCalendarFeed")
            .WithSummary("Whether you have a calendar feed")
            .WithDescription("The address itself is shown only when it is made (POST); making a new one stops the old.");
}
