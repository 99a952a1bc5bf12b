using Dapper;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Organizations;
using LaunchPath.Contracts.Placements;
using Mediator;

namespace LaunchPath.Api.Features.Placements;

/// <summary>
/// GET /api/v1/me/actions — what waits for the signed-in person, by the parts they play: an employer decides
/// applicants and writes agreements; a school (its coordinators, its district's staff) approves placements, writes and
/// follows up agreements and renews approvals about to lapse; employer staff acknowledge agreements as the supervisor
/// and approve hours; a student or a guardian acknowledges their agreement, and a student reflects (every two weeks on an
/// active placement, once after completing one); curators review submitted opportunities.
/// Only kinds with something waiting are listed, with a count and the first twenty.
/// </summary>
public static class GetMyActions
{
    public sealed record Query(Caller Caller) : IRequest<Result<List<ActionItem>>>;

    private const int Take = 20;

    /// <summary>How often a student is asked to reflect on an active placement.</summary>
    public static readonly TimeSpan ReflectEvery = TimeSpan.FromDays(14);

    private static string School => $"({DbIds.Among("pl.school_id", "@Schools")} OR {DbIds.Among("pl.district_id", "@Districts")})";

    private static string Unacknowledged(string party) =>
        $"NOT EXISTS (SELECT 1 FROM acknowledgements a JOIN agreements ag ON ag.placement_id = a.placement_id WHERE a.placement_id = pl.id AND a.party = '{party}' AND a.agreement_version = ag.version)";

    /// <summary>Each kind's query: ids, oldest change first, with the total beside each row.</summary>
    private static IReadOnlyList<(ActionKind Kind, string Where)> PlacementKinds =>
    [
        (ActionKind.DecideApplicants, $"pl.status = 'requested' AND {DbIds.Among("pl.employer_id", "@EmployerWriters")}"),
        (ActionKind.ApprovePlacements, $"pl.status = 'accepted' AND {School}"),
        (ActionKind.WriteAgreements, $"pl.status = 'approved' AND ({School} OR {DbIds.Among("pl.employer_id", "@EmployerWriters")})"),
        (ActionKind.FollowUpAgreements, $"pl.status = 'agreementPending' AND {School}"),
        (ActionKind.RenewApprovals, $"pl.status IN ('approved', 'agreementPending') AND pl.expires_on IS NOT NULL AND pl.expires_on <= @Soon AND {School}"),
        (ActionKind.AcknowledgeAsSupervisor, $"pl.status = 'agreementPending' AND {DbIds.Among("pl.employer_id", "@EmployerStaff")} AND {Unacknowledged("supervisor")}"),
        (ActionKind.AcknowledgeAsStudent, $"pl.status = 'agreementPending' AND s.user_id = @UserId AND {Unacknowledged("student")}"),
        (ActionKind.WriteReflections,
            "s.user_id = @UserId AND ((pl.status = 'active' AND NOT EXISTS (SELECT 1 FROM reflections r WHERE r.placement_id = pl.id AND r.created_at >= @ReflectSince)) " +
            "OR (pl.status = 'completed' AND pl.completed_at >= @RecentlyCompleted AND NOT EXISTS (SELECT 1 FROM reflections r WHERE r.placement_id = pl.id AND r.created_at >= pl.completed_at)))"),
        (ActionKind.AcknowledgeAsGuardian,
            "pl.status = 'agreementPending' AND EXISTS (SELECT 1 FROM guardianships g JOIN people gp ON gp.id = g.guardian_id WHERE g.student_id = pl.student_id AND gp.user_id = @UserId) " +
            $"AND {Unacknowledged("guardian")}"),
    ];

    private static string Select(SqlDialect dialect, string where) =>
        dialect.Limit($"SELECT pl.id, COUNT(*) OVER () AS total FROM placements pl JOIN people s ON s.id = pl.student_id WHERE {where} ORDER BY pl.updated_at, pl.id");

    private static string SelectHours(SqlDialect dialect) =>
        dialect.Limit("SELECT h.id, h.placement_id, COUNT(*) OVER () AS total FROM hours_entries h JOIN placements pl ON pl.id = h.placement_id " +
                      $"WHERE h.status = 'submitted' AND pl.status IN ('active', 'completed') AND {DbIds.Among("pl.employer_id", "@EmployerStaff")} ORDER BY h.created_at, h.id");

