using Dapper;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Events;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Organizations;
using Mediator;

namespace LaunchPath.Api.Features.Events;

/// <summary>
/// GET /api/v1/organizations/{id}/volunteers — an employer's volunteer speakers and mentors, for its own staff and for
/// the region's convener (who brokers requests to them).
/// </summary>
public static class ListVolunteers
{
    public sealed record Query(Caller Caller, Guid EmployerId) : IRequest<Result<List<Volunteer>>>;

    private const string Select = $"{VolunteerRow.Select} WHERE v.employer_id = @EmployerId AND u.disabled = 0 ORDER BY u.display_name, v.user_id";

    public sealed class Handler(Db db) : IRequestHandler<Query, Result<List<Volunteer>>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [Select];

        public async ValueTask<Result<List<Volunteer>>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var employer = await Authorize.FindOrgAsync(connection, query.EmployerId, cancellationToken);
            if (employer is null || employer.Ref.Type != OrganizationType.Employer || !Authorize.CanSee(query.Caller, employer.Ref))
            {
                return Error.NotFound($"Employer {query.EmployerId}");
            }

            var staff = query.Caller.Grants.Any(g => g.Organization.Id == query.EmployerId);
            var convener = query.Caller.IsPlatformAdmin || query.Caller.PermissionsAt(new OrgRef(employer.Ref.RegionId, OrganizationType.Region, employer.Ref.RegionId, null))
                .Contains(Permission.OpportunitiesCurate);
            if (!staff && !convener)
            {
                return Error.NotFound($"Employer {query.EmployerId}");
            }

            return (await connection.QueryAsync<VolunteerRow>(new CommandDefinition(Select, new { query.EmployerId }, cancellationToken: cancellationToken))).Select(v => v.ToContract()).ToList();
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapGet("/organizations/{id:guid}/volunteers", async Task<Answer<Ok<List<Volunteer>>, Fails.NotFound>> (Guid id, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Query(caller, id), ct)).Match(list => TypedResults.Ok(list)))
            .WithName("listVolunteers")
            .WithSummary("An employer's volunteer speakers and mentors (its staff, the region's convener)");
}
