using Dapper;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Common;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Opportunities;
using LaunchPath.Contracts.Organizations;
using Mediator;

namespace LaunchPath.Api.Features.Opportunities;

/// <summary>
/// GET /api/v1/opportunities — search what the caller may see, by status, career cluster, type, stage, paid, virtual,
/// dates (overlapping the range), employer and free text; keyset-paged.
/// </summary>
public static class SearchOpportunities
{
    public sealed record Filters(
        OpportunityStatus? Status,
        CareerCluster? Cluster,
        OpportunityType? Type,
        ContinuumStage? Stage,
        bool? Paid,
        bool? Virtual,
        DateOnly? From,
        DateOnly? To,
        Guid? EmployerId,
        string? Search,
        Guid? EligibleFor = null);

    public sealed record Query(Caller Caller, Filters Filters, int Take, Guid? After) : IRequest<Result<OpportunityPage>>;

    public sealed class Handler(Db db, TimeProvider clock, RegionOpportunities regionOpportunities) : IRequestHandler<Query, Result<OpportunityPage>>, ISqlSource
    {
        private static string Select(SqlDialect dialect, string visible) => dialect.Limit(
            $"SELECT {OpportunityRecord.Columns} FROM {OpportunityRecord.From} WHERE {visible} " +
            "AND (@Status IS NULL OR op.status = @Status) " +
            "AND (@Cluster IS NULL OR op.career_cluster = @Cluster) " +
            "AND (@Type IS NULL OR op.type = @Type) " +
            "AND (@Stage IS NULL OR op.stage = @Stage) " +
            "AND (@Paid IS NULL OR (@Paid = 1 AND op.compensation IN ('paid', 'stipend')) OR (@Paid = 0 AND op.compensation = 'unpaid')) " +
            "AND (@Virtual IS NULL OR (@Virtual = 1 AND op.modality = 'virtual') OR (@Virtual = 0 AND op.modality <> 'virtual')) " +
            "AND (@From IS NULL OR op.end_date IS NULL OR op.end_date >= @From) " +
            "AND (@To IS NULL OR op.start_date IS NULL OR op.start_date <= @To) " +
            "AND (@EmployerId IS NULL OR op.employer_id = @EmployerId) " +
            "AND (@Pattern IS NULL OR op.title LIKE @Pattern ESCAPE '\\' OR op.description LIKE @Pattern ESCAPE '\\' " +
            "OR e.name LIKE @Pattern ESCAPE '\\' OR op.skills LIKE @Pattern ESCAPE '\\') " +
            "AND (@After IS NULL OR op.id > @After) ORDER BY op.id");

        public static IEnumerable<string> Statements(SqlDialect dialect) =>
            [Select(dialect, OpportunityAccess.VisibleSql(Caller.Anonymous, "op").Sql), .. OpportunityRecord.Statements, .. StudentAccess.Statements, .. MatchingFacts.Statements];

        public async ValueTask<Result<OpportunityPage>> Handle(Query query, CancellationToken cancellationToken)
        {
            var f = query.Filters;
            if (f.EligibleFor is null && SchoolReader(query.Caller) is { } reader)
            {
                return await ListedAsync(query, reader.Region, reader.Organizations, OpportunityAccess.IsLearner(query.Caller), cancellationToken);
            }

            await using var connection = await db.OpenAsync(cancellationToken);
            if (f.EligibleFor is { } studentId)
            {
                var student = await StudentAccess.FindVisibleAsync(connection, query.Caller, studentId, cancellationToken);
                return student is null
                    ? Error.Invalid(new Dictionary<string, string[]> { ["eligibleFor"] = ["No student you may see has this id."] })
                    : await EligibleAsync(connection, query, student, cancellationToken);
            }

            var (visible, parameters) = OpportunityAccess.VisibleSql(query.Caller, "op");
            parameters.AddDynamicParams(new
            {
                Status = f.Status is null ? null : DbEnum.ToText(f.Status.Value),
                Cluster = f.Cluster is null ? null : DbEnum.ToText(f.Cluster.Value),
                Type = f.Type is null ? null : DbEnum.ToText(f.Type.Value),
                Stage = f.Stage is null ? null : DbEnum.ToText(f.Stage.Value),
                Paid = f.Paid is null ? (int?)null : f.Paid.Value ? 1 : 0,
                Virtual = f.Virtual is null ? (int?)null : f.Virtual.Value ? 1 : 0,
                f.From,
                f.To,
                f.EmployerId,
                Pattern = string.IsNullOrWhiteSpace(f.Search) ? null : "%" + Like.Escape(f.Search.Trim()) + "%",
                query.After,
                Take = query.Take + 1,
            });
            var rows = (await connection.QueryAsync<OpportunityRecord>(new CommandDefinition(Select(db.Dialect, visible), parameters, cancellationToken: cancellationToken))).ToList();
            var page = rows.Take(query.Take).ToList();
            var audiences = await OpportunityRecord.AudiencesAsync(connection, page.Select(r => r.Id).ToList(), null, cancellationToken);
            return new OpportunityPage
            {
                Items = page.Select(r => r.ToContract(audiences[r.Id], query.Caller)).ToList(),
                NextCursor = rows.Count > query.Take ? Paging.Encode(page[^1].Id.ToString("D")) : null,
            };
        }

