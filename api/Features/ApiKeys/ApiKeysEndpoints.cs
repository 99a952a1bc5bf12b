namespace LaunchPath.Api.Features.ApiKeys;

public static class ApiKeysEndpoints
{
    public static IEndpointRouteBuilder MapApiKeys(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("ApiKeys");
        CreateApiKey.Map(group);
        ListApiKeys.Map(group);
        RevokeApiKey.Map(group);
        return app;
    }
}
