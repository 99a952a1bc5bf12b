using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using static HttpBench;

/// <summary>
/// Authenticated GETs through the API on the region-scale data, each against a bare Kestrel app serving the very bytes
/// the API answered (same paths, same sizes), with the same client: 50 connections for a few seconds each.
/// Targets: ≥ 50 % of the bare app's req/s, p99 under 20 ms.
/// </summary>
internal static class ApiLoadBench
{
    /// <param name="only">Runs only the cases whose name contains this (for a profiler attached to the API's process id).</param>
    public static async Task RunAsync(int connections, double seconds, string? only = null)
    {
        using var copy = new RegionCopy();
        await using var api = await ApiProcess.StartAsync(copy.Path);
        var student = await api.TokenAsync("student@demo.launchpath.test");
        var convener = await api.TokenAsync("convener@demo.launchpath.test");
        var coordinator = await api.TokenAsync("coordinator@demo.launchpath.test");
        var districtStaff = await api.TokenAsync("district@demo.launchpath.test");
        string region, studentId, placement, district;
        await using (var read = new SqliteConnection($"Data Source={copy.Path};Mode=ReadOnly"))
        {
            region = await read.ExecuteScalarAsync<string>("SELECT id FROM organizations WHERE type = 'region'") ?? "";
            district = await read.ExecuteScalarAsync<string>("SELECT id FROM organizations WHERE sourced_id = 'demo-district-1'") ?? "";
            studentId = await read.ExecuteScalarAsync<string>("SELECT p.id FROM people p JOIN users u ON u.id = p.user_id WHERE u.email = 'student@demo.launchpath.test'") ?? "";
            placement = await read.ExecuteScalarAsync<string>(
                "SELECT pl.id FROM placements pl JOIN organizations s ON s.id = pl.school_id WHERE s.sourced_id = 'demo-school-1-1' AND pl.status <> 'proposed' LIMIT 1") ?? "";
        }

        var cases = new (string Name, Request Request)[]
        {
            // The pipeline alone (no handler, no database): what a request costs before its operation runs, signed out and in.
            ("GET /health/live (no token)", new(HttpMethod.Get, "/health/live", null)),
            ("GET /health/live (token)", new(HttpMethod.Get, "/health/live?t", convener)),
            ("GET one organization", new(HttpMethod.Get, $"/api/v1/organizations/{region}", convener)),
            ("GET opportunity search (student)", new(HttpMethod.Get, "/api/v1/opportunities?limit=20", student)),
            // What the student's search page asks by default: only what they may apply to, judged per opportunity.
            ("GET opportunity search, eligible only (student)", new(HttpMethod.Get, $"/api/v1/opportunities?limit=20&eligibleFor={studentId}", student)),
            ("GET one placement (coordinator)", new(HttpMethod.Get, $"/api/v1/placements/{placement}", coordinator)),
            ("GET recommendations (student)", new(HttpMethod.Get, $"/api/v1/students/{studentId}/recommendations", student)),
            // The mixed workload's two staff reads, measured alone (no target of their own: they show what the mix spends).
            ("GET placement list, 50 (coordinator)", new(HttpMethod.Get, "/api/v1/placements?limit=50", coordinator)),
            ("GET district outcomes (district)", new(HttpMethod.Get, $"/api/v1/outcomes?organizationId={district}", districtStaff)),
        };

        // What the API answers, served by a bare app: the figure each request's overhead is measured against.
        var captured = new Dictionary<string, (byte[] Body, string Type)>();
        foreach (var (name, request) in cases)
        {
            using var message = new HttpRequestMessage(request.Method, request.Path);
            if (request.Token is not null)
            {
                message.Headers.Authorization = new("Bearer", request.Token);
            }

            using var response = await api.Client.SendAsync(message);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{name}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }

            captured[request.Path] = (await response.Content.ReadAsByteArrayAsync(), response.Content.Headers.ContentType?.ToString() ?? "application/json");
        }

