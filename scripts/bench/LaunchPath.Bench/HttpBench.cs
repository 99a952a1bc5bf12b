using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

/// <summary>
/// Load through the API, beside a bare endpoint. <c>region</c> builds the region-scale data set once (the demo seeder at
/// scale: 120k students, 15k opportunities, 20k placements, then a round of every student's choices, run and published,
/// through the API); <c>http</c> runs the built API on a copy of it in a process of its own, captures each measured
/// endpoint's response, serves the same bytes from a bare Kestrel process, and drives both with the same bounded client
/// (connections × seconds), printing req/s, p50/p99, errors, the API's share of the bare figure, and the API's RSS.
/// </summary>
internal static class HttpBench
{
    public const string Password = "launchpath-demo";

    public static string RepoRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "LaunchPath.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Run from the repository.");
    }

    public static string RegionDatabase => Path.Combine(RepoRoot(), "data", "bench", "region.db");

    /// <summary>A throwaway copy of the region-scale database (benchmarks write to it), deleted with its WAL files.</summary>
    public sealed class RegionCopy : IDisposable
    {
        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"launchpath-bench-{Guid.NewGuid():N}.db");

        public RegionCopy()
        {
            File.Copy(RegionDatabase, Path);
            // Written through to the disk before anything is timed: otherwise the kernel writes the copy's 600 MB back
            // while the benchmark runs, and its figures vary by a second.
            using var copy = new FileStream(Path, FileMode.Open, FileAccess.ReadWrite);
            copy.Flush(flushToDisk: true);
        }

        public void Dispose()
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in new[] { Path, Path + "-wal", Path + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    /// <summary>A running API process on a database file.</summary>
    public sealed class ApiProcess : IAsyncDisposable
    {
        private readonly Process _process;

        private ApiProcess(Process process, Uri address)
        {
            _process = process;
            Address = address;
            Client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
            {
                BaseAddress = address,
                Timeout = TimeSpan.FromMinutes(10),
            };
        }

        public Uri Address { get; }

        public HttpClient Client { get; }

        public int ProcessId => _process.Id;

        public static async Task<ApiProcess> StartAsync(string database, IDictionary<string, string>? settings = null)
        {
            var dll = Path.Combine(RepoRoot(), "api", "bin", "Release", "net10.0", "LaunchPath.Api.dll");
            if (!File.Exists(dll))
            {
                throw new InvalidOperationException($"Build the API first: dotnet build -c Release api ({dll} is missing)");
            }

            var address = new Uri($"http://127.0.0.1:{FreePort()}");
            var start = new ProcessStartInfo("dotnet", [dll]) { WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true };
            start.Environment["ASPNETCORE_URLS"] = address.ToString().TrimEnd('/');
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            start.Environment["Database__ConnectionString"] = $"Data Source={database}";
            start.Environment["RateLimits__SignInPerMinute"] = "1000000";
            start.Environment["RateLimits__SignInFailuresPerAccount"] = "1000000";
            start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
            // The one line per request production writes is kept: it is part of what a request costs.
            start.Environment["Serilog__MinimumLevel__Override__Serilog.AspNetCore.RequestLoggingMiddleware"] = "Information";
            start.Environment["Serilog__MinimumLevel__Override__LaunchPath.Api.Features.Matching.Rounds.MatchRoundJob"] = "Information";
            // LP_BENCH_PERF=1: the JIT writes /tmp/perf-PID.map, so `perf record -g -p PID` can name managed frames.
            if (Environment.GetEnvironmentVariable("LP_BENCH_PERF") == "1")
            {
                start.Environment["DOTNET_PerfMapEnabled"] = "1";
                start.Environment["DOTNET_EnableWriteXorExecute"] = "0";
            }

            // LP_BENCH_API_ENV="K=V;K=V": more environment for the API (runtime knobs compared by hand).
            foreach (var pair in (Environment.GetEnvironmentVariable("LP_BENCH_API_ENV") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
            {
                start.Environment[pair[..pair.IndexOf('=')]] = pair[(pair.IndexOf('=') + 1)..];
            }

            foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            {
                start.Environment[key] = value;
            }

            var process = Process.Start(start)!;
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data?.Contains("loaded in", StringComparison.Ordinal) == true)
                {
                    Console.WriteLine("api: " + (JsonDocument.Parse(e.Data).RootElement.TryGetProperty("@m", out var m) ? m.GetString() : e.Data));
                }
            };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("api: " + e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var api = new ApiProcess(process, address);
            var deadline = DateTime.UtcNow.AddMinutes(30); // seeding the region takes a while
            while (DateTime.UtcNow < deadline)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"The API exited with {process.ExitCode}");
                }

                try
                {
                    if ((await api.Client.GetAsync("/health/ready")).IsSuccessStatusCode)
                    {
                        return api;
                    }
                }
                catch (HttpRequestException)
                {
                }

                await Task.Delay(250);
            }

            throw new TimeoutException("The API did not become ready");
        }

        public double RssMiB() => Rss(_process.Id);

        public async Task<string> TokenAsync(string email)
        {
            var response = await Client.PostAsJsonAsync("/api/v1/auth/token", new { email, password = Password });
            response.EnsureSuccessStatusCode();
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
    }

    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Resident memory of a process (Linux: VmRSS), MiB.</summary>
    public static double Rss(int processId)
    {
        foreach (var line in File.ReadLines($"/proc/{processId}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024;
            }
        }

        return 0;
    }

    /// <summary>One request the load generator sends: method, path, optional JSON body, bearer token.</summary>
    public sealed record Request(HttpMethod Method, string Path, string? Token, string? Body = null);

    public sealed record LoadResult(string Name, int Requests, int Errors, double Seconds, double P50, double P99)
    {
        public double PerSecond => Requests / Seconds;

        /// <summary>Per kind of request (when the load was asked to tell them apart): count, p50, p99.</summary>
        public IReadOnlyDictionary<string, (int Count, double P50, double P99)> ByKind { get; init; } = new Dictionary<string, (int, double, double)>();
    }

    /// <summary>
    /// A bounded client: <paramref name="connections"/> loops, each sending the next request as soon as its last one
    /// answers, for <paramref name="seconds"/>; latencies are kept per request. A non-2xx answer counts as an error.
    /// </summary>
    public static async Task<LoadResult> LoadAsync(string name, Uri address, Func<int, Request> next, int connections, double seconds, Func<Request, string>? kind = null)
    {
        var kinds = new List<(string Kind, double Milliseconds)>[connections];
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromSeconds(30),
        };
        var latencies = new List<double>[connections];
        var errors = 0;
        var counter = 0;
        var stop = Stopwatch.StartNew();
        var until = TimeSpan.FromSeconds(seconds);
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async worker =>
        {
            var mine = latencies[worker] = new List<double>(4096);
            var mineByKind = kinds[worker] = [];
            while (stop.Elapsed < until)
            {
                var request = next(Interlocked.Increment(ref counter));
                using var message = new HttpRequestMessage(request.Method, request.Path);
                if (request.Token is not null)
                {
                    message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", request.Token);
                }

                if (request.Body is not null)
                {
                    message.Content = new StringContent(request.Body, System.Text.Encoding.UTF8, "application/json");
                }

                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await client.SendAsync(message, HttpCompletionOption.ResponseContentRead);
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref errors);
                }

                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (kind is not null)
                {
                    mineByKind.Add((kind(request), mine[^1]));
                }
            }
        }));
        var elapsed = stop.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        double Percentile(double p) => all.Length == 0 ? 0 : all[Math.Min(all.Length - 1, (int)(p * all.Length))];
        var byKind = kinds.SelectMany(k => k).GroupBy(k => k.Kind).ToDictionary(g => g.Key, g =>
        {
            var sorted = g.Select(k => k.Milliseconds).Order().ToArray();
            return (sorted.Length, sorted[sorted.Length / 2], sorted[Math.Min(sorted.Length - 1, (int)(0.99 * sorted.Length))]);
        });
        return new LoadResult(name, all.Length, errors, elapsed, Percentile(0.50), Percentile(0.99)) { ByKind = byKind };
    }

    public static void Print(LoadResult api, LoadResult? bare, string target)
    {
        var ratio = bare is null ? "" : $"  {api.PerSecond / bare.PerSecond:P0} of bare ({bare.PerSecond:N0} req/s)";
        Console.WriteLine($"{api.Name,-34} {api.PerSecond,8:N0} req/s  p50 {api.P50,6:0.0} ms  p99 {api.P99,6:0.0} ms  errors {api.Errors}{ratio}  [{target}]");
    }
}
