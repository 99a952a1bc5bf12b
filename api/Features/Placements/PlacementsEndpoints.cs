namespace LaunchPath.Api.Features.Placements;

public static class PlacementsEndpoints
{
    public static IEndpointRouteBuilder MapPlacements(this IEndpointRouteBuilder app)
    {
        var placements = app.MapGroup("/api/v1/placements").WithTags("Placements");
        GetPlacements.Map(placements);
        CreatePlacement.Map(placements);
        TransitionPlacement.Map(placements);
        SetPlacementClass.Map(placements);
        ListPlacementMessages.Map(placements);
        var links = app.MapGroup("/api/v1/links").WithTags("Links");
        Agreements.AgreementsEndpoints.Map(placements, links);
        var api = app.MapGroup("/api/v1");
        GetMyActions.Map(api);
        WorkRules.RegionWorkRules.Map(api);
        Hours.HoursEndpoints.Map(api);
        Evaluations.EvaluationsEndpoints.Map(api);
        return app;
    }
}
