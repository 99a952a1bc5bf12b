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
        var local = TimeZoneInfo.ConvertTime(at, zone);
        return language == "es" ? $"{local.Day} de {Spanish[local.Month - 1]} de {local.Year}" : $"{English[local.Month - 1]} {local.Day}, {local.Year}";
    }

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
