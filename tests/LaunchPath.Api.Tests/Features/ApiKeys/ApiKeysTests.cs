using System.Net;
using LaunchPath.Api.Tests.Infrastructure;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Organizations;

namespace LaunchPath.Api.Tests.Features.ApiKeys;

public sealed class ApiKeysOnSqlite(SqliteApi api) : ApiKeysTests(() => api.Factory), IClassFixture<SqliteApi>;

public sealed class ApiKeysOnSqlServer(SqlServerApi api) : ApiKeysTests(() => api.Factory), IClassFixture<SqlServerApi>;

/// <summary>API keys for SIS integrations and convener scripts: shown once, hashed, scoped, revocable.</summary>
public abstract class ApiKeysTests
{
    private readonly Actors _actors;

    protected ApiKeysTests(Func<ApiFactory> factory) => _actors = new Actors(factory());

    private static async Task<CreatedApiKey> CreateKey(HttpClient client, string orgId, params Permission[] permissions) =>
        await (await client.PostJson($"/api/v1/organizations/{orgId}/api-keys", new CreateApiKeyRequest { Name = "SIS sync", Permissions = permissions }))
            .Read<CreatedApiKey>(HttpStatusCode.Created);

    [SkippableFact]
    public async Task A_key_acts_within_its_organization_with_its_permissions()
    {
        var world = await _actors.World();
        var admin = await _actors.As(Role.DistrictAdmin, world.One.DistrictA.Id);
        var created = await CreateKey(admin, world.One.DistrictA.Id, Permission.OrganizationsRead, Permission.RosterImport);
        created.Key.Should().StartWith("lp_" + created.Info.Prefix + "_");

        var integration = _actors.WithApiKey(created.Key);
        var me = await (await integration.GetAsync("/api/v1/me")).Read<CurrentCaller>();
        me.ApiKeyId.Should().Be(created.Info.Id);
        me.Permissions.Should().BeEquivalentTo([Permission.OrganizationsRead, Permission.RosterImport]);

        (await integration.GetAsync($"/api/v1/organizations/{world.One.SchoolA.Id}")).StatusCode.Should().Be(HttpStatusCode.OK);
        await (await integration.GetAsync($"/api/v1/organizations/{world.One.SchoolB.Id}")).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await integration.PostJson("/api/v1/organizations", new CreateOrganizationRequest { Type = OrganizationType.School, Name = "S", ParentId = world.One.DistrictA.Id }))
            .ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    [SkippableFact]
    public async Task The_secret_is_shown_once_and_lists_carry_no_secret()
    {
        var world = await _actors.World();
        var admin = await _actors.Admin();
        var created = await CreateKey(admin, world.One.Region.Id, Permission.OrganizationsRead);

        var response = await admin.GetAsync($"/api/v1/organizations/{world.One.Region.Id}/api-keys");
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        text.Should().Contain(created.Info.Prefix).And.NotContain(created.Key.Split('_')[2]);
    }

    [SkippableFact]
    public async Task A_key_cannot_exceed_its_creators_permissions_nor_be_made_by_another_key()
    {
        var world = await _actors.World();
        var employerAdmin = await _actors.As(Role.EmployerAdmin, world.One.Employer.Id);
        (await (await employerAdmin.PostJson($"/api/v1/organizations/{world.One.Employer.Id}/api-keys",
                new CreateApiKeyRequest { Name = "x", Permissions = [Permission.RosterImport] })).ShouldBeProblem(HttpStatusCode.Forbidden))
            .Detail.Should().Contain("rosterImport");

        var key = await CreateKey(await _actors.Admin(), world.One.Region.Id, Permission.UsersManage, Permission.OrganizationsRead);
        await (await _actors.WithApiKey(key.Key).PostJson($"/api/v1/organizations/{world.One.Region.Id}/api-keys",
            new CreateApiKeyRequest { Name = "child", Permissions = [Permission.OrganizationsRead] })).ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    [SkippableFact]
    public async Task Keys_of_another_tenant_cannot_be_listed_or_revoked_and_roles_without_user_management_get_403()
    {
        var world = await _actors.World();
        var key = await CreateKey(await _actors.Admin(), world.Two.Region.Id, Permission.OrganizationsRead);
        var convener = await _actors.As(Role.ConvenerAdmin, world.One.Region.Id);

        await (await convener.GetAsync($"/api/v1/organizations/{world.Two.Region.Id}/api-keys")).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await convener.DeleteAsync($"/api/v1/api-keys/{key.Info.Id}")).ShouldBeProblem(HttpStatusCode.NotFound);

        var teacher = await _actors.As(Role.Teacher, world.One.SchoolA.Id);
        await (await teacher.PostJson($"/api/v1/organizations/{world.One.SchoolA.Id}/api-keys",
            new CreateApiKeyRequest { Name = "x", Permissions = [Permission.OrganizationsRead] })).ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    [SkippableFact]
    public async Task A_revoked_or_malformed_key_is_401()
    {
        var world = await _actors.World();
        var admin = await _actors.Admin();
        var key = await CreateKey(admin, world.One.Region.Id, Permission.OrganizationsRead);
        var client = _actors.WithApiKey(key.Key);
        (await client.GetAsync("/api/v1/organizations")).StatusCode.Should().Be(HttpStatusCode.OK);

        (await admin.DeleteAsync($"/api/v1/api-keys/{key.Info.Id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await admin.DeleteAsync($"/api/v1/api-keys/{key.Info.Id}")).StatusCode.Should().Be(HttpStatusCode.NoContent, "revoking twice is harmless");
        await (await client.GetAsync("/api/v1/organizations")).ShouldBeProblem(HttpStatusCode.Unauthorized);

        var wrongSecret = key.Key[..^4] + "AAAA";
        await (await _actors.WithApiKey(wrongSecret).GetAsync("/api/v1/organizations")).ShouldBeProblem(HttpStatusCode.Unauthorized);
        await (await _actors.WithApiKey("hello").GetAsync("/api/v1/organizations")).ShouldBeProblem(HttpStatusCode.Unauthorized);
    }

    [SkippableFact]
    public async Task Invalid_key_requests_are_a_400()
    {
        var world = await _actors.World();
        var problem = await (await (await _actors.Admin()).PostJson($"/api/v1/organizations/{world.One.Region.Id}/api-keys",
            new CreateApiKeyRequest { Name = "", Permissions = [] })).ShouldBeProblem(HttpStatusCode.BadRequest);
        problem.Errors.Should().ContainKeys("name", "permissions");
    }
}
