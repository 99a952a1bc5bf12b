namespace LaunchPath.Api.Features.Users;

public static class UsersEndpoints
{
    public static IEndpointRouteBuilder MapUsers(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/users").WithTags("Users");
        ListUsers.Map(group);
        CreateUser.Map(group);
        InviteUser.Map(group);
        AddMembership.Map(group);
        RemoveMembership.Map(group);
        ListRoles.Map(app);
        return app;
    }
}
