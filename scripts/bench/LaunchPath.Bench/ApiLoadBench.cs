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
    public static async Task RunAsync(int connections, double seconds)
    {
        var copy = Path.Combine(Path.GetTempPath(), $"launchpath-bench-{Guid.NewGuid():N}.db");
        File.Copy(RegionDatabase, copy);
        try
        {
            await using var api = await ApiProcess.StartAsync(copy);
            var student = await api.TokenAsync("student@demo.launchpath.test");
            var convener = await api.TokenAsync("convener@demo.launchpath.test");
            var coordinator = await api.TokenAsync("coordinator@demo.launchpath.test");
            string region, studentId, placement;
            await using (var read = new SqliteConnection($"Data Source={copy};Mode=ReadOnly"))
            {
                region = await read.ExecuteScalarAsync<string>("SELECT id FROM organizations WHERE type = 'region'") ?? "";
                studentId = await read.ExecuteScalarAsync<string>("SELECT p.id FROM people p JOIN users u ON u.id = p.user_id WHERE u.email = 'student@demo.launchpath.test'") ?? "";
                placement = await read.ExecuteScalarAsync<string>(
                    "SELECT pl.id FROM placements pl JOIN organizations s ON s.id = pl.school_id WHERE s.sourced_id = 'demo-school-1-1' AND pl.status <> 'proposed' LIMIT 1") ?? "";
            }

            var cases = new (string Name, Request Request)[]
            {
                ("GET one organization", new(HttpMethod.Get, $"/api/v1/organizations/{region}", convener)),
                ("GET opportunity search (student)", new(HttpMethod.Get, "/api/v1/opportunities?limit=20", student)),
                ("GET one placement (coordinator)", new(HttpMethod.Get, $"/api/v1/placements/{placement}", coordinator)),
                ("GET recommendations (student)", new(HttpMethod.Get, $"/api/v1/students/{studentId}/recommendations", student)),
            };

            // What the API answers, served by a bare app: the figure each request's overhead is measured against.
            var captured = new Dictionary<string, (byte[] Body, string Type)>();
            foreach (var (name, request) in cases)
            {
                using var message = new HttpRequestMessage(request.Method, request.Path);
                message.Headers.Authorization = new("Bearer", request.Token);
                using var response = await api.Client.SendAsync(message);
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"{name}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }

                captured[request.Path] = (await response.Content.ReadAsByteArrayAsync(), response.Content.Headers.ContentType?.ToString() ?? "application/json");
            }

            await using var bare = await BareApp.StartAsync(captured);
            Console.WriteLine($"api: {connections} connections × {seconds:0} s per case; region-scale data; API RSS {api.RssMiB():N0} MiB before");
            foreach (var (name, request) in cases)
            {
                await LoadAsync(name, api.Address, _ => request, connections, 1); // warm-up
                var apiResult = await LoadAsync(name, api.Address, _ => request, connections, seconds);
                var bareResult = await LoadAsync(name, bare.Address, _ => request, connections, seconds);
                var met = apiResult.PerSecond >= 0.5 * bareResult.PerSecond && apiResult.P99 < 20 && apiResult.Errors == 0;
                Print(apiResult, bareResult, $"target ≥ 50 % of bare, p99 < 20 ms: {(met ? "met" : "NOT met")}");
            }

            Console.WriteLine($"api: RSS {api.RssMiB():N0} MiB after");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { copy, copy + "-wal", copy + "-shm" })
            {
                File.Delete(file);
            }
        }
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
