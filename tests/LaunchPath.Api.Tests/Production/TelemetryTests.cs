using System.Diagnostics;
using System.Net;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Tests.Infrastructure;
using LaunchPath.Contracts.Organizations;
using LaunchPath.Contracts.Roster;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace LaunchPath.Api.Tests.Production;

/// <summary>
/// Metrics an operator can scrape (on the scrape port only), including the job runner's, and traces that carry no
/// student data: no names searched for, no ids in paths, no one-time link tokens, no query strings.
/// </summary>
public sealed class TelemetryTests : IDisposable
{
    private readonly List<Activity> _spans = [];
    private readonly ApiFactory _factory;

    public TelemetryTests() => _factory = new ApiFactory(DatabaseProvider.Sqlite, new() { ["Telemetry:PrometheusPort"] = "9464", ["Telemetry:Tracing"] = "true" },
        services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_spans)));

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Prometheus_scrapes_request_runtime_and_job_metrics_on_its_own_port_only()
    {
        var actors = new Actors(_factory);
        var region = await actors.Org(OrganizationType.Region, null);
        var district = await actors.Org(OrganizationType.District, region.Id);
        var admin = await actors.Admin();
        var import = await (await admin.PostJson($"/api/v1/districts/{district.Id}/roster-imports/json", new RosterJsonImportRequest
        {
            Mode = RosterMode.Delta,
            Users = [new OneRosterUser { SourcedId = "u1", GivenName = "Ana", FamilyName = "Reyes", Grades = ["10"] }],
            Roles = [new OneRosterRole { UserSourcedId = "u1", Role = "student", RoleType = "primary", OrgSourcedId = "nowhere" }],
        })).Read<RosterImport>(HttpStatusCode.Accepted);
        for (var i = 0; i < 200 && import.Status is RosterImportStatus.Queued or RosterImportStatus.Running; i++)
        {
            await Task.Delay(50);
            import = await (await admin.GetAsync($"/api/v1/roster-imports/{import.Id}")).Read<RosterImport>();
        }

        import.Status.Should().NotBe(RosterImportStatus.Queued, "the job ran");

        var scrape = _factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://localhost:9464") });
        var text = "";
        for (var i = 0; i < 20 && !text.Contains("launchpath_jobs_completed", StringComparison.Ordinal); i++)
        {
            await Task.Delay(200);
            var response = await scrape.GetAsync("/metrics");
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            text = await response.Content.ReadAsStringAsync();
        }

        text.Should().Contain("launchpath_jobs_started").And.Contain("launchpath_jobs_completed").And.Contain("kind=\"roster-import\"");
        text.Should().Contain("launchpath_jobs_duration_seconds");
        text.Should().Contain("http_server_request_duration_seconds");
        text.Should().Contain("dotnet_gc_", "runtime metrics");

        (await _factory.CreateClient().GetAsync("/metrics")).StatusCode.Should().NotBe(HttpStatusCode.OK, "metrics are not served on the public port");
    }

    [Fact]
    public async Task Traces_carry_route_templates_not_names_ids_tokens_or_query_strings()
    {
        var admin = await new Actors(_factory).Admin();
        var student = Guid.NewGuid();
        const string token = "tok3nThatMustNotBeTraced0123456789";
        await admin.GetAsync("/api/v1/students?q=Maria-Searched-For&limit=5");
        await admin.GetAsync($"/api/v1/students/{student}");
        await _factory.CreateClient().GetAsync($"/api/v1/links/{token}");

        var server = _spans.Where(s => s.Kind == ActivityKind.Server).ToList();
        server.Should().HaveCountGreaterThanOrEqualTo(3);
        var values = server.SelectMany(s => s.TagObjects.Select(t => t.Value?.ToString() ?? "")).Concat(server.Select(s => s.DisplayName)).ToList();
        values.Should().NotContain(v => v.Contains("Maria-Searched-For", StringComparison.Ordinal));
        values.Should().NotContain(v => v.Contains(student.ToString(), StringComparison.OrdinalIgnoreCase));
        values.Should().NotContain(v => v.Contains(token, StringComparison.Ordinal));
        server.Should().Contain(s => Equals(s.GetTagItem("url.path"), "/api/v1/links/{token}"));
        server.Should().OnlyContain(s => s.GetTagItem("url.query") == null);
    }

    [Fact]
    public async Task Readiness_reports_the_job_runner()
    {
        var client = _factory.CreateClient();
        System.Text.Json.JsonElement jobs = default;
        for (var i = 0; i < 50; i++)
        {
            var ready = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/health/ready")).RootElement;
            jobs = ready.GetProperty("checks").GetProperty("jobs");
            if (jobs.GetProperty("status").GetString() == "Healthy")
            {
                break;
            }

            await Task.Delay(100);
        }

        jobs.GetProperty("status").GetString().Should().Be("Healthy");
        jobs.GetProperty("description").GetString().Should().Contain("running").And.Contain("last looked for work");
    }
}
