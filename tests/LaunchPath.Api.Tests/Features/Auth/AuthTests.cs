using System.Net;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Tests.Infrastructure;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Organizations;

namespace LaunchPath.Api.Tests.Features.Auth;

public sealed class AuthOnSqlite(SqliteApi api) : AuthTests(() => api.Factory), IClassFixture<SqliteApi>;

public sealed class AuthOnSqlServer(SqlServerApi api) : AuthTests(() => api.Factory), IClassFixture<SqlServerApi>;

/// <summary>Sign-in, tokens, and the caller's own view of itself.</summary>
public abstract class AuthTests
{
    private readonly Actors _actors;

    protected AuthTests(Func<ApiFactory> factory) => _actors = new Actors(factory());

    [SkippableFact]
    public async Task Signing_in_returns_a_bearer_token_that_identifies_the_user_and_its_roles()
    {
        var region = await _actors.Org(OrganizationType.Region, null);
        var (client, user) = await _actors.User(Role.ConvenerAdmin, region.Id);

        var me = await (await client.GetAsync("/api/v1/me")).Read<CurrentCaller>();
        me.UserId.Should().Be(user.Id);
        me.IsPlatformAdmin.Should().BeFalse();
        me.Memberships.Should().ContainSingle().Which.Should().BeEquivalentTo(new { OrganizationId = region.Id, Role = Role.ConvenerAdmin, OrganizationType = "region" });
        me.Permissions.Should().Contain(Permission.UsersManage);
    }

    [SkippableFact]
    public async Task Each_membership_says_what_its_role_allows_and_the_role_table_is_served_once()
    {
        var region = await _actors.Org(OrganizationType.Region, null);
        var district = await _actors.Org(OrganizationType.District, region.Id);
        var school = await _actors.Org(OrganizationType.School, district.Id);
        var (client, _) = await _actors.User(Role.Teacher, school.Id);
        var admin = await _actors.Admin();
        var user = (await (await client.GetAsync("/api/v1/me")).Read<CurrentCaller>()).UserId!;
        await (await admin.PostJson($"/api/v1/users/{user}/memberships", new AddMembershipRequest { OrganizationId = district.Id, Role = Role.DistrictAdmin }))
            .Read<UserSummary>();

        var me = await (await client.GetAsync("/api/v1/me")).Read<CurrentCaller>();
        me.Memberships.Single(m => m.Role == Role.Teacher).Permissions.Should().BeEquivalentTo(
            [Permission.OrganizationsRead, Permission.PeopleRead, Permission.OpportunitiesRead], "a teacher reads, at the school");
        me.Memberships.Single(m => m.Role == Role.DistrictAdmin).Permissions.Should().Contain([Permission.RosterImport, Permission.UsersManage])
            .And.NotContain(Permission.OpportunitiesWrite);
        me.Permissions.Should().BeEquivalentTo(me.Memberships.SelectMany(m => m.Permissions).Distinct(), "the caller's permissions are the union of its memberships'");

        var roles = await (await client.GetAsync("/api/v1/roles")).Read<List<RoleInfo>>();
        roles.Select(r => r.Role).Should().BeEquivalentTo(Enum.GetValues<Role>());
        roles.Single(r => r.Role == Role.SchoolCoordinator).HeldOn.Should().BeEquivalentTo(["district", "school"]);
        roles.Single(r => r.Role == Role.Teacher).Permissions.Should().BeEquivalentTo(me.Memberships.Single(m => m.Role == Role.Teacher).Permissions);
        (await _actors.Anonymous().GetAsync("/api/v1/roles")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [SkippableTheory]
    [InlineData(ApiFactory.AdminEmail, "wrong password!!")]
    [InlineData("nobody@example.test", ApiFactory.AdminPassword)]
    public async Task Wrong_credentials_are_a_401_that_does_not_say_which_part_was_wrong(string email, string password)
    {
        var problem = await (await _actors.Anonymous().PostJson("/api/v1/auth/token", new SignInRequest { Email = email, Password = password }))
            .ShouldBeProblem(HttpStatusCode.Unauthorized);
        problem.Detail.Should().Be("The email or password is incorrect.");
    }

    [SkippableFact]
    public async Task Email_is_matched_case_insensitively()
    {
        await _actors.SignIn(ApiFactory.AdminEmail.ToUpperInvariant(), ApiFactory.AdminPassword);
    }

    [SkippableFact]
    public async Task Sign_in_input_is_validated()
    {
        var problem = await (await _actors.Anonymous().PostJson("/api/v1/auth/token", new SignInRequest { Email = "", Password = "" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest);
        problem.Errors.Should().ContainKeys("email", "password");
    }

    [SkippableFact]
    public async Task A_token_signed_with_another_key_is_rejected()
    {
        var handler = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler();
        var token = handler.CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            Issuer = "launchpath",
            Audience = "launchpath-api",
            Claims = new Dictionary<string, object> { ["sub"] = Guid.CreateVersion7().ToString() },
            SigningCredentials = new(new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(new byte[32]), "HS256"),
        });
        var client = _actors.Anonymous();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        await (await client.GetAsync("/api/v1/me")).ShouldBeProblem(HttpStatusCode.Unauthorized);
    }
}

/// <summary>Rate limits, on a host of their own with low limits.</summary>
public sealed class RateLimitTests : IDisposable
{
    private readonly ApiFactory _factory = new(DatabaseProvider.Sqlite, new()
    {
        ["RateLimits:SignInPerMinute"] = "3",
        ["RateLimits:ApiKeyPerMinute"] = "5",
    });

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Sign_in_attempts_beyond_the_limit_get_429_with_retry_after()
    {
        var client = _factory.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await client.PostJson("/api/v1/auth/token", new SignInRequest { Email = "x@example.test", Password = "guess number " + i })).StatusCode);
        }

