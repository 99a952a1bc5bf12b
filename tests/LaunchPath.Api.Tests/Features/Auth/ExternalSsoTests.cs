using System.Net;
using System.Net.Http.Headers;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Tests.Infrastructure;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Organizations;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace LaunchPath.Api.Tests.Features.Auth;

/// <summary>
/// District SSO: with Auth:Oidc configured, access tokens from that authority are accepted for accounts linked by
/// "issuer|sub". The authority's keys are provided locally here instead of being fetched from its metadata.
/// </summary>
public sealed class ExternalSsoTests : IDisposable
{
    private const string Issuer = "https://sso.district.example.test";
    private static readonly SymmetricSecurityKey SsoKey = new(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)) { KeyId = "sso" };

    private readonly ApiFactory _factory = new(DatabaseProvider.Sqlite,
        new() { ["Auth:Oidc:Authority"] = Issuer, ["Auth:Oidc:Audience"] = "launchpath" },
        services => services.PostConfigure<JwtBearerOptions>("Oidc", jwt =>
        {
            var configuration = new OpenIdConnectConfiguration { Issuer = Issuer };
            configuration.SigningKeys.Add(SsoKey);
            jwt.Configuration = configuration;
            jwt.TokenValidationParameters.ValidIssuer = Issuer;
            jwt.TokenValidationParameters.IssuerSigningKey = SsoKey;
        }));

    public void Dispose() => _factory.Dispose();

    private static string SsoToken(string subject, string issuer = Issuer, SecurityKey? key = null, string audience = "launchpath") =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = new Dictionary<string, object> { ["sub"] = subject },
            Expires = DateTime.UtcNow.AddMinutes(5),
            SigningCredentials = new SigningCredentials(key ?? SsoKey, SecurityAlgorithms.HmacSha256),
        });

    private HttpClient WithToken(string token)
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Fact]
    public async Task A_district_sso_token_signs_in_the_linked_account_and_nothing_else()
    {
        var actors = new Actors(_factory);
        var admin = await actors.Admin();
        var region = await actors.Org(OrganizationType.Region, null);
        var district = await actors.Org(OrganizationType.District, region.Id);
        var created = await (await admin.PostJson("/api/v1/users", new CreateUserRequest
        {
            Email = "sso.teacher@district.example.test",
            DisplayName = "SSO Teacher",
            ExternalSubject = $"{Issuer}|abc-123",
            OrganizationId = district.Id,
            Role = Role.SchoolCoordinator,
        })).Read<UserSummary>(HttpStatusCode.Created);

        var me = await (await WithToken(SsoToken("abc-123")).GetAsync("/api/v1/me")).Read<CurrentCaller>();
        me.UserId.Should().Be(created.Id);

        await (await WithToken(SsoToken("someone-else")).GetAsync("/api/v1/me")).ShouldBeProblem(HttpStatusCode.Unauthorized, "no account is linked");
        await (await WithToken(SsoToken("abc-123", key: new SymmetricSecurityKey(new byte[32]))).GetAsync("/api/v1/me"))
            .ShouldBeProblem(HttpStatusCode.Unauthorized, "a forged signature");
        await (await WithToken(SsoToken("abc-123", audience: "another-app")).GetAsync("/api/v1/me"))
            .ShouldBeProblem(HttpStatusCode.Unauthorized, "a token for another audience");

        (await actors.SignIn(ApiFactory.AdminEmail, ApiFactory.AdminPassword)).Should().NotBeNull("local sign-in still works beside SSO");
    }
}
