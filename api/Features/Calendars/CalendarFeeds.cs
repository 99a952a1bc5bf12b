using LaunchPath.Api.Domain;

namespace LaunchPath.Api.Features.Calendars;

/// <summary>A person's feed address: a random secret of which only the SHA-256 is kept (as one-time links are).</summary>
internal static class CalendarFeeds
{
    public const string Path = "/api/v1/calendar-feeds/";

    public static string NewToken() => ActionLinks.NewToken();

    public static string Hash(string token) => ActionLinks.Hash(token);
}