        statuses.Should().Equal(HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized,
            HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests);
        var limited = await client.PostJson("/api/v1/auth/token", new SignInRequest { Email = "x@example.test", Password = "another guess" });
        await limited.ShouldBeProblem(HttpStatusCode.TooManyRequests);
        limited.Headers.RetryAfter.Should().NotBeNull();
    }

    [Fact]
    public async Task Requests_beyond_an_api_keys_limit_get_429()
    {
        var actors = new Actors(_factory);
        var admin = await actors.SignIn(ApiFactory.AdminEmail, ApiFactory.AdminPassword);
        var region = await (await admin.PostJson("/api/v1/organizations", new CreateOrganizationRequest { Type = OrganizationType.Region, Name = "R" }))
            .Read<Organization>(HttpStatusCode.Created);
        var key = await (await admin.PostJson($"/api/v1/organizations/{region.Id}/api-keys",
            new CreateApiKeyRequest { Name = "script", Permissions = [Permission.OrganizationsRead] })).Read<CreatedApiKey>(HttpStatusCode.Created);

        var client = actors.WithApiKey(key.Key);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
        {
            statuses.Add((await client.GetAsync("/api/v1/organizations")).StatusCode);
        }

        statuses.Take(5).Should().AllBeEquivalentTo(HttpStatusCode.OK);
        statuses.Skip(5).Should().AllBeEquivalentTo(HttpStatusCode.TooManyRequests);
    }
}

/// <summary>Access tokens last Auth:TokenLifetimeMinutes (60) on the API's own clock.</summary>
public sealed class TokenLifetimeTests : IDisposable
{
    private readonly TestClock _clock = new();
    private readonly ApiFactory _factory;

    public TokenLifetimeTests() =>
        _factory = new ApiFactory(DatabaseProvider.Sqlite, services: services => Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<TimeProvider>(services, _clock));

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task An_expired_token_is_a_401()
    {
        var client = await new Actors(_factory).SignIn(ApiFactory.AdminEmail, ApiFactory.AdminPassword);
        (await client.GetAsync("/api/v1/me")).StatusCode.Should().Be(HttpStatusCode.OK);
        _clock.Advance(TimeSpan.FromMinutes(59));
        (await client.GetAsync("/api/v1/me")).StatusCode.Should().Be(HttpStatusCode.OK);
        _clock.Advance(TimeSpan.FromMinutes(2));
        var expired = await client.GetAsync("/api/v1/me");
        await expired.ShouldBeProblem(HttpStatusCode.Unauthorized);
        expired.Headers.WwwAuthenticate.ToString().Should().Be("Bearer error=\"invalid_token\"", "RFC 6750: the token was refused");

        var signedOut = await _factory.CreateClient().GetAsync("/api/v1/me");
        await signedOut.ShouldBeProblem(HttpStatusCode.Unauthorized);
        signedOut.Headers.WwwAuthenticate.ToString().Should().Be("Bearer", "RFC 6750: no token was sent");
    }
}
