namespace LaunchPath.Api.Features.Messages;

/// <summary>What LaunchPath sends and when: a region's message settings (reminder delays, time zone).</summary>
public static class MessagesEndpoints
{
    public static IEndpointRouteBuilder MapMessages(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Messages");
        GetMessageSettings.Map(group);
        PutMessageSettings.Map(group);
        return app;
    }
}
