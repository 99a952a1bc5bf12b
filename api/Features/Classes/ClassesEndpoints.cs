namespace LaunchPath.Api.Features.Classes;

public static class ClassesEndpoints
{
    public static IEndpointRouteBuilder MapClasses(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/classes").WithTags("Classes");
        ListClasses.Map(group);
        GetClassRoster.Map(group);
        return app;
    }
}
