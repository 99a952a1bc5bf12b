namespace LaunchPath.Api.Features.Calendars;

/// <summary>Calendar feeds: each person's sessions and placement schedules by a secret address (RFC 5545).</summary>
public static class CalendarsEndpoints
{
    public static IEndpointRouteBuilder MapCalendars(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Calendars");
        GetCalendarFeedLink.Map(api);
        ResetCalendarFeed.Map(api);
        GetCalendarFeed.Map(api);
        return app;
    }
}
