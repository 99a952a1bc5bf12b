namespace LaunchPath.Api.Features.Opportunities;

public static class OpportunitiesEndpoints
{
    public static IEndpointRouteBuilder MapOpportunities(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/opportunities").WithTags("Opportunities");
        SearchOpportunities.Map(group);
        CreateOpportunity.Map(group);
        GetOpportunity.Map(group);
        UpdateOpportunity.Map(group);
        TransitionOpportunity.Map(group);
        ListOpportunityTemplates.Map(app.MapGroup("/api/v1"));
        return app;
    }
}
