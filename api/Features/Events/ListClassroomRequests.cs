using Dapper;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Events;
using LaunchPath.Contracts.Identity;
using Mediator;

namespace LaunchPath.Api.Features.Events;

/// <summary>
/// GET /api/v1/classroom-requests — teachers' requests the caller sees, newest first: the school side sees its schools'
/// (district and convener staff: their district's or region's); an employer's staff see their region's board (open ones
/// by default); <c>unanswered=true</c> keeps open requests without an offer, oldest first: what the convener brokers.
/// </summary>
public static class ListClassroomRequests
{
    public sealed record Query(Caller Caller, ClassroomRequestStatus? Status, bool Unanswered) : IRequest<Result<List<ClassroomRequest>>>;

    private static string Select(SqlDialect dialect) => dialect.Limit(
        $"SELECT {ClassroomRequestRecord.Columns} FROM {ClassroomRequestRecord.From} " +
        $"WHERE ({TenantScope.CoversSql("s", "Scope")} OR cr.region_id IN (SELECT value FROM json_each(@EmployerRegions))) " +
        "AND (@Status IS NULL OR cr.status = @Status) " +
        "AND (@Unanswered = 0 OR (cr.status = 'open' AND NOT EXISTS (SELECT 1 FROM classroom_request_offers o WHERE o.request_id = cr.id AND o.status = 'offered'))) " +
        "ORDER BY CASE WHEN @Unanswered = 1 THEN cr.created_at END, cr.created_at DESC, cr.id", "200");

    public sealed class Handler(Db db) : IRequestHandler<Query, Result<List<ClassroomRequest>>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [Select(dialect), .. ClassroomRequestRecord.Statements];

        public async ValueTask<Result<List<ClassroomRequest>>> Handle(Query query, CancellationToken cancellationToken)
        {
            var caller = query.Caller;
            var parameters = new DynamicParameters();
            foreach (var (name, value) in caller.Scope(Permission.PeopleRead).Parameters("Scope"))
            {
                parameters.Add(name, value);
            }

            var employerRegions = caller.Grants.Where(g => g.Organization.Type == Contracts.Organizations.OrganizationType.Employer).Select(g => g.Organization.RegionId).Distinct();
            var schoolSide = caller.IsPlatformAdmin || caller.Has(Permission.PeopleRead);
            var status = query.Status ?? (schoolSide || query.Unanswered ? null : ClassroomRequestStatus.Open);
            parameters.AddDynamicParams(new
            {
                EmployerRegions = DbIds.Of(employerRegions), Status = status is null ? null : DbEnum.ToText(status.Value), Unanswered = query.Unanswered ? 1 : 0,
            });
            await using var connection = await db.OpenAsync(cancellationToken);
            var rows = (await connection.QueryAsync<ClassroomRequestRecord>(new CommandDefinition(Select(db.Dialect), parameters, cancellationToken: cancellationToken))).ToList();
            return await ClassroomRequestRecord.ToContractsAsync(connection, caller, rows, cancellationToken);
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapGet("/classroom-requests", async Task<Answer<Ok<List<ClassroomRequest>>, Fails.Invalid>> (string? status, bool? unanswered, Caller caller, IMediator mediator, CancellationToken ct) =>
            {
                var errors = new Dictionary<string, string[]>();
                QueryEnums.TryParse<ClassroomRequestStatus>(status, "status", errors, out var parsed);
                return errors.Count > 0
                    ? Error.Invalid(errors)
                    : (await mediator.Send(new Query(caller, parsed, unanswered ?? false), ct)).Match(list => TypedResults.Ok(list));
            })
            .WithQueryEnum<ClassroomRequestStatus>("status")
            .WithName("listClassroomRequests")
            .WithSummary("Teachers' requests for industry professionals you see (at most 200)")
            .WithDescription("School, district and convener staff: their schools' requests, every status. Employer staff: their region's request board, open requests unless status says. " +
                             "unanswered=true: open requests with no standing offer, oldest first (what the convener brokers).");
}