        await using var bare = await BareApp.StartAsync(captured);
        Console.WriteLine($"api: {connections} connections × {seconds:0} s per case; region-scale data; API process {api.ProcessId}, RSS {api.RssMiB():N0} MiB before");
        foreach (var (name, request) in cases)
        {
            if (only is not null && !name.Contains(only, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            // Warm-up: the JIT's tiers settle (instrumented code is slower) in a few seconds, at a load that leaves the
            // background compiler a core (at 50 connections it waited for one, and instrumented code ran for tens of
            // seconds: a fresh process, not the long-running API this measures).
            await LoadAsync(name, api.Address, _ => request, Math.Min(connections, 2), 5);
            var apiResult = await LoadAsync(name, api.Address, _ => request, connections, seconds);
            var bareResult = await LoadAsync(name, bare.Address, _ => request, connections, seconds);
            var met = apiResult.PerSecond >= 0.5 * bareResult.PerSecond && apiResult.P99 < 20 && apiResult.Errors == 0;
            Print(apiResult, bareResult, name.Contains("placement list") || name.Contains("outcomes") || name.Contains("no token")
                ? "no target"
                : $"target ≥ 50 % of bare, p99 < 20 ms: {(met ? "met" : "NOT met")}");
        }

        Console.WriteLine($"api: RSS {api.RssMiB():N0} MiB after");
    }
}

/// <summary>
/// A throwaway copy of the region-scale database with the API running on it, and an open round over the region's
/// 10k opportunities: what the choice and mixed benchmarks start from.
/// </summary>
internal sealed class OpenRound : IAsyncDisposable
{
    private readonly RegionCopy _copy;

    private OpenRound(RegionCopy copy, ApiProcess api) => (_copy, Api) = (copy, api);

    public ApiProcess Api { get; }

    public string RoundId { get; private set; } = "";

    /// <summary>Opportunities every grade-11+ student may rank: in the round, no age, prerequisite or hazard rule, virtual, not a teacher externship.</summary>
    public List<string> Eligible { get; private set; } = [];

    /// <summary>Grade-11+ students of the demo coordinator's school.</summary>
    public List<string> Students { get; private set; } = [];

    public string DistrictId { get; private set; } = "";

    public string StudentId { get; private set; } = "";

    public static async Task<OpenRound> StartAsync(string name)
    {
        var copy = new RegionCopy();
        var setup = new OpenRound(copy, await ApiProcess.StartAsync(copy.Path));
        string region;
        List<string> roundOpportunities;
        await using (var read = new SqliteConnection($"Data Source={copy.Path};Mode=ReadOnly"))
        {
            region = await read.ExecuteScalarAsync<string>("SELECT id FROM organizations WHERE type = 'region'") ?? "";
            setup.DistrictId = await read.ExecuteScalarAsync<string>("SELECT id FROM organizations WHERE sourced_id = 'demo-district-1'") ?? "";
            setup.StudentId = await read.ExecuteScalarAsync<string>(
                "SELECT p.id FROM people p JOIN users u ON u.id = p.user_id WHERE u.email = 'student@demo.launchpath.test'") ?? "";
            roundOpportunities = (await read.QueryAsync<string>(
                "SELECT id FROM opportunities WHERE status = 'published' AND audience = 'region' ORDER BY id LIMIT 10000")).ToList();
            setup.Eligible = (await read.QueryAsync<string>(
                "SELECT id FROM opportunities WHERE status = 'published' AND audience = 'region' AND min_age IS NULL AND prerequisite_stage IS NULL " +
                "AND hazardous = 0 AND COALESCE(min_grade, 0) <= 11 AND modality = 'virtual' AND type <> 'teacherExternship' ORDER BY id LIMIT 10000")).Where(roundOpportunities.Contains).Take(200).ToList();
            setup.Students = (await read.QueryAsync<string>(
                "SELECT p.id FROM people p JOIN student_profiles sp ON sp.person_id = p.id JOIN organizations s ON s.id = p.school_id " +
                "WHERE s.sourced_id = 'demo-school-1-1' AND p.kind = 'student' AND p.status = 'active' AND sp.grade >= 11")).ToList();
        }

        using var convener = new HttpClient { BaseAddress = setup.Api.Address };
        convener.DefaultRequestHeaders.Authorization = new("Bearer", await setup.Api.TokenAsync("convener@demo.launchpath.test"));
        var created = await convener.PostAsJsonAsync("/api/v1/match-rounds", new { organizationId = region, name, opportunityIds = roundOpportunities, maxChoices = 10 });
        setup.RoundId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        Console.WriteLine($"{name}: round of {roundOpportunities.Count:N0} opportunities; {setup.Students.Count:N0} students; {setup.Eligible.Count} opportunities to choose from");
        return setup;
    }

    /// <summary>The n-th student's ten choices, submitted by their coordinator.</summary>
    public Request Choices(int n, string coordinator)
    {
        var random = new Random(n);
        return new Request(HttpMethod.Put, $"/api/v1/match-rounds/{RoundId}/choices/{Students[random.Next(Students.Count)]}", coordinator,
            JsonSerializer.Serialize(new { opportunityIds = Eligible.OrderBy(_ => random.Next()).Take(10).ToList() }));
    }

