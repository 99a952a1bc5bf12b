using System.Net;
using Dapper;
using LaunchPath.Api.Features.Roster;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Tests.Infrastructure;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Organizations;
using LaunchPath.Contracts.People;
using LaunchPath.Contracts.Roster;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LaunchPath.Api.Tests.Features.Roster;

/// <summary>
/// Pulling a district's roster from its OneRoster 1.2 REST service — a real provider on loopback with a token endpoint,
/// paging and filters — full, then delta; through token expiry, 429 and 5xx; and a provider that fails half-way,
/// which applies nothing.
/// </summary>
public sealed class RosterPullTests : IAsyncLifetime
{
    private readonly OneRosterProvider _sis = new();
    private readonly ApiFactory _factory = new(DatabaseProvider.Sqlite, new Dictionary<string, string?>
    {
        ["Roster:AllowHttpConnections"] = "true",
        ["Roster:AllowPrivateAddresses"] = "true", // the test provider listens on loopback
        ["Roster:PullPageSize"] = "2",
        ["Roster:PullRetryBaseMs"] = "10",
    });
    private Actors _actors = null!;

    public async Task InitializeAsync()
    {
        await _sis.StartAsync();
        _actors = new Actors(_factory);
        _sis.Org("d1", "Alder Unified", "district", null);
        _sis.Org("h1", "Alder High", "school", "d1");
        _sis.User("p1", "Ana", "Reyes", "parent", "h1");
        _sis.User("s1", "Maya", "Reyes", "student", "h1", grade: "10", agents: ["p1"]);
        _sis.User("s2", "Leo", "Park", "student", "h1", grade: "11");
        _sis.User("s3", "Ivy", "Chen", "student", "h1", grade: "09");
        _sis.User("t1", "Rosa", "Diaz", "teacher", "h1");
        _sis.Demographics("s1", "2010-05-01");
    }

    public async Task DisposeAsync()
    {
        _factory.Dispose();
        await _sis.DisposeAsync();
    }

    private async Task<(Organization District, HttpClient Admin)> Connected()
    {
        var region = await _actors.Org(OrganizationType.Region, null);
        var district = await _actors.Org(OrganizationType.District, region.Id, "Alder Unified");
        var districtAdmin = await _actors.As(Role.DistrictAdmin, district.Id);
        var saved = await (await Put(districtAdmin, $"/api/v1/districts/{district.Id}/roster-connection", new RosterConnectionRequest
        {
            BaseUrl = _sis.BaseUrl, TokenUrl = _sis.TokenUrl, ClientId = OneRosterProvider.ClientId, ClientSecret = OneRosterProvider.ClientSecret,
        })).Read<RosterConnection>();
        saved.ClientSecretSet.Should().BeTrue();
        saved.NextPullAt.Should().NotBeNull("nightly by default");
        return (district, districtAdmin);
    }

    private static Task<HttpResponseMessage> Put<T>(HttpClient client, string url, T body) =>
        client.PutAsync(url, System.Net.Http.Json.JsonContent.Create(body, options: Http.Json));

    private static Task<RosterImport> Pull(HttpClient client, Organization district, string query = "") =>
        RosterImportTests.Finished(client, client.PostAsync($"/api/v1/districts/{district.Id}/roster-connection/pull{query}", null).Result);

    private static async Task<List<Student>> Students(HttpClient client) =>
        (await (await client.GetAsync("/api/v1/students?limit=200")).Read<StudentPage>()).Items.ToList();

