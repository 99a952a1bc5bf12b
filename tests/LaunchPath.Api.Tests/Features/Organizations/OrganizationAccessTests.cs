using System.Net;
using System.Net.Http.Json;
using LaunchPath.Api.Tests.Infrastructure;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Organizations;

namespace LaunchPath.Api.Tests.Features.Organizations;

public sealed class OrganizationAccessOnSqlite(SqliteApi api) : OrganizationAccessTests(() => api.Factory), IClassFixture<SqliteApi>;

public sealed class OrganizationAccessOnSqlServer(SqlServerApi api) : OrganizationAccessTests(() => api.Factory), IClassFixture<SqlServerApi>;

/// <summary>Who sees and changes which organizations: 401 without credentials, 404 across tenants, 403 without the role.</summary>
public abstract class OrganizationAccessTests
{
    private const string Url = "/api/v1/organizations";
    private readonly Actors _actors;

    protected OrganizationAccessTests(Func<ApiFactory> factory) => _actors = new Actors(factory());

    private static async Task<HashSet<string>> VisibleIds(HttpClient client)
    {
        var ids = new HashSet<string>();
        string? cursor = null;
        do
        {
            var page = await (await client.GetAsync($"{Url}?limit=200" + (cursor is null ? "" : $"&cursor={cursor}"))).Read<OrganizationPage>();
            ids.UnionWith(page.Items.Select(o => o.Id));
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return ids;
    }

    [SkippableFact]
    public async Task Without_credentials_every_organization_endpoint_is_401_problem()
    {
        var anonymous = _actors.Anonymous();
        await (await anonymous.GetAsync(Url)).ShouldBeProblem(HttpStatusCode.Unauthorized);
        await (await anonymous.GetAsync($"{Url}/{Guid.CreateVersion7()}")).ShouldBeProblem(HttpStatusCode.Unauthorized);
        await (await anonymous.PostJson(Url, new CreateOrganizationRequest { Type = OrganizationType.Region, Name = "R" })).ShouldBeProblem(HttpStatusCode.Unauthorized);

        var forged = _actors.Anonymous();
        forged.DefaultRequestHeaders.Authorization = new("Bearer", "not.a.token");
        await (await forged.GetAsync(Url)).ShouldBeProblem(HttpStatusCode.Unauthorized);
    }

    [SkippableFact]
    public async Task A_convener_sees_its_whole_region_and_nothing_of_another()
    {
        var world = await _actors.World();
        var convener = await _actors.As(Role.ConvenerStaff, world.One.Region.Id);

        var visible = await VisibleIds(convener);
        visible.Should().Contain(world.One.All.Select(o => o.Id));
        visible.Should().NotContain(world.Two.All.Select(o => o.Id));
        await (await convener.GetAsync($"{Url}/{world.Two.DistrictA.Id}")).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await convener.GetAsync($"{Url}?parentId={world.Two.Region.Id}")).Read<OrganizationPage>()
            .ContinueWith(t => t.Result.Items.Should().BeEmpty());
    }

    [SkippableFact]
    public async Task A_district_admin_sees_its_district_schools_region_and_employers_but_not_the_other_district()
    {
        var world = await _actors.World();
        var admin = await _actors.As(Role.DistrictAdmin, world.One.DistrictA.Id);

        var visible = await VisibleIds(admin);
        visible.Should().BeEquivalentTo([world.One.Region.Id, world.One.DistrictA.Id, world.One.SchoolA.Id, world.One.Employer.Id]);
        await (await admin.GetAsync($"{Url}/{world.One.DistrictB.Id}")).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await admin.GetAsync($"{Url}/{world.One.SchoolB.Id}")).ShouldBeProblem(HttpStatusCode.NotFound);
        (await admin.GetAsync($"{Url}/{world.One.SchoolA.Id}")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [SkippableFact]
    public async Task A_teacher_sees_its_school_and_district_and_an_employer_sees_the_regions_schools()
    {
        var world = await _actors.World();
        var teacher = await _actors.As(Role.Teacher, world.One.SchoolA.Id);
        (await VisibleIds(teacher)).Should().BeEquivalentTo([world.One.Region.Id, world.One.DistrictA.Id, world.One.SchoolA.Id, world.One.Employer.Id]);

        var employer = await _actors.As(Role.EmployerAdmin, world.One.Employer.Id);
        (await VisibleIds(employer)).Should().BeEquivalentTo(world.One.All.Select(o => o.Id));
    }

    [SkippableFact]
    public async Task Only_a_platform_admin_creates_regions_and_only_a_convener_adds_districts_and_employers()
    {
        var world = await _actors.World();
        var convener = await _actors.As(Role.ConvenerAdmin, world.One.Region.Id);
        var districtAdmin = await _actors.As(Role.DistrictAdmin, world.One.DistrictA.Id);

        await (await convener.PostJson(Url, new CreateOrganizationRequest { Type = OrganizationType.Region, Name = "Mine" })).ShouldBeProblem(HttpStatusCode.Forbidden);
        (await convener.PostJson(Url, new CreateOrganizationRequest { Type = OrganizationType.Employer, Name = "New partner", ParentId = world.One.Region.Id }))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        await (await districtAdmin.PostJson(Url, new CreateOrganizationRequest { Type = OrganizationType.District, Name = "Rogue", ParentId = world.One.Region.Id }))
            .ShouldBeProblem(HttpStatusCode.Forbidden);

        // A parent in another region is as good as absent.
        await (await convener.PostJson(Url, new CreateOrganizationRequest { Type = OrganizationType.District, Name = "Far", ParentId = world.Two.Region.Id }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
    }

    [SkippableFact]
    public async Task A_district_admin_adds_schools_to_its_own_district_only()
    {
        var world = await _actors.World();
        var admin = await _actors.As(Role.DistrictAdmin, world.One.DistrictA.Id);

        (await admin.PostJson(Url, new CreateOrganizationRequest { Type = OrganizationType.School, Name = "New school", ParentId = world.One.DistrictA.Id }))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        await (await admin.PostJson(Url, new CreateOrganizationRequest { Type = OrganizationType.School, Name = "Not mine", ParentId = world.One.DistrictB.Id }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
    }

    [SkippableFact]
    public async Task Updates_need_write_access_where_the_organization_is()
    {
        var world = await _actors.World();
        var employerAdmin = await _actors.As(Role.EmployerAdmin, world.One.Employer.Id);
        var teacher = await _actors.As(Role.Teacher, world.One.SchoolA.Id);
        var body = new UpdateOrganizationRequest { Name = "Renamed" };

        (await Put(employerAdmin, world.One.Employer.Id, body)).StatusCode.Should().Be(HttpStatusCode.OK, "an employer admin edits its own profile");
        await (await Put(employerAdmin, world.One.SchoolA.Id, body)).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await Put(employerAdmin, world.Two.Employer.Id, body)).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await Put(teacher, world.One.SchoolA.Id, body)).ShouldBeProblem(HttpStatusCode.Forbidden);

        var stored = await (await (await _actors.Admin()).GetAsync($"{Url}/{world.One.SchoolA.Id}")).Read<Organization>();
        stored.Name.Should().Be(world.One.SchoolA.Name);
    }

    private static Task<HttpResponseMessage> Put(HttpClient client, string id, UpdateOrganizationRequest body)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"{Url}/{id}") { Content = JsonContent.Create(body, options: Http.Json) };
        request.Headers.TryAddWithoutValidation("If-Match", "*");
        return client.SendAsync(request);
    }
}
