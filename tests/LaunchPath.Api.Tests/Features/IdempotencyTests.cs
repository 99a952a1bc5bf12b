using System.Net;
using System.Net.Http.Json;
using LaunchPath.Api.Tests.Infrastructure;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Organizations;
using LaunchPath.Contracts.Roster;

namespace LaunchPath.Api.Tests.Features;

public sealed class IdempotencyOnSqlite(SqliteApi api) : IdempotencyTests(() => api.Factory), IClassFixture<SqliteApi>;

public sealed class IdempotencyOnSqlServer(SqlServerApi api) : IdempotencyTests(() => api.Factory), IClassFixture<SqlServerApi>;

/// <summary>Integrations retry POSTs safely with an Idempotency-Key.</summary>
public abstract class IdempotencyTests
{
    private readonly Actors _actors;

    protected IdempotencyTests(Func<ApiFactory> factory) => _actors = new Actors(factory());

    private static Task<HttpResponseMessage> Post<T>(HttpClient client, string url, T body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body, options: Http.Json) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    [SkippableFact]
    public async Task A_retried_post_replays_the_first_response_and_creates_once()
    {
        var admin = await _actors.Admin();
        var key = Guid.NewGuid().ToString();
        var body = new CreateOrganizationRequest { Type = OrganizationType.Region, Name = "Idempotent " + key[..8] };

        var first = await Post(admin, "/api/v1/organizations", body, key);
        var created = await first.Read<Organization>(HttpStatusCode.Created);
        var second = await Post(admin, "/api/v1/organizations", body, key);
        var replayed = await second.Read<Organization>(HttpStatusCode.Created);

        replayed.Should().BeEquivalentTo(created);
        second.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");
        second.Headers.Location.Should().Be(first.Headers.Location);
        second.Headers.ETag.Should().Be(first.Headers.ETag);
        first.Headers.Contains("Idempotent-Replayed").Should().BeFalse();
        (await (await admin.GetAsync($"/api/v1/organizations?q={Uri.EscapeDataString(body.Name)}")).Read<OrganizationPage>()).Items.Should().ContainSingle();
    }

    [SkippableFact]
    public async Task The_same_key_with_a_different_request_is_a_422_and_other_callers_keys_are_their_own()
    {
        var admin = await _actors.Admin();
        var key = Guid.NewGuid().ToString();
        (await Post(admin, "/api/v1/organizations", new CreateOrganizationRequest { Type = OrganizationType.Region, Name = "A " + key[..8] }, key))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        await (await Post(admin, "/api/v1/organizations", new CreateOrganizationRequest { Type = OrganizationType.Region, Name = "B " + key[..8] }, key))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity);

        var region = await _actors.Org(OrganizationType.Region, null);
        var convener = await _actors.As(Role.ConvenerAdmin, region.Id);
        (await Post(convener, "/api/v1/organizations", new CreateOrganizationRequest { Type = OrganizationType.Employer, Name = "C", ParentId = region.Id }, key))
            .StatusCode.Should().Be(HttpStatusCode.Created, "the key belongs to the admin, not to the convener");
    }

    [SkippableFact]
    public async Task Failed_validation_is_replayed_too_and_bad_keys_are_a_400()
    {
        var admin = await _actors.Admin();
        var key = Guid.NewGuid().ToString();
        var invalid = new CreateOrganizationRequest { Type = OrganizationType.Region, Name = "" };
        await (await Post(admin, "/api/v1/organizations", invalid, key)).ShouldBeProblem(HttpStatusCode.BadRequest);
        var again = await Post(admin, "/api/v1/organizations", invalid, key);
        await again.ShouldBeProblem(HttpStatusCode.BadRequest);
        again.Headers.Contains("Idempotent-Replayed").Should().BeTrue();

        await (await Post(admin, "/api/v1/organizations", invalid, new string('k', 256))).ShouldBeProblem(HttpStatusCode.BadRequest);
    }

    [SkippableFact]
    public async Task A_retried_roster_import_starts_one_job()
    {
        var admin = await _actors.Admin();
        var region = await _actors.Org(OrganizationType.Region, null);
        var district = await _actors.Org(OrganizationType.District, region.Id);
        var request = new RosterJsonImportRequest
        {
            Mode = RosterMode.Delta,
            Orgs = [new OneRosterOrg { SourcedId = "s", Name = "School", Type = "school" }],
        };
        var key = Guid.NewGuid().ToString();
        var first = await (await Post(admin, $"/api/v1/districts/{district.Id}/roster-imports/json", request, key)).Read<RosterImport>(HttpStatusCode.Accepted);
        var second = await (await Post(admin, $"/api/v1/districts/{district.Id}/roster-imports/json", request, key)).Read<RosterImport>(HttpStatusCode.Accepted);
        second.Id.Should().Be(first.Id);
        (await (await admin.GetAsync($"/api/v1/districts/{district.Id}/roster-imports")).Read<List<RosterImport>>()).Should().ContainSingle();
    }
}
