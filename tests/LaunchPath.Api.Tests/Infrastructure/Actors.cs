using System.Net;
using System.Net.Http.Headers;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Organizations;

namespace LaunchPath.Api.Tests.Infrastructure;

/// <summary>Signs in as the bootstrap platform administrator and creates organizations and users with roles through the API.</summary>
public sealed class Actors(ApiFactory factory)
{
    public const string Password = "a long enough password";
    private HttpClient? _admin;

    public HttpClient Anonymous() => factory.CreateClient();

    public async Task<HttpClient> Admin() => _admin ??= await SignIn(ApiFactory.AdminEmail, ApiFactory.AdminPassword);

    /// <summary>Drops the cached admin session (its token expires when a test moves the clock on).</summary>
    public void ForgetSessions() => _admin = null;

    public async Task<HttpClient> SignIn(string email, string password)
    {
        var client = factory.CreateClient();
        var token = await (await client.PostJson("/api/v1/auth/token", new SignInRequest { Email = email, Password = password })).Read<AccessToken>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        return client;
    }

    public HttpClient WithApiKey(string key)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    public async Task<Organization> Org(OrganizationType type, string? parentId, string? name = null)
    {
        var admin = await Admin();
        var response = await admin.PostJson("/api/v1/organizations", new CreateOrganizationRequest
        {
            Type = type,
            Name = name ?? $"{type} {Guid.NewGuid():N}"[..24],
            ParentId = parentId,
        });
        return await response.Read<Organization>(HttpStatusCode.Created);
    }

    /// <summary>A new account holding <paramref name="role"/> at <paramref name="organizationId"/>, signed in.</summary>
    public async Task<(HttpClient Client, UserSummary User)> User(Role role, string organizationId)
    {
        var admin = await Admin();
        var email = $"{role}-{Guid.NewGuid():N}@example.test".ToLowerInvariant();
        var user = await (await admin.PostJson("/api/v1/users", new CreateUserRequest
        {
            Email = email,
            DisplayName = $"Test {role}",
            Password = Password,
            OrganizationId = organizationId,
            Role = role,
        })).Read<UserSummary>(HttpStatusCode.Created);
        return (await SignIn(email, Password), user);
    }

    public async Task<HttpClient> As(Role role, string organizationId) => (await User(role, organizationId)).Client;

    /// <summary>Two regions, each with two districts of one school each, and one employer.</summary>
    public async Task<World> World()
    {
        async Task<RegionTree> Tree()
        {
            var region = await Org(OrganizationType.Region, null);
            var districtA = await Org(OrganizationType.District, region.Id);
            var districtB = await Org(OrganizationType.District, region.Id);
            var schoolA = await Org(OrganizationType.School, districtA.Id);
            var schoolB = await Org(OrganizationType.School, districtB.Id);
            var employer = await Org(OrganizationType.Employer, region.Id);
            return new RegionTree(region, districtA, districtB, schoolA, schoolB, employer);
        }

        return new World(await Tree(), await Tree());
    }
}

public sealed record RegionTree(Organization Region, Organization DistrictA, Organization DistrictB, Organization SchoolA, Organization SchoolB, Organization Employer)
{
    public IEnumerable<Organization> All => [Region, DistrictA, DistrictB, SchoolA, SchoolB, Employer];
}

public sealed record World(RegionTree One, RegionTree Two);
