using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using LaunchPath.Api.Tests.Infrastructure;
using LaunchPath.Contracts.Common;
using LaunchPath.Contracts.Organizations;

namespace LaunchPath.Api.Tests.Features.Organizations;

public sealed class OrganizationsOnSqlite(SqliteApi api) : OrganizationsTests(() => api.Factory), IClassFixture<SqliteApi>;

public sealed class OrganizationsOnSqlServer(SqlServerApi api) : OrganizationsTests(() => api.Factory), IClassFixture<SqlServerApi>;

/// <summary>The Organizations slice through HTTP, on each engine.</summary>
public abstract class OrganizationsTests
{
    private const string Url = "/api/v1/organizations";
    private readonly Actors _actors;
    private HttpClient _client = null!;

    protected OrganizationsTests(Func<ApiFactory> factory) => _actors = new Actors(factory());

    // Every test here acts as the platform administrator; tenancy and roles are in OrganizationAccessTests.
    private async Task SignIn() => _client = await _actors.Admin();

    private async Task<Organization> Create(CreateOrganizationRequest request)
    {
        var response = await _client.PostJson(Url, request);
        return await response.Read<Organization>(HttpStatusCode.Created);
    }

    private Task<Organization> CreateRegion(string? sourcedId = null) =>
        Create(new() { Type = OrganizationType.Region, Name = "Region " + Guid.NewGuid().ToString("N")[..6], SourcedId = sourcedId });

    private Task<Organization> CreateChild(OrganizationType type, string parentId, string? sourcedId = null, string? name = null) =>
        Create(new() { Type = type, Name = name ?? $"{type} {Guid.NewGuid():N}"[..20], ParentId = parentId, SourcedId = sourcedId });

