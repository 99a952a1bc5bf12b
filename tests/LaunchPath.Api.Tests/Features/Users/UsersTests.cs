using System.Net;
using LaunchPath.Api.Tests.Infrastructure;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Organizations;

namespace LaunchPath.Api.Tests.Features.Users;

public sealed class UsersOnSqlite(SqliteApi api) : UsersTests(() => api.Factory), IClassFixture<SqliteApi>;

public sealed class UsersOnSqlServer(SqlServerApi api) : UsersTests(() => api.Factory), IClassFixture<SqlServerApi>;

/// <summary>Accounts and per-organization roles, managed within the manager's own organizations.</summary>
public abstract class UsersTests
{
    private const string Url = "/api/v1/users";
    private readonly Actors _actors;

    protected UsersTests(Func<ApiFactory> factory) => _actors = new Actors(factory());

    private static CreateUserRequest NewUser(string orgId, Role role, string? password = Actors.Password) => new()
    {
        Email = $"u-{Guid.NewGuid():N}@example.test",
        DisplayName = "Someone",
        Password = password,
        OrganizationId = orgId,
        Role = role,
    };

    [SkippableFact]
    public async Task A_district_admin_creates_staff_in_its_district_who_can_then_sign_in()
    {
        var world = await _actors.World();
        var admin = await _actors.As(Role.DistrictAdmin, world.One.DistrictA.Id);

        var request = NewUser(world.One.SchoolA.Id, Role.Teacher);
        var created = await (await admin.PostJson(Url, request)).Read<UserSummary>(HttpStatusCode.Created);
        created.Memberships.Should().ContainSingle().Which.Role.Should().Be(Role.Teacher);

        var teacher = await _actors.SignIn(request.Email, Actors.Password);
        var me = await (await teacher.GetAsync("/api/v1/me")).Read<CurrentCaller>();
        me.Memberships.Single().OrganizationId.Should().Be(world.One.SchoolA.Id);
    }

    [SkippableFact]
    public async Task Managers_cannot_create_users_outside_their_organizations()
    {
        var world = await _actors.World();
        var admin = await _actors.As(Role.DistrictAdmin, world.One.DistrictA.Id);

        await (await admin.PostJson(Url, NewUser(world.One.SchoolB.Id, Role.Teacher))).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await admin.PostJson(Url, NewUser(world.Two.SchoolA.Id, Role.Teacher))).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await admin.PostJson(Url, NewUser(world.One.Region.Id, Role.ConvenerAdmin))).ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    [SkippableFact]
    public async Task Roles_without_user_management_get_403()
    {
        var world = await _actors.World();
        var teacher = await _actors.As(Role.Teacher, world.One.SchoolA.Id);
        await (await teacher.PostJson(Url, NewUser(world.One.SchoolA.Id, Role.Student))).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await teacher.GetAsync(Url)).ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    [SkippableFact]
    public async Task A_role_must_fit_the_organization_type_and_emails_are_unique()
    {
        var world = await _actors.World();
        var admin = await _actors.Admin();

        (await (await admin.PostJson(Url, NewUser(world.One.Employer.Id, Role.Teacher))).ShouldBeProblem(HttpStatusCode.UnprocessableEntity))
            .Detail.Should().Contain("school");

        var first = NewUser(world.One.Employer.Id, Role.Supervisor);
        (await admin.PostJson(Url, first)).StatusCode.Should().Be(HttpStatusCode.Created);
        await (await admin.PostJson(Url, first with { Email = first.Email.ToUpperInvariant() })).ShouldBeProblem(HttpStatusCode.Conflict);
    }

    [SkippableTheory]
    [InlineData("not-an-email", "Someone", "long enough password", "email")]
    [InlineData("a@example.test", "", "long enough password", "displayName")]
    [InlineData("a@example.test", "Someone", "short", "password")]
    public async Task Invalid_users_are_a_400(string email, string name, string password, string field)
    {
        var world = await _actors.World();
        var problem = await (await (await _actors.Admin()).PostJson(Url, new CreateUserRequest
        {
            Email = email, DisplayName = name, Password = password, OrganizationId = world.One.SchoolA.Id, Role = Role.Teacher,
        })).ShouldBeProblem(HttpStatusCode.BadRequest);
        problem.Errors.Should().ContainKey(field);
    }

    [SkippableFact]
    public async Task Listing_shows_only_users_and_memberships_inside_the_managers_scope()
    {
        var world = await _actors.World();
        var (_, inside) = await _actors.User(Role.Teacher, world.One.SchoolA.Id);
        var (_, outside) = await _actors.User(Role.Teacher, world.One.SchoolB.Id);
        var admin = await _actors.As(Role.DistrictAdmin, world.One.DistrictA.Id);

        // The inside user also holds a role in district B; district A's admin must not learn of it.
        await (await (await _actors.Admin()).PostJson($"{Url}/{inside.Id}/memberships",
            new AddMembershipRequest { OrganizationId = world.One.SchoolB.Id, Role = Role.Counselor })).Read<UserSummary>();

        var page = await (await admin.GetAsync(Url + "?limit=200")).Read<UserPage>();
        page.Items.Select(u => u.Id).Should().Contain(inside.Id).And.NotContain(outside.Id);
        page.Items.Single(u => u.Id == inside.Id).Memberships.Should().ContainSingle().Which.OrganizationId.Should().Be(world.One.SchoolA.Id);

        await (await admin.GetAsync($"{Url}?organizationId={world.One.SchoolB.Id}")).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task Adding_and_removing_a_role_takes_effect_on_the_next_request()
    {
        var world = await _actors.World();
        var (client, user) = await _actors.User(Role.Teacher, world.One.SchoolA.Id);
        var admin = await _actors.Admin();

        await (await admin.PostJson($"{Url}/{user.Id}/memberships", new AddMembershipRequest { OrganizationId = world.One.DistrictA.Id, Role = Role.DistrictAdmin }))
            .Read<UserSummary>();
        (await (await client.GetAsync("/api/v1/me")).Read<CurrentCaller>()).Permissions.Should().Contain(Permission.UsersManage);
        await (await admin.PostJson($"{Url}/{user.Id}/memberships", new AddMembershipRequest { OrganizationId = world.One.DistrictA.Id, Role = Role.DistrictAdmin }))
            .ShouldBeProblem(HttpStatusCode.Conflict);

        (await admin.DeleteAsync($"{Url}/{user.Id}/memberships/{world.One.DistrictA.Id}/districtAdmin")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await (await client.GetAsync("/api/v1/me")).Read<CurrentCaller>()).Permissions.Should().NotContain(Permission.UsersManage);
        await (await admin.DeleteAsync($"{Url}/{user.Id}/memberships/{world.One.DistrictA.Id}/districtAdmin")).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task Another_tenants_user_is_invisible()
    {
        var world = await _actors.World();
        var (_, stranger) = await _actors.User(Role.Teacher, world.Two.SchoolA.Id);
        var convener = await _actors.As(Role.ConvenerAdmin, world.One.Region.Id);

        await (await convener.PostJson($"{Url}/{stranger.Id}/memberships", new AddMembershipRequest { OrganizationId = world.One.SchoolA.Id, Role = Role.Teacher }))
            .ShouldBeProblem(HttpStatusCode.NotFound);
        await (await convener.DeleteAsync($"{Url}/{stranger.Id}/memberships/{world.Two.SchoolA.Id}/teacher")).ShouldBeProblem(HttpStatusCode.NotFound);
    }
}
