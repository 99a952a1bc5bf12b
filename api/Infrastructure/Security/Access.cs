using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Organizations;

namespace LaunchPath.Api.Infrastructure.Security;

/// <summary>What each role may do, and on which kind of organization it can be held.</summary>
public static class Access
{
    private static readonly Permission[] Everything = Enum.GetValues<Permission>();

    private static readonly Dictionary<Role, (OrganizationType[] HeldOn, Permission[] Permissions)> Roles = new()
    {
        [Role.ConvenerAdmin] = ([OrganizationType.Region], Everything),
        [Role.ConvenerStaff] = ([OrganizationType.Region], Everything.Where(p => p != Permission.UsersManage).ToArray()),
        [Role.WorkforceAnalyst] = ([OrganizationType.Region], [Permission.OrganizationsRead, Permission.OpportunitiesRead, Permission.OutcomesRead]),
        [Role.DistrictAdmin] = ([OrganizationType.District],
        [
            Permission.OrganizationsRead, Permission.OrganizationsWrite, Permission.UsersManage, Permission.PeopleRead, Permission.PeopleWrite,
            Permission.SubgroupsRead, Permission.RosterImport, Permission.OpportunitiesRead, Permission.OpportunitiesCurate, Permission.OutcomesRead,
        ]),
        [Role.SchoolCoordinator] = ([OrganizationType.District, OrganizationType.School],
        [
            Permission.OrganizationsRead, Permission.PeopleRead, Permission.PeopleWrite, Permission.OpportunitiesRead,
            Permission.OpportunitiesCurate, Permission.OutcomesRead,
        ]),
        [Role.Teacher] = ([OrganizationType.School], [Permission.OrganizationsRead, Permission.PeopleRead, Permission.OpportunitiesRead]),
        [Role.Counselor] = ([OrganizationType.School], [Permission.OrganizationsRead, Permission.PeopleRead, Permission.OpportunitiesRead]),
        [Role.EmployerAdmin] = ([OrganizationType.Employer],
        [
            Permission.OrganizationsRead, Permission.OrganizationsWrite, Permission.UsersManage, Permission.OpportunitiesRead, Permission.OpportunitiesWrite,
        ]),
        [Role.Supervisor] = ([OrganizationType.Employer], [Permission.OrganizationsRead, Permission.OpportunitiesRead]),
        [Role.Student] = ([OrganizationType.School], [Permission.OrganizationsRead, Permission.OpportunitiesRead]),
        [Role.Guardian] = ([OrganizationType.School], [Permission.OrganizationsRead]),
    };

    public static IReadOnlyList<Permission> PermissionsOf(Role role) => Roles[role].Permissions;

    public static bool CanBeHeldOn(Role role, OrganizationType type) => Roles[role].HeldOn.Contains(type);

    public static IReadOnlyList<OrganizationType> HeldOn(Role role) => Roles[role].HeldOn;
}
