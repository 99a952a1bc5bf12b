using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Organizations;

namespace LaunchPath.Api.Domain;

/// <summary>Who reads and who changes a region's settings (matching weights, round defaults, the rubric, messages).</summary>
internal static class RegionSettings
{
    /// <summary>Anyone who sees the region reads its settings; otherwise, or when it is not a region, 404.</summary>
    public static async Task<Error?> CheckReaderAsync(System.Data.Common.DbConnection connection, Caller caller, Guid regionId, CancellationToken cancellationToken)
    {
        var region = await Authorize.FindOrgAsync(connection, regionId, cancellationToken);
        return region is null || region.Ref.Type != OrganizationType.Region || !Authorize.CanSee(caller, region.Ref) ? Error.NotFound($"Region {regionId}") : null;
    }

    /// <summary>The region's curators change its settings: 404 when it is not a region, 403 (or 404 when unseen) for others.</summary>
    public static async Task<Error?> CheckCuratorAsync(System.Data.Common.DbConnection connection, Caller caller, Guid regionId, CancellationToken cancellationToken)
    {
        var region = await Authorize.FindOrgAsync(connection, regionId, cancellationToken);
        if (region is null || region.Ref.Type != OrganizationType.Region)
        {
            return Error.NotFound($"Region {regionId}");
        }

        return Authorize.Check(caller, Permission.OpportunitiesCurate, region.Ref, $"Region {regionId}");
    }
}
