using System.Net;
using System.Net.Http.Headers;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Api.Tests.Infrastructure;
using LaunchPath.Contracts.Identity;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;

namespace LaunchPath.Api.Tests.Production;

/// <summary>
/// Keys shared by the nodes: with no operator-managed key, the token signing keys and the Data Protection key ring live
/// in the database, so a token or a secret from one node is good on another, and a key rotation logs nobody out.
/// </summary>
public sealed class SharedKeysTests : IDisposable
{
    private static readonly Dictionary<string, string?> DatabaseKeys = new() { ["Auth:SigningKey"] = "", ["DataProtection:KeysPath"] = "" };

    private readonly ApiFactory _nodeA;
    private readonly ApiFactory _nodeB;
    private readonly TestClock _clock = new();

    public SharedKeysTests()
    {
        _nodeA = new ApiFactory(DatabaseProvider.Sqlite, DatabaseKeys, services => services.AddSingleton<TimeProvider>(_clock));
        _ = _nodeA.Server; // migrates the database
        _nodeB = new ApiFactory(DatabaseProvider.Sqlite, new Dictionary<string, string?>(DatabaseKeys) { ["Database:ConnectionString"] = _nodeA.ConnectionString },
            services => services.AddSingleton<TimeProvider>(_clock));
    }

    public void Dispose()
    {
        _nodeB.Dispose();
        _nodeA.Dispose();
    }

    private static async Task<string> TokenAsync(ApiFactory node)
    {
        var response = await node.CreateClient().PostJson("/api/v1/auth/token", new SignInRequest { Email = ApiFactory.AdminEmail, Password = ApiFactory.AdminPassword });
        return (await response.Read<AccessToken>()).Token;
    }

    private static async Task<HttpStatusCode> MeAsync(ApiFactory node, string token)
    {
        var client = node.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await client.GetAsync("/api/v1/me")).StatusCode;
    }

    private static string KeyId(string token) => new JsonWebToken(token).Kid;

    [Fact]
    public async Task A_token_from_one_node_is_good_on_the_other_and_so_is_a_protected_secret()
    {
        var fromA = await TokenAsync(_nodeA);
        var fromB = await TokenAsync(_nodeB);
        KeyId(fromA).Should().Be(KeyId(fromB), "both nodes sign with the one key in the database").And.StartWith("token-");
        (await MeAsync(_nodeB, fromA)).Should().Be(HttpStatusCode.OK);
        (await MeAsync(_nodeA, fromB)).Should().Be(HttpStatusCode.OK);

        var secret = _nodeA.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("sis-client-secret");
        _nodeB.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(secret).Should().Be("sis-client-secret");

        await using var connection = await _nodeA.Services.GetRequiredService<Db>().OpenAsync(CancellationToken.None);
        (await Dapper.SqlMapper.ExecuteScalarAsync<int>(connection, "SELECT COUNT(*) FROM signing_keys WHERE purpose = 'token'")).Should().Be(1);
        (await Dapper.SqlMapper.ExecuteScalarAsync<int>(connection, "SELECT COUNT(*) FROM data_protection_keys")).Should().Be(1);
    }

    [Fact]
    public async Task A_rotation_publishes_the_new_key_before_it_signs_and_logs_nobody_out()
    {
        var rotation = TimeSpan.FromDays(30);
        var nextPeriod = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() / (long)rotation.TotalSeconds + 1) * (long)rotation.TotalSeconds;
        _clock.Set(DateTimeOffset.FromUnixTimeSeconds(nextPeriod) - TimeSpan.FromMinutes(5));
        var before = await TokenAsync(_nodeA);

        _clock.Advance(TimeSpan.FromMinutes(6)); // a new rotation period: the next key is created, not yet used
        await _nodeA.Services.GetRequiredService<SigningKeys>().RefreshQuietlyAsync(CancellationToken.None);
        await _nodeB.Services.GetRequiredService<SigningKeys>().RefreshQuietlyAsync(CancellationToken.None);
        var during = await TokenAsync(_nodeB);
        KeyId(during).Should().Be(KeyId(before), "a new key waits until every node has loaded it");

        _clock.Advance(SigningKeys.Refresh * 2 + TimeSpan.FromMinutes(1));
        await _nodeA.Services.GetRequiredService<SigningKeys>().RefreshQuietlyAsync(CancellationToken.None);
        var after = await TokenAsync(_nodeA);
        KeyId(after).Should().NotBe(KeyId(before), "the published key signs now");

        (await MeAsync(_nodeB, before)).Should().Be(HttpStatusCode.OK, "a token signed before the rotation stays good until it expires");
        (await MeAsync(_nodeB, after)).Should().Be(HttpStatusCode.OK);
        _clock.Advance(TimeSpan.FromMinutes(50));
        (await MeAsync(_nodeB, before)).Should().Be(HttpStatusCode.Unauthorized, "it expires as any token does");
    }
}