        /// <summary>
        /// A caller who reads opportunities through schools only (a student, a teacher), and neither writes nor curates
        /// any, sees what <see cref="OpportunityAccess.VisibleSql"/> gives them: the published and closed opportunities of
        /// those schools' region, region-wide or for one of the schools or their districts. Null for anyone else (and for
        /// schools in more than one region), whose search reads the database.
        /// </summary>
        private static (Guid Region, Guid[] Organizations)? SchoolReader(Caller caller)
        {
            if (caller.IsPlatformAdmin || caller.Has(Permission.OpportunitiesCurate) || caller.Has(Permission.OpportunitiesWrite))
            {
                return null;
            }

            Guid? region = null;
            var organizations = new List<Guid>();
            foreach (var grant in caller.GrantsWith(Permission.OpportunitiesRead))
            {
                var school = grant.Organization;
                if (school.Type != OrganizationType.School || (region is { } other && other != school.RegionId))
                {
                    return null;
                }

                region = school.RegionId;
                organizations.Add(school.Id);
                if (school.DistrictId is { } district)
                {
                    organizations.Add(district);
                }
            }

            return region is { } found ? (found, organizations.ToArray()) : null;
        }

        /// <summary>
        /// A school reader's search, from the region's snapshot of its published and closed opportunities (at most
        /// <see cref="RegionOpportunities.Freshness"/> old, as recommendations are; an opportunity published or closed on
        /// this node shows at once): the filters applied in memory, by id order from the cursor, until the page is full; a
        /// student (<paramref name="learner"/>) never finds a teacher externship.
        /// Each entry's contract is the one built with the snapshot (such a caller has no actions on an opportunity).
        /// </summary>
        private async Task<OpportunityPage> ListedAsync(Query query, Guid region, Guid[] organizations, bool learner, CancellationToken cancellationToken)
        {
            var f = query.Filters;
            if (f.Status is { } status && status is not (OpportunityStatus.Published or OpportunityStatus.Closed))
            {
                return new OpportunityPage { Items = [] };
            }

            var snapshot = await regionOpportunities.ForRegionAsync(region, cancellationToken);
            var text = string.IsNullOrWhiteSpace(f.Search) ? null : f.Search.Trim();
            var page = new List<RegionOpportunities.Entry>(query.Take + 1);
            var ordered = snapshot.Listed;
            for (var i = RegionOpportunities.Snapshot.StartAfter(ordered, query.After); i < ordered.Count && page.Count <= query.Take; i++)
            {
                var e = ordered[i];
                if ((f.Status is null || e.Contract.Status == f.Status) && !(learner && e.ForEducators) && Matches(e.Contract, f, text) && e.OpenTo(organizations))
                {
                    page.Add(e);
                }
            }

            return new OpportunityPage
            {
                Items = page.Take(query.Take).Select(e => e.Contract).ToList(),
                NextCursor = page.Count > query.Take ? Paging.Encode(page[query.Take - 1].Record.Id.ToString("D")) : null,
            };
        }

