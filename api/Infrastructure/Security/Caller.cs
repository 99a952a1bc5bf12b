using System.Reflection;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Organizations;

namespace LaunchPath.Api.Infrastructure.Security;

/// <summary>Where a grant sits in the organization tree.</summary>
public sealed record OrgRef(Guid Id, OrganizationType Type, Guid RegionId, Guid? DistrictId);

/// <summary>Permissions held at one organization: a user's membership (one role) or an API key.</summary>
public sealed record Grant(OrgRef Organization, string OrganizationName, Role? Role, IReadOnlySet<Permission> Permissions)
{
    /// <summary>Whether <paramref name="org"/> lies under this grant's organization (itself, or its region's or district's subtree).</summary>
    public bool Covers(OrgRef org) => Organization.Type switch
    {
        OrganizationType.Region => org.RegionId == Organization.Id,
        OrganizationType.District => org.DistrictId == Organization.Id,
        _ => org.Id == Organization.Id,
    };
}

/// <summary>
/// The organizations a permission reaches: whole regions, whole districts (with their schools), single schools and
/// single employers. Every query over tenant data filters by one of these, in SQL.
/// </summary>
public sealed record TenantScope(bool All, IReadOnlyList<Guid> Regions, IReadOnlyList<Guid> Districts, IReadOnlyList<Guid> Schools, IReadOnlyList<Guid> Employers)
{
    public static readonly TenantScope Nothing = new(false, [], [], [], []);

    public bool IsEmpty => !All && Regions.Count + Districts.Count + Schools.Count + Employers.Count == 0;

    /// <summary>Whether an organization lies inside this scope.</summary>
    public bool Covers(OrgRef organization) =>
        All
        || Regions.Contains(organization.RegionId)
        || (organization.DistrictId is { } district && Districts.Contains(district))
        || Schools.Contains(organization.Id)
        || Employers.Contains(organization.Id);

    /// <summary>
    /// SQL predicate over an organizations row aliased <paramref name="alias"/>; add <see cref="Parameters"/> to the command.
    /// Parameter names carry <paramref name="prefix"/> so two scopes can share a statement.
    /// </summary>
    public static string CoversSql(string alias, string prefix = "Scope") =>
        $"(@{prefix}All = 1 OR {DbIds.Among($"{alias}.region_id", $"@{prefix}Regions")} OR {DbIds.Among($"{alias}.district_id", $"@{prefix}Districts")} " +
        $"OR {DbIds.Among($"{alias}.id", $"@{prefix}Schools")} OR {DbIds.Among($"{alias}.id", $"@{prefix}Employers")})";

    /// <summary>SQL predicate over a people row (region_id, district_id, school_id): employers' grants reach no one.</summary>
    public static string CoversPeopleSql(string alias, string prefix) =>
        $"(@{prefix}All = 1 OR {DbIds.Among($"{alias}.region_id", $"@{prefix}Regions")} OR {DbIds.Among($"{alias}.district_id", $"@{prefix}Districts")} OR {DbIds.Among($"{alias}.school_id", $"@{prefix}Schools")})";

    public IEnumerable<KeyValuePair<string, object?>> PeopleParameters(string prefix) =>
    [
        new($"{prefix}All", All ? 1 : 0),
        new($"{prefix}Regions", DbIds.Of(Regions)),
        new($"{prefix}Districts", DbIds.Of(Districts)),
        new($"{prefix}Schools", DbIds.Of(Schools)),
    ];

    public IEnumerable<KeyValuePair<string, object?>> Parameters(string prefix = "Scope") =>
    [
        new($"{prefix}All", All ? 1 : 0),
        new($"{prefix}Regions", DbIds.Of(Regions)),
        new($"{prefix}Districts", DbIds.Of(Districts)),
        new($"{prefix}Schools", DbIds.Of(Schools)),
        new($"{prefix}Employers", DbIds.Of(Employers)),
    ];
}

/// <summary>
/// The authenticated caller of this request, with what it may do where. Bound as an endpoint parameter
/// (see <see cref="BindAsync"/>); loaded from the database once per request so revocations apply at once.
/// </summary>
public sealed class Caller
{
    public static readonly Caller Anonymous = new(null, null, null, null, false, []);

    /// <summary>LaunchPath itself (start-up tasks such as demo data); never bound to a request.</summary>
    public static readonly Caller System = new(null, "system", "LaunchPath", null, true, []);

    /// <summary>Sessions (access tokens) issued before this are signed out: the account's password was set since.</summary>
    public DateTimeOffset? TokensValidAfter { get; init; }

    public Caller(Guid? userId, string? email, string? displayName, Guid? apiKeyId, bool isPlatformAdmin, IReadOnlyList<Grant> grants)
    {
        UserId = userId;
        Email = email;
        DisplayName = displayName;
        ApiKeyId = apiKeyId;
        IsPlatformAdmin = isPlatformAdmin;
        Grants = grants;
    }

    public Guid? UserId { get; }
    public string? Email { get; }
    public string? DisplayName { get; }
    public Guid? ApiKeyId { get; }
    public bool IsPlatformAdmin { get; }
    public IReadOnlyList<Grant> Grants { get; }

    public bool IsAuthenticated => UserId is not null || ApiKeyId is not null;

    public bool Has(Permission permission) => IsPlatformAdmin || Grants.Any(g => g.Permissions.Contains(permission));

    public IEnumerable<Grant> GrantsWith(Permission permission) => Grants.Where(g => g.Permissions.Contains(permission));

    /// <summary>The organizations the permission reaches through all of the caller's grants.</summary>
    public TenantScope Scope(Permission permission)
    {
        if (IsPlatformAdmin)
        {
            return new TenantScope(true, [], [], [], []);
        }

        var grants = GrantsWith(permission).Select(g => g.Organization).ToList();
        if (grants.Count == 0)
        {
            return TenantScope.Nothing;
        }

        return new TenantScope(
            false,
            grants.Where(o => o.Type == OrganizationType.Region).Select(o => o.Id).Distinct().ToList(),
            grants.Where(o => o.Type == OrganizationType.District).Select(o => o.Id).Distinct().ToList(),
            grants.Where(o => o.Type == OrganizationType.School).Select(o => o.Id).Distinct().ToList(),
            grants.Where(o => o.Type == OrganizationType.Employer).Select(o => o.Id).Distinct().ToList());
    }

    /// <summary>The permissions the caller holds at <paramref name="organization"/> through grants that cover it.</summary>
    public IReadOnlySet<Permission> PermissionsAt(OrgRef organization)
    {
        if (IsPlatformAdmin)
        {
            return Enum.GetValues<Permission>().ToHashSet();
        }

        return Grants.Where(g => g.Covers(organization)).SelectMany(g => g.Permissions).ToHashSet();
    }

    public static async ValueTask<Caller> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        _ = parameter;
        return await context.RequestServices.GetRequiredService<CallerLoader>().LoadAsync(context);
    }
}
