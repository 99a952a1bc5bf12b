using System.Text;
using System.Text.RegularExpressions;

namespace LaunchPath.Api.Tests.Infrastructure;

/// <summary>
/// Checks an iCalendar document against RFC 5545's rules that calendar apps trip on, by reading its lines (not with the
/// library that wrote it): CRLF line ends, lines folded at 75 octets, one VCALENDAR with VERSION 2.0 and a PRODID, every
/// VEVENT with a UID (unique), a DTSTAMP in UTC and a DTSTART, and a VTIMEZONE for every TZID used.
/// </summary>
public static class Ics
{
    public sealed record Event(Dictionary<string, string> Properties)
    {
        public string this[string name] => Properties[name];
    }

    public static List<Event> Check(string ics)
    {
        ics.Should().EndWith("\r\n");
        var physical = ics[..^2].Split("\r\n");
        physical.Should().OnlyContain(line => !line.Contains('\n') && !line.Contains('\r'), "every line ends with CRLF");
        physical.Should().OnlyContain(line => Encoding.UTF8.GetByteCount(line) <= 75, "lines are folded at 75 octets");

        // Unfold: a line starting with a space or a tab continues the one before.
        var lines = new List<string>();
        foreach (var line in physical)
        {
            if (line.Length > 0 && (line[0] == ' ' || line[0] == '\t'))
            {
                lines[^1] += line[1..];
            }
            else
            {
                lines.Add(line);
            }
        }

        lines[0].Should().Be("BEGIN:VCALENDAR");
        lines[^1].Should().Be("END:VCALENDAR");
        lines.Should().Contain("VERSION:2.0").And.Contain(l => l.StartsWith("PRODID:", StringComparison.Ordinal));
        var zones = lines.Where(l => l.StartsWith("TZID:", StringComparison.Ordinal)).Select(l => l[5..]).ToHashSet();

        var events = new List<Event>();
        Dictionary<string, string>? current = null;
        foreach (var line in lines)
        {
            if (line == "BEGIN:VEVENT")
            {
                current = new Dictionary<string, string>(StringComparer.Ordinal);
            }
            else if (line == "END:VEVENT")
            {
                events.Add(new Event(current!));
                current = null;
            }
            else if (current is not null && !line.StartsWith("BEGIN:", StringComparison.Ordinal) && !line.StartsWith("END:", StringComparison.Ordinal))
            {
                var colon = line.IndexOf(':');
                var head = line[..colon];
                var name = head.Split(';')[0];
                current[name] = line[(colon + 1)..];
                var tzid = Regex.Match(head, "TZID=([^;:]+)");
                if (tzid.Success)
                {
                    zones.Should().Contain(tzid.Groups[1].Value, $"{name} names a time zone the calendar defines (VTIMEZONE)");
                    current[name + ";TZID"] = tzid.Groups[1].Value;
                }
            }
        }

        events.Select(e => e.Properties.GetValueOrDefault("UID")).Should().OnlyHaveUniqueItems().And.NotContainNulls();
        events.Should().OnlyContain(e => e.Properties.ContainsKey("DTSTART") && Regex.IsMatch(e.Properties["DTSTAMP"], @"^\d{8}T\d{6}Z$"));
        return events;
    }
}
