using Dapper;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Opportunities;
using Mediator;

namespace LaunchPath.Api.Features.Calendars;

/// <summary>
/// GET /api/v1/calendar-feeds/{token} — a person's calendar, for the calendar app that holds the secret address (no
/// sign-in: apps cannot): the sessions they registered for (waiting: tentative) or host for their employer, from 30
/// days back, and the weekly schedules of their placements under way, each in its region's time zone. Students' names
/// are not in it: an event is its title and place.
/// </summary>
public static class GetCalendarFeed
{
    public sealed record Query(string Token) : IRequest<Result<string>>;

    private const string SelectOwner = "SELECT u.id FROM calendar_feeds f JOIN users u ON u.id = f.user_id WHERE f.token_hash = @Hash AND u.disabled = 0";

    private const string SessionColumns =
        "es.id, op.title, e.name AS employer_name, es.starts_at, es.ends_at, es.location, es.virtual_url, es.status, r.time_zone";

    private const string SessionsFrom =
        "FROM event_sessions es JOIN opportunities op ON op.id = es.opportunity_id JOIN organizations e ON e.id = op.employer_id JOIN organizations r ON r.id = op.region_id";

    private const string SelectRegistered =
        $"SELECT {SessionColumns}, er.status AS registration {SessionsFrom} JOIN event_registrations er ON er.session_id = es.id JOIN people p ON p.id = er.student_id " +
        "WHERE p.user_id = @UserId AND er.status IN ('registered', 'waitlisted') AND es.ends_at >= @Since";

    private const string SelectHosted =
        $"SELECT {SessionColumns}, 'host' AS registration {SessionsFrom} " +
        "WHERE op.employer_id IN (SELECT m.organization_id FROM memberships m WHERE m.user_id = @UserId) AND es.ends_at >= @Since";

    private const string SelectPlacements =
        "SELECT pl.id, op.title, e.name AS employer_name, op.site_name, op.address_line1, op.address_city, a.terms, r.time_zone " +
        "FROM placements pl JOIN people p ON p.id = pl.student_id JOIN agreements a ON a.placement_id = pl.id JOIN opportunities op ON op.id = pl.opportunity_id " +
        "JOIN organizations e ON e.id = op.employer_id JOIN organizations r ON r.id = op.region_id " +
        "WHERE p.user_id = @UserId AND pl.status IN ('approved', 'agreementPending', 'active')";

    /// <summary>A placement with no end date in its agreement shows this many weeks of its schedule.</summary>
    public const int OpenEndedWeeks = 26;

    public sealed class Handler(Db db, TimeProvider clock) : IRequestHandler<Query, Result<string>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [SelectOwner, SelectRegistered, SelectHosted, SelectPlacements];

        public async ValueTask<Result<string>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var owner = await connection.QuerySingleOrDefaultAsync<Guid>(new CommandDefinition(SelectOwner, new { Hash = CalendarFeeds.Hash(query.Token) },
                cancellationToken: cancellationToken));
            if (owner == Guid.Empty)
            {
                return Error.NotFound("Calendar feed");
            }

            var now = clock.GetUtcNow();
            var parameters = new { UserId = owner, Since = now.AddDays(-30) };
            var sessions = (await connection.QueryAsync<SessionRow>(new CommandDefinition(SelectRegistered, parameters, cancellationToken: cancellationToken)))
                .Concat(await connection.QueryAsync<SessionRow>(new CommandDefinition(SelectHosted, parameters, cancellationToken: cancellationToken)))
                .GroupBy(s => s.Id).Select(g => g.First())
                .Select(s => new CalendarWriter.Session(s.Id, $"{s.Title} ({s.EmployerName})", s.StartsAt, s.EndsAt, s.Location, s.VirtualUrl, s.Status == "cancelled",
                    s.Registration == "waitlisted", s.TimeZone))
                .ToList();
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            var weekly = new List<CalendarWriter.Weekly>();
            foreach (var placement in await connection.QueryAsync<PlacementRow>(new CommandDefinition(SelectPlacements, parameters, cancellationToken: cancellationToken)))
            {
                var terms = DbJson.Read<Terms>(placement.Terms, new Terms());
                var from = terms.StartDate ?? today;
                var until = terms.EndDate ?? from.AddDays(7 * OpenEndedWeeks);
                var place = string.Join(", ", new[] { placement.SiteName, placement.AddressLine1, placement.AddressCity }.Where(p => !string.IsNullOrWhiteSpace(p)));
                foreach (var slot in terms.Schedule)
                {
                    if (TimeOnly.TryParse(slot.Start, System.Globalization.CultureInfo.InvariantCulture, out var start)
                        && TimeOnly.TryParse(slot.End, System.Globalization.CultureInfo.InvariantCulture, out var end) && end > start)
                    {
                        weekly.Add(new CalendarWriter.Weekly(placement.Id, $"{placement.Title} ({placement.EmployerName})", place.Length == 0 ? null : place, slot.Day, start, end, from, until,
                            placement.TimeZone));
                    }
                }
            }

            // No name in it, the calendar's included: an address that leaks shows times and places, not who.
            return CalendarWriter.Write("LaunchPath", sessions, weekly, now);
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapGet("/calendar-feeds/{token}", async Task<Answer<CalendarFile, Fails.NotFound>> (string token, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Query(token), ct)).Match(ics => new CalendarFile(ics, null)))
            .AllowAnonymous()
            .RequireLinkRateLimit()
            .WithTags("Links")
            .WithName("getCalendarFeedByLink")
            .WithSummary("A person's calendar, by their feed's secret address (for calendar apps)");

    private sealed class SessionRow
    {
        public Guid Id { get; set; }
        public string Title { get; set; } = "";
        public string EmployerName { get; set; } = "";
        public DateTimeOffset StartsAt { get; set; }
        public DateTimeOffset EndsAt { get; set; }
        public string? Location { get; set; }
        public string? VirtualUrl { get; set; }
        public string Status { get; set; } = "";
        public string? TimeZone { get; set; }
        public string Registration { get; set; } = "";
    }

    private sealed class PlacementRow
    {
        public Guid Id { get; set; }
        public string Title { get; set; } = "";
        public string EmployerName { get; set; } = "";
        public string? SiteName { get; set; }
        public string? AddressLine1 { get; set; }
        public string? AddressCity { get; set; }
        public string Terms { get; set; } = "";
        public string? TimeZone { get; set; }
    }

    /// <summary>What a feed reads of an agreement's terms.</summary>
    private sealed class Terms
    {
        public List<WeeklySlot> Schedule { get; set; } = [];
        public DateOnly? StartDate { get; set; }
        public DateOnly? EndDate { get; set; }
    }
}
