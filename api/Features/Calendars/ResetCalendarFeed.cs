using Dapper;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Messaging;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Calendars;
using Mediator;

namespace LaunchPath.Api.Features.Calendars;

/// <summary>
/// POST /api/v1/me/calendar-feed — makes the signed-in person's feed address, or a new one in place of the old (which
/// stops at once); DELETE stops it. The address is answered once: only its hash is kept.
/// </summary>
public static class ResetCalendarFeed
{
    public sealed record Command(Caller Caller, bool Stop) : IRequest<Result<CalendarFeedLink>>;

    private static string Save(SqlDialect dialect) => dialect.Upsert("calendar_feeds", ["user_id"], ["token_hash", "created_at"]);

    private const string Delete = "DELETE FROM calendar_feeds WHERE user_id = @UserId";

    public sealed class Handler(Db db, TimeProvider clock, PublicUrl publicUrl) : IRequestHandler<Command, Result<CalendarFeedLink>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [Save(dialect), Delete];

        public async ValueTask<Result<CalendarFeedLink>> Handle(Command command, CancellationToken cancellationToken)
        {
            if (command.Caller.UserId is not { } userId)
            {
                return Error.Forbidden("A calendar feed belongs to a person: sign in.");
            }

            await using var connection = await db.OpenAsync(cancellationToken);
            if (command.Stop)
            {
                await connection.ExecuteAsync(new CommandDefinition(Delete, new { UserId = userId }, cancellationToken: cancellationToken));
                return new CalendarFeedLink();
            }

            var token = CalendarFeeds.NewToken();
            var now = clock.GetUtcNow();
            await connection.ExecuteAsync(new CommandDefinition(Save(db.Dialect), new { user_id = userId, token_hash = CalendarFeeds.Hash(token), created_at = now },
                cancellationToken: cancellationToken));
            return new CalendarFeedLink { Url = publicUrl.Current + CalendarFeeds.Path + token, CreatedAt = now };
        }
    }

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/me/calendar-feed", async Task<Answer<Ok<CalendarFeedLink>, Fails.Forbidden>> (Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Command(caller, false), ct)).Match(link => TypedResults.Ok(link)))
            .WithName("resetCalendarFeed")
            .WithSummary("Make your calendar feed's address (a new one stops the old)")
            .WithDescription("Answers the address once: subscribe to it in a calendar app. It lists your event sessions and placement schedules in your region's time zone.");
        api.MapDelete("/me/calendar-feed", async Task<Answer<Ok<CalendarFeedLink>, Fails.Forbidden>> (Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Command(caller, true), ct)).Match(link => TypedResults.Ok(link)))
            .WithName("stopCalendarFeed")
            .WithSummary("Stop your calendar feed");
    }
}