    [Fact]
    public async Task A_full_pull_then_a_delta_pull_sync_the_district_through_paging_and_filters()
    {
        var (district, admin) = await Connected();
        var full = await Pull(admin, district);

        full.Status.Should().Be(RosterImportStatus.Succeeded, string.Join("; ", full.Errors.Select(e => e.Reason)));
        full.Source.Should().Be("rest");
        full.Mode.Should().Be(RosterMode.Bulk, "the first pull is a full one");
        full.Counts!.PeopleCreated.Should().Be(5);
        _sis.Requests.Should().Contain(r => r.Contains("/users?limit=2&offset=4")).And.NotContain(r => r.Contains("filter="), "paged, and unfiltered the first time");
        var maya = (await Students(admin)).Single(s => s.SourcedId == "s1");
        maya.BirthDate.Should().Be(new DateOnly(2010, 5, 1));
        (await (await admin.GetAsync($"/api/v1/students/{maya.Id}/guardians")).Read<List<Guardian>>()).Should().ContainSingle(g => g.GivenName == "Ana");
        var connection = await (await admin.GetAsync($"/api/v1/districts/{district.Id}/roster-connection")).Read<RosterConnection>();
        connection.Watermark.Should().Be("2026-08-01T00:00:00.000Z");
        connection.LastImportId.Should().Be(full.Id);

        // The SIS changes one student, adds one and withdraws one.
        _sis.Data["users"].Single(u => (string)u["sourcedId"]! == "s2")["familyName"] = "Park-Lee";
        _sis.Data["users"].Single(u => (string)u["sourcedId"]! == "s2")["dateLastModified"] = "2026-09-01T12:00:00.000Z";
        _sis.User("s4", "Kai", "Lee", "student", "h1", grade: "12", modified: "2026-09-02T08:00:00.000Z");
        _sis.Data["users"].Single(u => (string)u["sourcedId"]! == "s3")["status"] = "tobedeleted";
        _sis.Data["users"].Single(u => (string)u["sourcedId"]! == "s3")["dateLastModified"] = "2026-09-03T08:00:00.000Z";
        _sis.Requests.Clear();

        var delta = await Pull(admin, district);
        delta.Status.Should().Be(RosterImportStatus.Succeeded, string.Join("; ", delta.Errors.Select(e => e.Reason)));
        delta.Mode.Should().Be(RosterMode.Delta);
        delta.Counts.Should().BeEquivalentTo(new RosterCounts { PeopleCreated = 1, PeopleUpdated = 2 });
        _sis.Requests.Should().Contain(r => r.Contains("filter=dateLastModified%3E%272026-08-01T00%3A00%3A00.000Z%27"), "only what changed since the watermark");
        var students = await Students(admin);
        students.Single(s => s.SourcedId == "s2").FamilyName.Should().Be("Park-Lee");
        students.Single(s => s.SourcedId == "s3").Status.Should().Be(PersonStatus.Inactive);
        students.Single(s => s.SourcedId == "s1").Status.Should().Be(PersonStatus.Active, "a delta leaves the others alone");
        (await (await admin.GetAsync($"/api/v1/districts/{district.Id}/roster-connection")).Read<RosterConnection>()).Watermark.Should().Be("2026-09-03T08:00:00.000Z");
    }

    [Fact]
    public async Task A_provider_that_fails_half_way_applies_nothing_and_says_where()
    {
        var (district, admin) = await Connected();
        _sis.Fail = (request, _) => request.Contains("/users?") && request.Contains("offset=2") ? (500, null) : null;

        var failed = await Pull(admin, district);

        failed.Status.Should().Be(RosterImportStatus.Failed);
        failed.Errors.Single().Reason.Should().Contain("users at offset 2").And.Contain("500").And.Contain("after 5 attempts");
        (await Students(admin)).Should().BeEmpty("the orgs and the first page of users were pulled, but nothing is applied from a pull that did not finish");
        (await (await admin.GetAsync($"/api/v1/districts/{district.Id}/roster-connection")).Read<RosterConnection>()).Watermark.Should().BeNull();
    }

    [Fact]
    public async Task A_pull_survives_token_expiry_429_with_retry_after_and_passing_5xx()
    {
        var (district, admin) = await Connected();
        _sis.TokenUses = 3; // a token expires mid-pull
        var failures = 0;
        _sis.Fail = (request, _) =>
            request.Contains("/users?") && request.Contains("offset=2") && failures++ == 0 ? (429, "1")
            : request.Contains("/demographics?") && failures++ == 1 ? (503, null)
            : null;

        var pulled = await Pull(admin, district);

        pulled.Status.Should().Be(RosterImportStatus.Succeeded, string.Join("; ", pulled.Errors.Select(e => e.Reason)));
        pulled.Counts!.PeopleCreated.Should().Be(5);
        _sis.Requests.Count(r => r == "/oauth/token").Should().BeGreaterThan(1, "the expired token was renewed");
    }

