namespace LaunchPath.Api.Infrastructure.Messaging;

/// <summary>
/// Dates as people read them in each language LaunchPath writes, in the region's time zone. The API runs with
/// invariant globalization (no ICU culture data), so the month names are here rather than in a culture.
/// </summary>
public static class MessageDates
{
    private static readonly string[] English = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    private static readonly string[] Spanish = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"];

    /// <summary>"December 21, 2026" or "21 de diciembre de 2026", on the date it is in <paramref name="zone"/>.</summary>
    public static string Date(DateTimeOffset at, TimeZoneInfo zone, string language)
    {
        return Day(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime), language);
    }

    /// <summary>A calendar date ("December 7, 2026", "7 de diciembre de 2026").</summary>
    public static string Day(DateOnly date, string language) =>
        language == "es" ? $"{date.Day} de {Spanish[date.Month - 1]} de {date.Year}" : $"{English[date.Month - 1]} {date.Day}, {date.Year}";

    /// <summary>A length of time as "2 h 30 min" (the same in English and Spanish).</summary>
    public static string Duration(int minutes) => minutes < 60 ? $"{minutes} min" : minutes % 60 == 0 ? $"{minutes / 60} h" : $"{minutes / 60} h {minutes % 60} min";

    /// <summary>A region's time zone (IANA id), Pacific time when it has none or one this machine does not know.</summary>
    public static TimeZoneInfo Zone(string? id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(string.IsNullOrWhiteSpace(id) ? "America/Los_Angeles" : id);
        }
        catch (Exception exception) when (exception is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");
        }
    }
}