    public async ValueTask DisposeAsync()
    {
        await Api.DisposeAsync();
        _copy.Dispose();
    }
}

/// <summary>
/// Choice submission in an open region-wide round (10k opportunities): a school coordinator submits ten choices for one
/// student after another, 50 connections at once. Target: ≥ 1,000 req/s, p99 under 50 ms.
/// </summary>
internal static class ChoicesBench
{
    public static async Task RunAsync(int connections, double seconds)
    {
        await using var setup = await OpenRound.StartAsync("choices");
        var coordinator = await setup.Api.TokenAsync("coordinator@demo.launchpath.test");
        Console.WriteLine($"choices: API process {setup.Api.ProcessId}");
        await LoadAsync("warm-up", setup.Api.Address, n => setup.Choices(n, coordinator), connections, 5);
        var result = await LoadAsync("PUT choices (coordinator)", setup.Api.Address, n => setup.Choices(n, coordinator), connections, seconds);
        Print(result, null, $"target ≥ 1,000 req/s, p99 < 50 ms: {(result.PerSecond >= 1000 && result.P99 < 50 && result.Errors == 0 ? "met" : "NOT met")}");
    }
}

/// <summary>
/// Load held: 100 clients for 60 s on a mixed workload over the region-scale data, in an open round: students browse
/// (opportunity search, their recommendations) and their coordinator submits choices for them; staff list placements and
/// read the district's outcomes. Targets: 0 errors, p99 under 100 ms, memory flat afterwards (RSS before, after, and after
/// a quiet 10 s).
/// </summary>
internal static class MixedBench
{
    public static async Task RunAsync(int clients, double seconds)
    {
        await using var setup = await OpenRound.StartAsync("mixed");
        var api = setup.Api;
        var student = await api.TokenAsync("student@demo.launchpath.test");
        var coordinator = await api.TokenAsync("coordinator@demo.launchpath.test");
        var district = await api.TokenAsync("district@demo.launchpath.test");

        // Of every 10 requests: 4 searches, 2 recommendations, 2 choice submissions, 1 placement list, 1 outcomes report.
        Request Next(int n) => (n % 10) switch
        {
            0 or 1 or 2 or 3 => new Request(HttpMethod.Get, $"/api/v1/opportunities?limit=20{(n % 3 == 0 ? "&stage=exploration" : "")}", student),
            4 or 5 => new Request(HttpMethod.Get, $"/api/v1/students/{setup.StudentId}/recommendations", student),
            6 or 7 => setup.Choices(n, coordinator),
            8 => new Request(HttpMethod.Get, "/api/v1/placements?limit=50", coordinator),
            _ => new Request(HttpMethod.Get, $"/api/v1/outcomes?organizationId={setup.DistrictId}", district),
        };

        var before = api.RssMiB();
        await LoadAsync("warm-up", api.Address, Next, 10, 5);
        // Told apart by what they ask, so the slowest kind can be seen.
        static string Kind(Request r) => r.Method == HttpMethod.Put ? "PUT choices" : r.Path.Contains("/recommendations") ? "GET recommendations"
            : r.Path.StartsWith("/api/v1/opportunities", StringComparison.Ordinal) ? "GET opportunity search" : r.Path.StartsWith("/api/v1/placements", StringComparison.Ordinal)
            ? "GET placement list" : "GET outcomes";
        var result = await LoadAsync($"mixed, {clients} clients", api.Address, Next, clients, seconds, Kind);
        var after = api.RssMiB();
        await Task.Delay(TimeSpan.FromSeconds(10));
        var settled = api.RssMiB();
        Print(result, null, $"target 0 errors, p99 < 100 ms: {(result.Errors == 0 && result.P99 < 100 ? "met" : "NOT met")}");
        foreach (var (kind, (count, p50, p99)) in result.ByKind.OrderBy(k => k.Key))
        {
            Console.WriteLine($"  {kind,-24} {count,8:N0} requests  p50 {p50,6:0.0} ms  p99 {p99,6:0.0} ms");
        }
        Console.WriteLine($"mixed: API RSS {before:N0} MiB before, {after:N0} MiB after, {settled:N0} MiB after 10 s quiet");
    }
}

/// <summary>A bare minimal-API app in this process that answers each captured path with its captured bytes.</summary>
internal sealed class BareApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BareApp(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<BareApp> StartAsync(IReadOnlyDictionary<string, (byte[] Body, string Type)> responses)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(address.ToString());
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Run(async context =>
        {
            if (responses.TryGetValue(context.Request.Path + context.Request.QueryString, out var response))
            {
                context.Response.ContentType = response.Type;
                context.Response.ContentLength = response.Body.Length;
                await context.Response.Body.WriteAsync(response.Body);
                return;
            }

            context.Response.StatusCode = StatusCodes.Status404NotFound;
        });
        await app.StartAsync();
        return new BareApp(app, address);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