    [SkippableFact]
    public async Task Creating_returns_201_with_location_etag_and_the_stored_fields()
    {
        await SignIn();
        var region = await CreateRegion();
        var response = await _client.PostJson(Url, new CreateOrganizationRequest
        {
            Type = OrganizationType.Employer,
            Name = "  Harbor Robotics  ",
            ParentId = region.Id,
            SourcedId = "emp-1",
            Industry = "Industrial machinery",
            CareerCluster = CareerCluster.AdvancedManufacturing,
            Address = new PostalAddress { Line1 = "1 Dock St", City = "Oakland", State = "CA", PostalCode = "94607" },
        });

        var employer = await response.Read<Organization>(HttpStatusCode.Created);
        response.Headers.Location!.ToString().Should().Be($"{Url}/{employer.Id}");
        response.Headers.ETag!.Tag.Should().Be("\"1\"");
        employer.Should().BeEquivalentTo(new
        {
            Type = OrganizationType.Employer,
            Name = "Harbor Robotics",
            ParentId = region.Id,
            SourcedId = "emp-1",
            Industry = "Industrial machinery",
            CareerCluster = CareerCluster.AdvancedManufacturing,
            Version = 1,
        });
        employer.Address!.Country.Should().Be("US");
        Guid.TryParse(employer.Id, out var id).Should().BeTrue();
        id.Version.Should().Be(7, "ids are app-generated GUID v7");
        employer.CreatedAt.Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));

        var fetched = await (await _client.GetAsync($"{Url}/{employer.Id}")).Read<Organization>();
        fetched.Should().BeEquivalentTo(employer);
    }

    [SkippableFact]
    public async Task A_full_tree_of_region_district_school_and_employer_can_be_built()
    {
        await SignIn();
        var region = await CreateRegion();
        var district = await CreateChild(OrganizationType.District, region.Id);
        var school = await CreateChild(OrganizationType.School, district.Id);
        var employer = await CreateChild(OrganizationType.Employer, region.Id);

        school.ParentId.Should().Be(district.Id);
        var children = await (await _client.GetAsync($"{Url}?parentId={region.Id}")).Read<OrganizationPage>();
        children.Items.Select(o => o.Id).Should().BeEquivalentTo([district.Id, employer.Id]);
    }

    [SkippableTheory]
    [InlineData("""{"type":"region","name":""}""", "name")]
    [InlineData("""{"type":"region","name":"   "}""", "name")]
    [InlineData("""{"type":"school","name":"No parent"}""", "parentId")]
    [InlineData("""{"type":"region","name":"R","parentId":"0195e0a0-0000-7000-8000-000000000001"}""", "parentId")]
    [InlineData("""{"type":"district","name":"D","parentId":"not-a-guid"}""", "parentId")]
    [InlineData("""{"type":"region","name":"R","industry":"Retail"}""", "industry")]
    [InlineData("""{"type":"region","name":"R","careerCluster":"agriculture"}""", "careerCluster")]
    [InlineData("""{"type":"region","name":"R","address":{"line1":"","city":"X","state":"CA","postalCode":"1"}}""", "address.line1")]
    [InlineData("""{"type":"region","name":"R","address":{"line1":"1 A St","city":"X","state":"CA","postalCode":"1","country":"USA"}}""", "address.country")]
    public async Task Invalid_fields_are_a_400_validation_problem_naming_the_field(string json, string field)
    {
        await SignIn();
        var problem = await (await _client.PostRaw(Url, json)).ShouldBeProblem(HttpStatusCode.BadRequest);
        problem.Errors.Should().ContainKey(field);
    }

    [SkippableTheory]
    [InlineData("{\"type\":\"region\",\"name\":\"R\"", "malformed JSON")]
    [InlineData("""{"name":"R"}""", "missing required type")]
    [InlineData("""{"type":"planet","name":"R"}""", "unknown enum value")]
    [InlineData("""{"type":0,"name":"R"}""", "enum as a number")]
    [InlineData("""{"type":"region","name":null}""", "null for a required field")]
    [InlineData("""[]""", "wrong JSON shape")]
    [InlineData("", "empty body")]
    public async Task Unreadable_bodies_are_a_400_problem_never_a_500(string json, string because)
    {
        await SignIn();
        var problem = await (await _client.PostRaw(Url, json)).ShouldBeProblem(HttpStatusCode.BadRequest);
        problem.Detail.Should().NotBeNullOrWhiteSpace(because);
    }

    [SkippableFact]
    public async Task Name_longer_than_200_characters_is_rejected()
    {
        await SignIn();
        var problem = await (await _client.PostJson(Url, new CreateOrganizationRequest { Type = OrganizationType.Region, Name = new string('x', 201) }))
            .ShouldBeProblem(HttpStatusCode.BadRequest);
        problem.Errors.Should().ContainKey("name");
    }

    [SkippableFact]
    public async Task A_parent_that_does_not_exist_or_has_the_wrong_type_is_422()
    {
        await SignIn();
        var missing = await _client.PostJson(Url, new CreateOrganizationRequest { Type = OrganizationType.District, Name = "D", ParentId = Guid.CreateVersion7().ToString() });
        (await missing.ShouldBeProblem(HttpStatusCode.UnprocessableEntity)).Detail.Should().Contain("not found");

        var region = await CreateRegion();
        var schoolUnderRegion = await _client.PostJson(Url, new CreateOrganizationRequest { Type = OrganizationType.School, Name = "S", ParentId = region.Id });
        (await schoolUnderRegion.ShouldBeProblem(HttpStatusCode.UnprocessableEntity)).Detail.Should().Contain("must be a district");
    }

    [SkippableFact]
    public async Task A_duplicate_sourcedId_under_the_same_parent_is_409_and_nothing_is_written()
    {
        await SignIn();
        var region = await CreateRegion();
        await CreateChild(OrganizationType.District, region.Id, "sis-42");

        var duplicate = await _client.PostJson(Url, new CreateOrganizationRequest { Type = OrganizationType.District, Name = "Second", ParentId = region.Id, SourcedId = "sis-42" });
        (await duplicate.ShouldBeProblem(HttpStatusCode.Conflict)).Detail.Should().Contain("sis-42");

        var districts = await (await _client.GetAsync($"{Url}?parentId={region.Id}")).Read<OrganizationPage>();
        districts.Items.Should().ContainSingle();

        var otherRegion = await CreateRegion();
        await CreateChild(OrganizationType.District, otherRegion.Id, "sis-42"); // another parent: allowed
    }

    [SkippableFact]
    public async Task Unknown_or_malformed_ids_are_a_404_problem()
    {
        await SignIn();
        await (await _client.GetAsync($"{Url}/{Guid.CreateVersion7()}")).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await _client.GetAsync($"{Url}/not-an-id")).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await _client.GetAsync("/api/v1/no-such-area")).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task Listing_pages_with_a_cursor_through_every_item_exactly_once()
    {
        await SignIn();
        var region = await CreateRegion();
        var created = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            created.Add((await CreateChild(OrganizationType.Employer, region.Id)).Id);
        }

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var url = $"{Url}?parentId={region.Id}&limit=3" + (cursor is null ? "" : $"&cursor={cursor}");
            var page = await (await _client.GetAsync(url)).Read<OrganizationPage>();
            page.Items.Count.Should().BeLessThanOrEqualTo(3);
            seen.AddRange(page.Items.Select(o => o.Id));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null && pages < 10);

        pages.Should().Be(3);
        seen.Should().OnlyHaveUniqueItems().And.BeEquivalentTo(created, "every item comes back exactly once");
    }

    [SkippableFact]
    public async Task Listing_filters_by_type_and_name_text()
    {
        await SignIn();
        var region = await CreateRegion();
        var unique = Guid.NewGuid().ToString("N")[..8];
        await CreateChild(OrganizationType.Employer, region.Id, name: $"Summit {unique} Health");
        await CreateChild(OrganizationType.Employer, region.Id, name: $"Cedar {unique} Builders");
        await CreateChild(OrganizationType.District, region.Id, name: $"Summit {unique} District");

        var employers = await (await _client.GetAsync($"{Url}?parentId={region.Id}&type=employer")).Read<OrganizationPage>();
        employers.Items.Should().HaveCount(2).And.OnlyContain(o => o.Type == OrganizationType.Employer);

        var summit = await (await _client.GetAsync($"{Url}?q=summit%20{unique}")).Read<OrganizationPage>();
        summit.Items.Select(o => o.Name).Should().BeEquivalentTo([$"Summit {unique} Health", $"Summit {unique} District"]);

        var wildcard = await (await _client.GetAsync($"{Url}?parentId={region.Id}&q=%25")).Read<OrganizationPage>();
        wildcard.Items.Should().BeEmpty("a % in the search text is matched literally");
    }

    [SkippableTheory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    [InlineData("cursor=%%%", "cursor")]
    [InlineData("cursor=bm90LWEtY3Vyc29y", "cursor")]
    [InlineData("type=planet", "type")]
    [InlineData("type=1", "type")]
    public async Task Bad_list_parameters_are_a_400_naming_the_parameter(string query, string field)
    {
        await SignIn();
        var problem = await (await _client.GetAsync($"{Url}?{query}")).ShouldBeProblem(HttpStatusCode.BadRequest);
        problem.Errors.Should().ContainKey(field);
    }

    [SkippableFact]
    public async Task Limit_200_is_allowed()
    {
        await SignIn();
        var page = await (await _client.GetAsync($"{Url}?limit=200")).Read<OrganizationPage>();
        page.Items.Count.Should().BeLessThanOrEqualTo(200);
    }

    [SkippableFact]
    public async Task Update_with_the_current_etag_succeeds_and_bumps_the_version()
    {
        await SignIn();
        var region = await CreateRegion();
        var employer = await CreateChild(OrganizationType.Employer, region.Id, "e-1");
        var get = await _client.GetAsync($"{Url}/{employer.Id}");
        var etag = get.Headers.ETag!;

        var updated = await (await Put(employer.Id, etag.Tag, new UpdateOrganizationRequest
        {
            Name = "Renamed",
            SourcedId = "e-1b",
            Industry = "Logistics",
            CareerCluster = CareerCluster.SupplyChainTransportation,
        })).Read<Organization>();

        updated.Name.Should().Be("Renamed");
        updated.SourcedId.Should().Be("e-1b");
        updated.Version.Should().Be(2);
        updated.Type.Should().Be(OrganizationType.Employer);
        updated.ParentId.Should().Be(region.Id);
        updated.UpdatedAt.Should().BeOnOrAfter(updated.CreatedAt);
        (await _client.GetAsync($"{Url}/{employer.Id}")).Headers.ETag!.Tag.Should().Be("\"2\"");
    }

    [SkippableFact]
    public async Task Update_without_if_match_is_428_and_with_a_stale_etag_is_412_and_changes_nothing()
    {
        await SignIn();
        var region = await CreateRegion();
        var body = new UpdateOrganizationRequest { Name = "Changed" };

        var missing = new HttpRequestMessage(HttpMethod.Put, $"{Url}/{region.Id}") { Content = JsonContent.Create(body, options: Http.Json) };
        await (await _client.SendAsync(missing)).ShouldBeProblem(HttpStatusCode.PreconditionRequired);

        await (await Put(region.Id, "\"7\"", body)).ShouldBeProblem(HttpStatusCode.PreconditionFailed);

        var stored = await (await _client.GetAsync($"{Url}/{region.Id}")).Read<Organization>();
        stored.Name.Should().Be(region.Name);
        stored.Version.Should().Be(1);

        // The first writer wins; the second, holding the same ETag, gets 412.
        (await Put(region.Id, "\"1\"", body)).StatusCode.Should().Be(HttpStatusCode.OK);
        await (await Put(region.Id, "\"1\"", new UpdateOrganizationRequest { Name = "Lost update" })).ShouldBeProblem(HttpStatusCode.PreconditionFailed);
    }

    [SkippableFact]
    public async Task Update_with_if_match_star_overwrites_any_version()
    {
        await SignIn();
        var region = await CreateRegion();
        var updated = await (await Put(region.Id, "*", new UpdateOrganizationRequest { Name = "Star" })).Read<Organization>();
        updated.Name.Should().Be("Star");
    }

    [SkippableFact]
    public async Task Update_errors_unknown_id_duplicate_sourced_id_and_employer_only_fields()
    {
        await SignIn();
        await (await Put(Guid.CreateVersion7().ToString(), "\"1\"", new UpdateOrganizationRequest { Name = "X" })).ShouldBeProblem(HttpStatusCode.NotFound);

        var region = await CreateRegion();
        await CreateChild(OrganizationType.District, region.Id, "taken");
        var other = await CreateChild(OrganizationType.District, region.Id, "mine");
        await (await Put(other.Id, "\"1\"", new UpdateOrganizationRequest { Name = "X", SourcedId = "taken" })).ShouldBeProblem(HttpStatusCode.Conflict);

        var problem = await (await Put(other.Id, "\"1\"", new UpdateOrganizationRequest { Name = "X", Industry = "Retail" })).ShouldBeProblem(HttpStatusCode.BadRequest);
        problem.Errors.Should().ContainKey("industry");

        (await Put(other.Id, "\"1\"", new UpdateOrganizationRequest { Name = "" })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await (await _client.GetAsync($"{Url}/{other.Id}")).Read<Organization>()).Version.Should().Be(1, "no failed update wrote anything");
    }

    [SkippableFact]
    public async Task Health_endpoints_report_live_and_ready()
    {
        await SignIn();
        (await _client.GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK);
        var ready = await _client.GetAsync("/health/ready");
        ready.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ready.Content.ReadAsStringAsync()).Should().Contain("database");
    }

    [SkippableFact]
    public async Task An_unhandled_exception_is_a_500_problem_without_internals()
    {
        await SignIn();
        var response = await _client.GetAsync(ApiFactory.ThrowPath);
        var problem = await response.ShouldBeProblem(HttpStatusCode.InternalServerError);
        var text = await response.Content.ReadAsStringAsync();
        text.Should().NotContain("secret").And.NotContain("InvalidOperationException");
        problem.Detail.Should().Contain("traceId");
    }

    private Task<HttpResponseMessage> Put(string id, string ifMatch, UpdateOrganizationRequest body)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"{Url}/{id}") { Content = JsonContent.Create(body, options: Http.Json) };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return _client.SendAsync(request);
    }
}