    [Fact]
    public async Task A_previewed_pull_is_applied_as_pulled_when_confirmed_and_the_secret_never_leaves()
    {
        var (district, admin) = await Connected();
        var preview = await Pull(admin, district, "?preview=true");
        preview.Status.Should().Be(RosterImportStatus.Previewed);
        (await Students(admin)).Should().BeEmpty();
        var requests = _sis.Requests.Count;

        var applied = await RosterImportTests.Finished(admin, await admin.PostAsync($"/api/v1/roster-imports/{preview.Id}/confirm", null));
        applied.Status.Should().Be(RosterImportStatus.Succeeded);
        (await Students(admin)).Should().HaveCount(3);
        _sis.Requests.Count.Should().Be(requests, "confirming applies what was previewed; it does not pull again");

        var text = await admin.GetStringAsync($"/api/v1/districts/{district.Id}/roster-connection");
        text.Should().NotContain(OneRosterProvider.ClientSecret);
        await using var connection = await _factory.Services.GetRequiredService<Db>().OpenAsync(CancellationToken.None);
        var stored = await connection.ExecuteScalarAsync<string>("SELECT client_secret FROM roster_connections WHERE district_id = @Id", new { Id = Guid.Parse(district.Id) });
        stored.Should().NotContain(OneRosterProvider.ClientSecret, "the secret is stored encrypted");

        // Changing the connection without a secret keeps the stored one; the next pull still authenticates.
        (await Put(admin, $"/api/v1/districts/{district.Id}/roster-connection", new RosterConnectionRequest
        {
            BaseUrl = _sis.BaseUrl, TokenUrl = _sis.TokenUrl, ClientId = OneRosterProvider.ClientId, PullHourUtc = 3,
        })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Pull(admin, district)).Status.Should().Be(RosterImportStatus.Succeeded);
    }

    [Fact]
    public async Task The_nightly_pull_starts_once_when_due_and_wrong_credentials_fail_clearly()
    {
        var (district, admin) = await Connected();
        await using (var connection = await _factory.Services.GetRequiredService<Db>().OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("UPDATE roster_connections SET next_pull_at = @Past", new { Past = DateTimeOffset.UtcNow.AddMinutes(-5) });
        }

        var scheduler = ActivatorUtilities.CreateInstance<RosterPullScheduler>(_factory.Services);
        await Task.WhenAll(scheduler.StartDueAsync(CancellationToken.None), scheduler.StartDueAsync(CancellationToken.None));
        var imports = await (await admin.GetAsync($"/api/v1/districts/{district.Id}/roster-imports")).Read<List<RosterImport>>();
        imports.Should().ContainSingle("two schedulers racing start one pull").Which.Source.Should().Be("rest");
        var nightly = await RosterImportTests.Finished(admin, await admin.GetAsync($"/api/v1/roster-imports/{imports[0].Id}").ContinueWith(t => Accepted(t.Result)));
        nightly.Status.Should().Be(RosterImportStatus.Succeeded);
        var next = await (await admin.GetAsync($"/api/v1/districts/{district.Id}/roster-connection")).Read<RosterConnection>();
        next.NextPullAt.Should().BeAfter(DateTimeOffset.UtcNow);

        (await Put(admin, $"/api/v1/districts/{district.Id}/roster-connection", new RosterConnectionRequest
        {
            BaseUrl = _sis.BaseUrl, TokenUrl = _sis.TokenUrl, ClientId = OneRosterProvider.ClientId, ClientSecret = "wrong",
        })).StatusCode.Should().Be(HttpStatusCode.OK);
        var refused = await Pull(admin, district);
        refused.Status.Should().Be(RosterImportStatus.Failed);
        refused.Errors.Single().Reason.Should().Contain("refused the client credentials");
    }