        /// <summary>
        /// Only what the student may apply to, by the rule applying enforces (StudentFit), from the region's snapshot of
        /// its published opportunities (at most <see cref="RegionOpportunities.Freshness"/> old, as recommendations are):
        /// the filters and the rule applied in memory, by id order, a full page each time.
        /// </summary>
        private async Task<OpportunityPage> EligibleAsync(System.Data.Common.DbConnection connection, Query query, StudentRecord student, CancellationToken cancellationToken)
        {
            var f = query.Filters;
            if (f.Status is { } status && status != OpportunityStatus.Published)
            {
                return new OpportunityPage { Items = [] }; // a student may apply only to what is published
            }

            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var facts = (await MatchingFacts.StudentsAsync(connection, [student], today, cancellationToken))[student.Id];
            var snapshot = await regionOpportunities.ForRegionAsync(student.RegionId, cancellationToken);
            var text = string.IsNullOrWhiteSpace(f.Search) ? null : f.Search.Trim();
            // In id order from the cursor, until the page and one more are found: most requests judge a few dozen.
            var page = new List<RegionOpportunities.Entry>(query.Take + 1);
            var ordered = snapshot.InIdOrder;
            for (var i = RegionOpportunities.Snapshot.StartAfter(ordered, query.After); i < ordered.Count && page.Count <= query.Take; i++)
            {
                var e = ordered[i];
                if (Matches(e.Contract, f, text) && e.OpenTo(student.SchoolId, student.DistrictId) && StudentFit.WhyIneligible(facts, e.Facts, today) is null)
                {
                    page.Add(e);
                }
            }

            return new OpportunityPage
            {
                Items = page.Take(query.Take).Select(e => e.Record.ToContract(e.Contract, e.Audience, query.Caller)).ToList(),
                NextCursor = page.Count > query.Take ? Paging.Encode(page[query.Take - 1].Record.Id.ToString("D")) : null,
            };
        }

        /// <summary>The search's filters, as its SQL applies them, on an opportunity in memory.</summary>
        private static bool Matches(Opportunity o, Filters f, string? text)
        {
            var x = o.Fields;
            return (f.Cluster is null || x.CareerCluster == f.Cluster) && (f.Type is null || x.Type == f.Type) && (f.Stage is null || x.Stage == f.Stage)
                   && (f.Paid is null || (f.Paid.Value ? x.Compensation is Compensation.Paid or Compensation.Stipend : x.Compensation == Compensation.Unpaid))
                   && (f.Virtual is null || (x.Modality == Modality.Virtual) == f.Virtual.Value)
                   && (f.From is null || x.EndDate is null || x.EndDate >= f.From) && (f.To is null || x.StartDate is null || x.StartDate <= f.To)
                   && (f.EmployerId is null || o.EmployerId == f.EmployerId.Value.ToString("D"))
                   && (text is null || x.Title.Contains(text, StringComparison.OrdinalIgnoreCase) || x.Description.Contains(text, StringComparison.OrdinalIgnoreCase)
                       || o.EmployerName.Contains(text, StringComparison.OrdinalIgnoreCase) || x.Skills.Any(k => k.Contains(text, StringComparison.OrdinalIgnoreCase)));
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/", async Task<Answer<Ok<OpportunityPage>, Fails.Invalid>> (string? status, string? cluster, string? type, string? stage, bool? paid, bool? @virtual, DateOnly? from, DateOnly? to,
                Guid? employerId, string? q, int? limit, string? cursor, Guid? eligibleFor, Caller caller, IMediator mediator, CancellationToken ct) =>
            {
                var errors = Paging.Check(limit, cursor, key => Guid.TryParse(key, out _), out var take, out var after);
                QueryEnums.TryParse<OpportunityStatus>(status, "status", errors, out var statusValue);
                QueryEnums.TryParse<CareerCluster>(cluster, "cluster", errors, out var clusterValue);
                QueryEnums.TryParse<OpportunityType>(type, "type", errors, out var typeValue);
                QueryEnums.TryParse<ContinuumStage>(stage, "stage", errors, out var stageValue);
                if (from is not null && to is not null && to < from)
                {
                    errors["to"] = ["to must be on or after from."];
                }

                if (q is { Length: > 200 })
                {
                    errors["q"] = ["q must be at most 200 characters."];
                }

                if (errors.Count > 0)
                {
                    return Error.Invalid(errors);
                }

                var filters = new Filters(statusValue, clusterValue, typeValue, stageValue, paid, @virtual, from, to, employerId, q, eligibleFor);
                return (await mediator.Send(new Query(caller, filters, take, after is null ? null : Guid.Parse(after)), ct)).Match(page => TypedResults.Ok(page));
            })
            .WithQueryEnum<OpportunityStatus>("status")
            .WithQueryEnum<CareerCluster>("cluster")
            .WithQueryEnum<OpportunityType>("type")
            .WithQueryEnum<ContinuumStage>("stage")
            .WithName("searchOpportunities")
            .WithSummary("Search opportunities")
            .WithDescription("Only what you may see. paid=true means paid or stipend; virtual=true means fully virtual; from/to match opportunities running in that range. " +
                             "eligibleFor=<student id> keeps only what that student may apply to, by the rule applying enforces (published for their school, grade, age, " +
                             "earlier stage, dates, seats). Students and teachers (who read through their schools only), and eligibleFor, are answered from the region's " +
                             "opportunities as read a few seconds ago (at most 10): a change made elsewhere may take that long to show.");
}
