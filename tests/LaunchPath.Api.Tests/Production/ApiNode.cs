using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace LaunchPath.Api.Tests.Production;

/// <summary>
/// A real API process (<c>dotnet LaunchPath.Api.dll</c>), as production runs it: its own port, JSON logs on stdout
/// (kept for the test to read), and the configuration given. Killed with SIGKILL by <see cref="Kill"/>.
/// </summary>
public sealed class ApiNode : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<JsonElement> _log = new();

    private ApiNode(string name, Process process, Uri address)
    {
        Name = name;
        _process = process;
        Address = address;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public string Name { get; }

    public Uri Address { get; }

    public HttpClient Client { get; }

    public bool Exited => _process.HasExited;

    /// <summary>The build of the API next to this test build (the test project builds it).</summary>
    public static string ApiBuild()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "LaunchPath.sln")))
        {
            directory = directory.Parent;
        }

        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // …/bin/<Configuration>/net10.0/
        return Path.Combine(directory!.FullName, "api", "bin", configuration, "net10.0");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task<ApiNode> StartAsync(string name, IReadOnlyDictionary<string, string> settings, string? url = null)
    {
        var build = ApiBuild();
        var address = new Uri(url ?? $"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(build, "LaunchPath.Api.dll")])
        {
            WorkingDirectory = build,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_URLS"] = address.ToString().TrimEnd('/');
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Jobs__NodeName"] = name;
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start)!;
        var node = new ApiNode(name, process, address);
        process.OutputDataReceived += (_, line) => node.Read(line.Data);
        process.ErrorDataReceived += (_, line) => node.Read(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await node.WaitReadyAsync();
        return node;
    }

    private void Read(string? line)
    {
        if (line is null || !line.StartsWith('{'))
        {
            return;
        }

        try
        {
            _log.Enqueue(JsonDocument.Parse(line).RootElement.Clone());
        }
        catch (JsonException)
        {
        }
    }

    /// <summary>Log events whose rendered message starts with <paramref name="start"/> (their properties are on each event).</summary>
    public IReadOnlyList<JsonElement> Logged(string start) =>
        _log.Where(e => e.TryGetProperty("@m", out var m) && m.GetString()!.StartsWith(start, StringComparison.Ordinal)).ToList();

    public string LogText() => string.Join('\n', _log.Select(e => e.TryGetProperty("@m", out var m) ? m.GetString() : e.ToString()));

    private async Task WaitReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode}:\n{LogText()}");
            }

            try
            {
                using var ready = await Client.GetAsync("/health/ready");
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{Name} was not ready within 60 s:\n{LogText()}");
    }

    /// <summary>SIGKILL: the process gets no chance to hand its work back.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
