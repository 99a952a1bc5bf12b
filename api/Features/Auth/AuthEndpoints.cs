namespace LaunchPath.Api.Features.Auth;

public static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuth(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/auth").WithTags("Auth");
        SignIn.Map(group);
        PasswordLinks.Map(group);
        GetMe.Map(app);
        return app;
    }
}
