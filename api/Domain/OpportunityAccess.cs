using System.Data.Common;
using Dapper;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Opportunities;
using LaunchPath.Contracts.Organizations;

namespace LaunchPath.Api.Domain;

/// <summary>
/// Who sees, writes and curates an opportunity.
/// See: regions' staff see all of their region's; an employer's staff see their own in any status; others see
/// published (and closed) ones whose audience includes them, and curators also see those submitted to them.
/// Write: OpportunitiesWrite at the employer (employer staff, or the convener on its behalf).
/// Curate: OpportunitiesCurate at the region (convener), or over every organization of a district/school audience
/// (district admin, school coordinator).
/// </summary>
internal static class OpportunityAccess
{
    public static (string Sql, DynamicParameters Parameters) VisibleSql(Caller caller, string alias)
    {
        var read = caller.GrantsWith(Permission.OpportunitiesRead).Select(g => g.Organization).ToList();
        var curate = caller.GrantsWith(Permission.OpportunitiesCurate).Select(g => g.Organization).ToList();
        var parameters = new DynamicParameters();
        parameters.Add("OppAll", caller.IsPlatformAdmin ? 1 : 0);
        parameters.Add("OppLearner", IsLearner(caller) ? 1 : 0);
        parameters.Add("OppRegions", DbIds.Of(read.Where(o => o.Type == OrganizationType.Region).Select(o => o.Id)));
        parameters.Add("OppEmployers", DbIds.Of(read.Where(o => o.Type == OrganizationType.Employer).Select(o => o.Id)));
        parameters.Add("OppMemberRegions", DbIds.Of(read.Select(o => o.RegionId)));
        parameters.Add("OppDistricts", DbIds.Of(read.Where(o => o.Type == OrganizationType.District).Select(o => o.Id)));
        parameters.Add("OppSchools", DbIds.Of(read.Where(o => o.Type == OrganizationType.School).Select(o => o.Id)));
        parameters.Add("OppSchoolDistricts", DbIds.Of(read.Where(o => o.Type == OrganizationType.School && o.DistrictId is not null).Select(o => o.DistrictId!.Value)));
        parameters.Add("CurDistricts", DbIds.Of(curate.Where(o => o.Type == OrganizationType.District).Select(o => o.Id)));
        parameters.Add("CurSchools", DbIds.Of(curate.Where(o => o.Type == OrganizationType.School).Select(o => o.Id)));

        var sql =
            $"(@OppAll = 1 OR {DbIds.Among($"{alias}.region_id", "@OppRegions")} OR {DbIds.Among($"{alias}.employer_id", "@OppEmployers")} " +
            $"OR ({alias}.status IN ('published', 'closed') AND {DbIds.Among($"{alias}.region_id", "@OppMemberRegions")} " +
            $"AND (@OppLearner = 0 OR {alias}.type <> '{StudentFit.ForEducatorsType}') AND ({alias}.audience = 'region' " +
            $"OR EXISTS (SELECT 1 FROM opportunity_audiences va JOIN organizations vo ON vo.id = va.organization_id WHERE va.opportunity_id = {alias}.id " +
            $"AND ({DbIds.Among("vo.district_id", "@OppDistricts")} OR {DbIds.Among("vo.id", "@OppSchools")} OR {DbIds.Among("vo.id", "@OppSchoolDistricts")})))) " +
            $"OR ({alias}.status IN ('submitted', 'rejected') AND EXISTS (SELECT 1 FROM opportunity_audiences ca JOIN organizations co ON co.id = ca.organization_id " +
            $"WHERE ca.opportunity_id = {alias}.id AND ({DbIds.Among("co.district_id", "@CurDistricts")} OR {DbIds.Among("co.id", "@CurSchools")}))))";
        return (sql, parameters);
    }

    /// <summary>A caller who reads opportunities only as a student (teacher externships are not for them).</summary>
    public static bool IsLearner(Caller caller)
    {
        var readers = caller.GrantsWith(Permission.OpportunitiesRead).ToList();
        return !caller.IsPlatformAdmin && readers.Count > 0 && readers.All(g => g.Role == Role.Student);
    }

    public static bool CanWrite(Caller caller, OrgRef employer) => caller.PermissionsAt(employer).Contains(Permission.OpportunitiesWrite);

    public static bool CanCurate(Caller caller, OrgRef region, AudienceScope audience, IReadOnlyList<OrgRef> audienceOrgs) =>
        caller.PermissionsAt(region).Contains(Permission.OpportunitiesCurate)
        || (audience != AudienceScope.Region && audienceOrgs.Count > 0
            && audienceOrgs.All(o => caller.PermissionsAt(o).Contains(Permission.OpportunitiesCurate)));

    /// <summary>
    /// Checks the audience organizations: each exists, lies in the employer's region and is of the audience's type.
    /// Returns the 422 to send, or null.
    /// </summary>
    private const string SelectWorksiteEmployer = "SELECT employer_id FROM worksites WHERE id = @Id";

    public static IEnumerable<string> Statements => [SelectWorksiteEmployer];

    /// <summary>Null when the fields name no worksite or one of <paramref name="employerId"/>'s; else the 422 to send.</summary>
    public static async Task<Error?> CheckWorksiteAsync(DbConnection connection, Guid employerId, OpportunityFields fields, CancellationToken cancellationToken)
    {
        if (fields.WorksiteId is not { } named)
        {
            return null;
        }

        var owner = await connection.ExecuteScalarAsync<Guid?>(new CommandDefinition(SelectWorksiteEmployer, new { Id = Guid.Parse(named) }, cancellationToken: cancellationToken));
        return owner == employerId ? null : Error.Unprocessable($"Worksite {named} is not one of the employer's worksites.");
    }

    public static async Task<Error?> CheckAudienceAsync(DbConnection connection, Guid regionId, OpportunityFields fields, CancellationToken cancellationToken)
    {
        var expected = fields.Audience == AudienceScope.District ? OrganizationType.District : OrganizationType.School;
        foreach (var id in fields.AudienceOrganizationIds.Select(Guid.Parse).Distinct())
        {
            var org = await Authorize.FindOrgAsync(connection, id, cancellationToken);
            if (org is null || org.Ref.RegionId != regionId)
            {
                return Error.Unprocessable($"Audience organization {id} was not found in the employer's region.");
            }

            if (org.Ref.Type != expected)
            {
                return Error.Unprocessable($"Audience organization {id} is a {DbEnum.ToText(org.Ref.Type)}, but the audience is {DbEnum.ToText(fields.Audience)}s.");
            }
        }

        return null;
    }
}
