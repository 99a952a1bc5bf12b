using System.Text.RegularExpressions;
using LaunchPath.Api.Tests.Infrastructure;
using LaunchPath.Contracts.Calendars;
using LaunchPath.Contracts.Placements;

namespace LaunchPath.Api.Tests.Features.Placements;

/// <summary>A placement's weekly schedule, from its agreement, in the student's calendar feed as a recurring event.</summary>
public sealed partial class PlacementLifecycleTests
{
    [Fact]
    public async Task A_placements_weekly_schedule_is_a_recurring_event_in_the_students_calendar_until_the_agreements_last_day()
    {
        var (s, id) = await ApprovedWithGuardians();
        var start = new DateOnly(2027, 2, 1); // a Monday
        await (await Put(s.Coordinator, $"/api/v1/placements/{id}/agreement", Terms with { StartDate = start, EndDate = new DateOnly(2027, 5, 28) })).Read<Placement>();

        var link = await (await s.StudentClient.PostAsync("/api/v1/me/calendar-feed", null)).Read<CalendarFeedLink>();
        var ics = await _factory.CreateClient().GetStringAsync(new Uri(link.Url!).PathAndQuery);
        var weekly = Ics.Check(ics).Single(e => e["UID"].StartsWith($"placement-{id}", StringComparison.Ordinal));
        weekly["DTSTART;TZID"].Should().Be("America/Los_Angeles");
        weekly["DTSTART"].Should().Be("20270202T153000", "the first Tuesday on or after the agreement's first day, at 3:30 pm there");
        weekly["DTEND"].Should().Be("20270202T173000");
        weekly["RRULE"].Should().Contain("FREQ=WEEKLY");
        Regex.Match(weekly["RRULE"], "UNTIL=([0-9TZ]+)").Groups[1].Value.Should().Be("20270529T065959Z", "the end of May 28 in California, in UTC as RFC 5545 asks");
        ics.Should().NotContain("Maya");
    }
}