    /// <summary>Opportunities submitted for review that the caller curates: the region's (convener), or all of whose audience they curate.</summary>
    private static string SelectCuration(SqlDialect dialect) =>
        dialect.Limit("SELECT op.id, COUNT(*) OVER () AS total FROM opportunities op WHERE op.status = 'submitted' " +
                      $"AND ({DbIds.Among("op.region_id", "@CurateRegions")} OR (op.audience <> 'region' " +
                      "AND EXISTS (SELECT 1 FROM opportunity_audiences ca WHERE ca.opportunity_id = op.id) " +
                      "AND NOT EXISTS (SELECT 1 FROM opportunity_audiences ca JOIN organizations co ON co.id = ca.organization_id WHERE ca.opportunity_id = op.id " +
                      $"AND NOT ({DbIds.Among("co.id", "@CurateOrgs")} OR {DbIds.Among("co.district_id", "@CurateOrgs")})))) ORDER BY op.updated_at, op.id");

    public sealed class Handler(Db db, TimeProvider clock) : IRequestHandler<Query, Result<List<ActionItem>>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [.. PlacementKinds.Select(k => Select(dialect, k.Where)), SelectHours(dialect), SelectCuration(dialect)];

        public async ValueTask<Result<List<ActionItem>>> Handle(Query query, CancellationToken cancellationToken)
        {
            var caller = query.Caller;
            var withPeopleWrite = caller.GrantsWith(Permission.PeopleWrite).Select(g => g.Organization).ToList();
            var employers = caller.Grants.Where(g => g.Organization.Type == OrganizationType.Employer).ToList();
            var curate = caller.GrantsWith(Permission.OpportunitiesCurate).Select(g => g.Organization).ToList();
            var parameters = new
            {
                CurateRegions = DbIds.Of(curate.Where(o => o.Type == OrganizationType.Region).Select(o => o.Id)),
                CurateOrgs = DbIds.Of(curate.Where(o => o.Type is OrganizationType.District or OrganizationType.School).Select(o => o.Id)),
                Schools = DbIds.Of(withPeopleWrite.Where(o => o.Type == OrganizationType.School).Select(o => o.Id)),
                Districts = DbIds.Of(withPeopleWrite.Where(o => o.Type == OrganizationType.District).Select(o => o.Id)),
                EmployerWriters = DbIds.Of(employers.Where(g => g.Permissions.Contains(Permission.OpportunitiesWrite)).Select(g => g.Organization.Id)),
                EmployerStaff = DbIds.Of(caller.UserId is null ? [] : employers.Select(g => g.Organization.Id)),
                UserId = caller.UserId ?? Guid.Empty,
                Soon = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(7),
                ReflectSince = clock.GetUtcNow() - ReflectEvery,
                RecentlyCompleted = clock.GetUtcNow() - TimeSpan.FromDays(30),
                Take = Take,
            };

            await using var connection = await db.OpenAsync(cancellationToken);
            var items = new List<ActionItem>();
            foreach (var (kind, where) in PlacementKinds)
            {
                var rows = (await connection.QueryAsync<Row>(new CommandDefinition(Select(db.Dialect, where), parameters, cancellationToken: cancellationToken))).ToList();
                if (rows.Count > 0)
                {
                    items.Add(new ActionItem { Kind = kind, Count = rows[0].Total, PlacementIds = rows.Select(r => r.Id.ToString("D")).ToList() });
                }
            }

            var hours = (await connection.QueryAsync<HoursRow>(new CommandDefinition(SelectHours(db.Dialect), parameters, cancellationToken: cancellationToken))).ToList();
            if (hours.Count > 0)
            {
                items.Add(new ActionItem
                {
                    Kind = ActionKind.ApproveHours, Count = hours[0].Total, PlacementIds = hours.Select(h => h.PlacementId.ToString("D")).Distinct().ToList(),
                    HoursEntryIds = hours.Select(h => h.Id.ToString("D")).ToList(),
                });
            }

            var curation = (await connection.QueryAsync<Row>(new CommandDefinition(SelectCuration(db.Dialect), parameters, cancellationToken: cancellationToken))).ToList();
            if (curation.Count > 0)
            {
                items.Add(new ActionItem
                {
                    Kind = ActionKind.CurateOpportunities, Count = curation[0].Total, PlacementIds = [], OpportunityIds = curation.Select(o => o.Id.ToString("D")).ToList(),
                });
            }

            return items;
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapGet("/me/actions", async Task<Ok<List<ActionItem>>> (Caller caller, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok((await mediator.Send(new Query(caller), ct)).Value!)) // the list is only ever the caller's own: no failure
            .WithTags("Placements")
            .WithName("getMyActions")
            .WithSummary("What waits for me: the kinds of placement work with something waiting, with counts");

    private sealed class Row
    {
        public Guid Id { get; set; }
        public int Total { get; set; }
    }

    private sealed class HoursRow
    {
        public Guid Id { get; set; }
        public Guid PlacementId { get; set; }
        public int Total { get; set; }
    }
}
