using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using LaunchPath.Api.Infrastructure.Messaging;

namespace LaunchPath.Api.Domain;

/// <summary>
/// Writes iCalendar (RFC 5545, with Ical.Net): event sessions as single events and placement schedules as weekly
/// recurring ones, each in its region's time zone (with the VTIMEZONE it names), a stable UID per session or schedule
/// slot so a subscribed calendar updates rather than duplicates, and a cancelled session kept as CANCELLED.
/// </summary>
internal static class CalendarWriter
{
    /// <summary>One session: a waiting-list place is TENTATIVE.</summary>
    public sealed record Session(Guid Id, string Title, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string? Location, string? VirtualUrl, bool Cancelled, bool Tentative,
        string? TimeZone);

    /// <summary>One weekly slot of a placement's schedule, from its first day to its last.</summary>
    public sealed record Weekly(Guid PlacementId, string Title, string? Location, DayOfWeek Day, TimeOnly Start, TimeOnly End, DateOnly From, DateOnly Until, string? TimeZone);

    public static string Write(string name, IEnumerable<Session> sessions, IEnumerable<Weekly> weekly, DateTimeOffset now)
    {
        var calendar = new Calendar { ProductId = "-//LaunchPath//Work-based learning//EN", Method = "PUBLISH" };
        calendar.AddProperty("X-WR-CALNAME", name);
        var stamp = new CalDateTime(now.UtcDateTime, "UTC", true);
        var zones = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var session in sessions)
        {
            var zone = MessageDates.Zone(session.TimeZone);
            zones.Add(zone.Id);
            calendar.Events.Add(new CalendarEvent
            {
                Uid = $"session-{session.Id:D}@launchpath",
                DtStamp = stamp,
                DtStart = Local(session.StartsAt, zone),
                DtEnd = Local(session.EndsAt, zone),
                Summary = session.Title,
                Location = session.Location ?? session.VirtualUrl,
                Url = session.VirtualUrl is { } link && Uri.TryCreate(link, UriKind.Absolute, out var uri) ? uri : null,
                Status = session.Cancelled ? EventStatus.Cancelled : session.Tentative ? EventStatus.Tentative : EventStatus.Confirmed,
            });
        }

        foreach (var slot in weekly)
        {
            var first = slot.From.AddDays(((int)slot.Day - (int)slot.From.DayOfWeek + 7) % 7);
            if (first > slot.Until)
            {
                continue;
            }

            var zone = MessageDates.Zone(slot.TimeZone);
            zones.Add(zone.Id);
            // UNTIL is in UTC when DTSTART names a time zone (RFC 5545 3.3.10): the end of the last day, there.
            var lastMoment = TimeZoneInfo.ConvertTimeToUtc(slot.Until.ToDateTime(new TimeOnly(23, 59, 59)), zone);
            var recurring = new CalendarEvent
            {
                Uid = $"placement-{slot.PlacementId:D}-{slot.Day.ToString().ToLowerInvariant()}-{slot.Start:HHmm}@launchpath",
                DtStamp = stamp,
                DtStart = new CalDateTime(first, slot.Start, zone.Id),
                DtEnd = new CalDateTime(first, slot.End, zone.Id),
                Summary = slot.Title,
                Location = slot.Location,
                Status = EventStatus.Confirmed,
                RecurrenceRule = new RecurrencePattern(FrequencyType.Weekly) { Until = new CalDateTime(lastMoment, "UTC", true) },
            };
            calendar.Events.Add(recurring);
        }

        foreach (var zone in zones)
        {
            calendar.AddTimeZone(zone);
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    private static CalDateTime Local(DateTimeOffset at, TimeZoneInfo zone) =>
        new(DateTime.SpecifyKind(TimeZoneInfo.ConvertTime(at, zone).DateTime, DateTimeKind.Unspecified), zone.Id, true);
}
