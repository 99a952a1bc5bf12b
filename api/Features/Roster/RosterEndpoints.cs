namespace LaunchPath.Api.Features.Roster;

public static class RosterEndpoints
{
    public static IEndpointRouteBuilder MapRoster(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Roster");
        StartRosterImport.Map(group);
        GetRosterImport.Map(group);
        ConfirmRosterImport.Map(group);
        SaveRosterConnection.Map(group);
        GetRosterConnection.Map(group);
        PullRoster.Map(group);
        return app;
    }
}
