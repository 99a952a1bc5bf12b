namespace LaunchPath.Api.Features.Organizations;

public static class OrganizationsEndpoints
{
    public static IEndpointRouteBuilder MapOrganizations(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/organizations").WithTags("Organizations");
        ListOrganizations.Map(group);
        CreateOrganization.Map(group);
        GetOrganization.Map(group);
        UpdateOrganization.Map(group);
        return app;
    }
}
