using System.Data.Common;
using Dapper;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Organizations;

namespace LaunchPath.Api.Infrastructure.Security;

/// <summary>
/// The one set of rules for "may this caller act on that organization": 404 when the organization is outside what the
/// caller can see (so other tenants' ids reveal nothing), 403 when it can see it but lacks the permission there.
/// </summary>
public static class Authorize
{
    private const string SelectOrg = "SELECT id, type, region_id, district_id, name FROM organizations WHERE id = @Id";

    public static IEnumerable<string> Statements() => [SelectOrg];

    public sealed record Org(OrgRef Ref, string Name);

    public static async Task<Org?> FindOrgAsync(DbConnection connection, Guid id, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<OrgRow>(new CommandDefinition(SelectOrg, new { Id = id }, cancellationToken: cancellationToken));
        return row is null ? null : new Org(new OrgRef(row.Id, DbEnum.Parse<OrganizationType>(row.Type), row.RegionId, row.DistrictId), row.Name);
    }

    /// <summary>
    /// Organizations a caller may see: everything its OrganizationsRead grants cover; plus, in each of its regions, the
    /// region itself and its employers (partners everyone works with); a school's own district; and, for employer staff,
    /// the region's districts and schools (to choose who an opportunity is for).
    /// </summary>
    public static bool CanSee(Caller caller, OrgRef org)
    {
        if (caller.IsPlatformAdmin)
        {
            return true;
        }

        foreach (var grant in caller.GrantsWith(Permission.OrganizationsRead))
        {
            var at = grant.Organization;
            if (grant.Covers(org)
                || (org.RegionId == at.RegionId && org.Type is OrganizationType.Region or OrganizationType.Employer)
                || (at.Type == OrganizationType.School && org.Id == at.DistrictId)
                || (at.Type == OrganizationType.Employer && org.RegionId == at.RegionId && org.Type is OrganizationType.District or OrganizationType.School))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The SQL form of <see cref="CanSee"/> over an organizations row aliased <paramref name="alias"/>.</summary>
    public static (string Sql, DynamicParameters Parameters) VisibleSql(Caller caller, string alias)
    {
        var grants = caller.GrantsWith(Permission.OrganizationsRead).Select(g => g.Organization).ToList();
        var scope = caller.Scope(Permission.OrganizationsRead);
        var parameters = new DynamicParameters();
        foreach (var (name, value) in scope.Parameters("Vis"))
        {
            parameters.Add(name, value);
        }

        parameters.Add("VisMemberRegions", DbIds.Of(grants.Select(g => g.RegionId)));
        parameters.Add("VisParentDistricts", DbIds.Of(grants.Where(g => g.Type == OrganizationType.School && g.DistrictId is not null).Select(g => g.DistrictId!.Value)));
        parameters.Add("VisEmployerRegions", DbIds.Of(grants.Where(g => g.Type == OrganizationType.Employer).Select(g => g.RegionId)));
        var sql = $"({TenantScope.CoversSql(alias, "Vis")} " +
                  $"OR ({DbIds.Among($"{alias}.region_id", "@VisMemberRegions")} AND {alias}.type IN ('region', 'employer')) " +
                  $"OR {DbIds.Among($"{alias}.id", "@VisParentDistricts")} " +
                  $"OR ({DbIds.Among($"{alias}.region_id", "@VisEmployerRegions")} AND {alias}.type IN ('district', 'school')))";
        return (sql, parameters);
    }

    /// <summary>Null when the caller holds <paramref name="permission"/> at the organization; otherwise the 404 or 403 to return.</summary>
    public static Error? Check(Caller caller, Permission permission, OrgRef org, string what)
    {
        if (caller.PermissionsAt(org).Contains(permission))
        {
            return null;
        }

        return CanSee(caller, org)
            ? Error.Forbidden($"Your role does not allow this ({DbEnum.ToText(permission)}) at this organization.")
            : Error.NotFound(what);
    }

    private sealed class OrgRow
    {
        public Guid Id { get; set; }
        public string Type { get; set; } = "";
        public Guid RegionId { get; set; }
        public Guid? DistrictId { get; set; }
        public string Name { get; set; } = "";
    }
}
