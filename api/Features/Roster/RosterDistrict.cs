using System.Data.Common;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Organizations;

namespace LaunchPath.Api.Features.Roster;

/// <summary>The district a roster operation names, when the caller holds roster rights there: 404 for no such district (or one out of sight), 403 without the right.</summary>
internal static class RosterDistrict
{
    public static async Task<(Authorize.Org? District, Error? Error)> FindAsync(DbConnection connection, Caller caller, Guid districtId, CancellationToken cancellationToken)
    {
        var district = await Authorize.FindOrgAsync(connection, districtId, cancellationToken);
        if (district is null || district.Ref.Type != OrganizationType.District)
        {
            return (null, Error.NotFound($"District {districtId}"));
        }

        return Authorize.Check(caller, Permission.RosterImport, district.Ref, $"District {districtId}") is { } denied ? (null, denied) : (district, null);
    }
}
