using System.Net;
using System.Net.Http.Json;
using LaunchPath.Api.Tests.Infrastructure;
using LaunchPath.Contracts.Identity;
using Microsoft.Data.Sqlite;

namespace LaunchPath.Api.Tests.Production;

/// <summary>
/// Behind a reverse proxy the client address is X-Forwarded-For, believed only when the request comes from a proxy
/// named in Proxy:KnownProxies; otherwise anyone could pick their own address and escape every per-address limit.
/// Real API processes on loopback, so the connection's address is what Kestrel sees.
/// </summary>
[Collection(nameof(TwoNodesTests))]
public sealed class ForwardedHeadersTests
{
    private static async Task<HttpStatusCode> SignInFrom(ApiNode node, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/token")
        {
            Content = JsonContent.Create(new SignInRequest { Email = "nobody@example.test", Password = "a guess" }),
        };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await node.Client.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task WithNodeAsync(Dictionary<string, string> extra, Func<ApiNode, Task> test)
    {
        var database = Path.Combine(Path.GetTempPath(), "launchpath-tests", $"proxy-{Guid.NewGuid():N}.db");
        Directory.CreateDirectory(Path.GetDirectoryName(database)!);
        var settings = new Dictionary<string, string>(extra)
        {
            ["Database:ConnectionString"] = $"Data Source={database}",
            ["RateLimits:SignInPerMinute"] = "3",
            ["Jobs:Enabled"] = "false",
        };
        var node = await ApiNode.StartAsync("proxy-test", settings);
        try
        {
            await test(node);
        }
        finally
        {
            await node.DisposeAsync();
            SqliteConnection.ClearAllPools();
            File.Delete(database);
        }
    }

    [Fact]
    public Task Behind_a_known_proxy_each_forwarded_client_has_its_own_limit() =>
        WithNodeAsync(new() { ["Proxy:KnownProxies:0"] = "127.0.0.1" }, async node =>
        {
            for (var i = 0; i < 3; i++)
            {
                (await SignInFrom(node, "203.0.113.7")).Should().Be(HttpStatusCode.Unauthorized);
            }

            (await SignInFrom(node, "203.0.113.7")).Should().Be(HttpStatusCode.TooManyRequests);
            (await SignInFrom(node, "203.0.113.8")).Should().Be(HttpStatusCode.Unauthorized, "another client behind the proxy is not limited by the first");
        });

    [Fact]
    public Task Without_a_known_proxy_a_forwarded_address_is_ignored() =>
        WithNodeAsync([], async node =>
        {
            for (var i = 0; i < 3; i++)
            {
                (await SignInFrom(node, $"198.51.100.{i}")).Should().Be(HttpStatusCode.Unauthorized);
            }

            (await SignInFrom(node, "198.51.100.99")).Should().Be(HttpStatusCode.TooManyRequests, "a made-up X-Forwarded-For does not buy a fresh limit");
        });
}
