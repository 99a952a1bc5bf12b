namespace LaunchPath.Api.Features.Messages;

/// <summary>What LaunchPath sends and when (a region's reminder delays and time zone), and each person's notification centre.</summary>
public static class MessagesEndpoints
{
    public static IEndpointRouteBuilder MapMessages(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Messages");
        GetMessageSettings.Map(group);
        PutMessageSettings.Map(group);
        Notifications.Map(group);
        Unsubscribe.Map(group);
        MyMessagePreferences.Map(group);
        return app;
    }
}
