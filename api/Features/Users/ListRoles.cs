using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Identity;

namespace LaunchPath.Api.Features.Users;

/// <summary>
/// GET /api/v1/roles — every role, the kinds of organization it can be held on and what it allows: the one table a
/// client reads instead of keeping a copy (the user form offers the roles an organization can hold from it).
/// </summary>
public static class ListRoles
{
    public static List<RoleInfo> All() =>
        Enum.GetValues<Role>().Select(role => new RoleInfo
        {
            Role = role,
            HeldOn = Access.HeldOn(role).Select(type => DbEnum.ToText(type)).ToList(),
            Permissions = Access.PermissionsOf(role).Order().ToList(),
        }).ToList();

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/roles", Ok<List<RoleInfo>> () => TypedResults.Ok(All()))
            .WithTags("Users")
            .WithName("listRoles")
            .WithSummary("Every role: where it can be held and what it allows");
}