    [Fact]
    public async Task Classes_and_enrollments_come_along_when_the_service_offers_them()
    {
        var (district, admin) = await Connected();
        Dictionary<string, object?> Ref(string collection, string id, string type) => new() { ["href"] = $"{_sis.BaseUrl}/x/{collection}/{id}", ["sourcedId"] = id, ["type"] = type };
        _sis.Data["academicSessions"] = [new() { ["sourcedId"] = "fall", ["status"] = "active", ["dateLastModified"] = "2026-08-01T00:00:00.000Z", ["title"] = "Fall 2026",
            ["type"] = "term", ["startDate"] = "2026-08-15", ["endDate"] = "2026-12-20", ["schoolYear"] = "2027" }];
        _sis.Data["courses"] = [new() { ["sourcedId"] = "bio", ["status"] = "active", ["dateLastModified"] = "2026-08-01T00:00:00.000Z", ["title"] = "Biology",
            ["courseCode"] = "BIO1", ["org"] = Ref("orgs", "h1", "org") }];
        _sis.Data["classes"] = [new() { ["sourcedId"] = "bio-1", ["status"] = "active", ["dateLastModified"] = "2026-08-01T00:00:00.000Z", ["title"] = "Biology P1",
            ["classType"] = "scheduled", ["course"] = Ref("courses", "bio", "course"), ["school"] = Ref("orgs", "h1", "org"), ["terms"] = new[] { Ref("academicSessions", "fall", "academicSession") },
            ["periods"] = new[] { "1" } }];
        _sis.Data["enrollments"] = [
            new() { ["sourcedId"] = "e1", ["status"] = "active", ["dateLastModified"] = "2026-08-01T00:00:00.000Z", ["role"] = "teacher", ["primary"] = "true",
                ["user"] = Ref("users", "t1", "user"), ["class"] = Ref("classes", "bio-1", "class"), ["school"] = Ref("orgs", "h1", "org") },
            new() { ["sourcedId"] = "e2", ["status"] = "active", ["dateLastModified"] = "2026-08-01T00:00:00.000Z", ["role"] = "student", ["primary"] = "false",
                ["user"] = Ref("users", "s1", "user"), ["class"] = Ref("classes", "bio-1", "class"), ["school"] = Ref("orgs", "h1", "org") },
        ];

        var pulled = await Pull(admin, district);

        pulled.Status.Should().Be(RosterImportStatus.Succeeded, string.Join("; ", pulled.Errors.Select(e => e.Reason)));
        pulled.Counts!.ClassesWritten.Should().Be(3, "a term, a course and a class");
        pulled.Counts.EnrollmentsWritten.Should().Be(2);
        var classes = await (await admin.GetAsync("/api/v1/classes")).Read<List<LaunchPath.Contracts.Classes.ClassSummary>>();
        classes.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Title = "Biology P1", CourseTitle = "Biology", Students = 1 });
    }

    [Fact]
    public async Task A_service_on_a_private_address_is_refused_unless_allowed()
    {
        using var strict = new ApiFactory(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["Roster:AllowHttpConnections"] = "true", ["Roster:PullRetryBaseMs"] = "10" });
        var actors = new Actors(strict);
        var region = await actors.Org(OrganizationType.Region, null);
        var district = await actors.Org(OrganizationType.District, region.Id);
        var admin = await actors.As(Role.DistrictAdmin, district.Id);
        (await Put(admin, $"/api/v1/districts/{district.Id}/roster-connection", new RosterConnectionRequest
        {
            BaseUrl = _sis.BaseUrl, TokenUrl = _sis.TokenUrl, ClientId = OneRosterProvider.ClientId, ClientSecret = OneRosterProvider.ClientSecret,
        })).StatusCode.Should().Be(HttpStatusCode.OK);

        var refused = await Pull(admin, district);

        refused.Status.Should().Be(RosterImportStatus.Failed);
        refused.Errors.Single().Reason.Should().Contain("not a public address");
        _sis.Requests.Should().BeEmpty("the server never connected to its own network");
        LaunchPath.Api.Infrastructure.Http.OutboundConnections.IsPublic(System.Net.IPAddress.Parse("10.1.2.3")).Should().BeFalse();
        LaunchPath.Api.Infrastructure.Http.OutboundConnections.IsPublic(System.Net.IPAddress.Parse("169.254.169.254")).Should().BeFalse("cloud metadata");
        LaunchPath.Api.Infrastructure.Http.OutboundConnections.IsPublic(System.Net.IPAddress.Parse("::ffff:192.168.1.1")).Should().BeFalse();
        LaunchPath.Api.Infrastructure.Http.OutboundConnections.IsPublic(System.Net.IPAddress.Parse("fd00::1")).Should().BeFalse();
        LaunchPath.Api.Infrastructure.Http.OutboundConnections.IsPublic(System.Net.IPAddress.Parse("93.184.216.34")).Should().BeTrue();
    }

    /// <summary>Re-labels a GET of a job as the 202 the poller expects.</summary>
    private static HttpResponseMessage Accepted(HttpResponseMessage response)
    {
        response.StatusCode = HttpStatusCode.Accepted;
        response.Headers.Location = new Uri(response.RequestMessage!.RequestUri!.AbsolutePath, UriKind.Relative);
        return response;
    }
}
