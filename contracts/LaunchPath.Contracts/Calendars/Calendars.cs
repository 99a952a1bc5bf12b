namespace LaunchPath.Contracts.Calendars;

/// <summary>
/// The signed-in person's calendar feed: a secret address a calendar app subscribes to (their event sessions and
/// placement schedules, RFC 5545). Anyone with the address reads the feed, so it can be replaced or stopped.
/// </summary>
public sealed record CalendarFeedLink
{
    /// <summary>The feed's address; absent when the person has none (or stopped it).</summary>
    public string? Url { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
}
