using Dapper;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Matching;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Matching;
using Mediator;

namespace LaunchPath.Api.Features.Matching.Recommendations;

/// <summary>
/// GET /api/v1/opportunities/{id}/candidates — the students an opportunity fits best, for school staff who
/// place them.
/// </summary>
public static class RecommendForOpportunity
{
    public sealed record Query(Caller Caller, Guid OpportunityId, int Limit) : IRequest<Result<List<RecommendedStudent>>>;

    public sealed class Handler(Db db, TimeProvider clock) : IRequestHandler<Query, Result<List<RecommendedStudent>>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [SelectCandidates(StudentAccess.VisibleSql(Caller.Anonymous).Sql), .. MatchingFacts.Statements, .. StudentAccess.Statements, .. OpportunityQueries.Statements];

        public async ValueTask<Result<List<RecommendedStudent>>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var row = await OpportunityQueries.FindVisibleAsync(connection, query.Caller, query.OpportunityId, cancellationToken);
            if (row is null)
            {
                return Error.NotFound($"Opportunity {query.OpportunityId}");
            }

            if (!query.Caller.Has(Permission.PeopleRead))
            {
                return Error.Forbidden("Finding candidates needs access to student records (school and district staff, conveners).");
            }

            if (StudentFit.ForEducators(row))
            {
                return new List<RecommendedStudent>(); // a teacher externship is for educators: no student is a candidate
            }

            var opportunity = await OpportunityQueries.ToContractAsync(connection, row, query.Caller, cancellationToken);
            var (visible, parameters) = StudentAccess.VisibleSql(query.Caller);
            parameters.AddDynamicParams(new
            {
                row.RegionId,
                Audience = row.Audience,
                AudienceIds = DbIds.Of(opportunity.Fields.AudienceOrganizationIds.Select(Guid.Parse)),
            });
            var students = (await connection.QueryAsync<StudentRecord>(new CommandDefinition(SelectCandidates(visible), parameters, cancellationToken: cancellationToken))).ToList();
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var facts = await MatchingFacts.StudentsAsync(connection, students, today, cancellationToken);
            var left = await MatchingFacts.SeatsLeftAsync(connection, [(row.Id, row.Seats)], cancellationToken);
            var opportunityFacts = MatchingFacts.Opportunity(opportunity, left[row.Id]);
            var weights = (await MatchingFacts.SettingsAsync(connection, row.RegionId, cancellationToken)).Weights;

            return students
                .Where(s => Recommender.Eligible(facts[s.Id], opportunityFacts with { SeatsLeft = Math.Max(1, opportunityFacts.SeatsLeft) }, today))
                .Select(s =>
                {
                    var reasons = new List<Reason>();
                    var score = Recommender.Score(facts[s.Id], opportunityFacts, weights, reasons);
                    return (Student: s, Score: score, Reasons: reasons);
                })
                .OrderByDescending(x => x.Score).ThenBy(x => x.Student.Id)
                .Take(query.Limit)
                .Select(x => new RecommendedStudent
                {
                    StudentId = x.Student.Id.ToString("D"),
                    Name = $"{x.Student.PreferredName ?? x.Student.GivenName} {x.Student.FamilyName}",
                    SchoolName = x.Student.SchoolName,
                    Grade = x.Student.Grade,
                    Score = Math.Round(x.Score, 2),
                    Reasons = x.Reasons.Select(MatchingFacts.ToContract).ToList(),
                }).ToList();
        }
    private static string SelectCandidates(string visible) =>
        $"SELECT {StudentRecord.Columns} FROM {StudentRecord.From} WHERE p.kind = 'student' AND p.status = 'active' AND p.region_id = @RegionId AND {visible} " +
        "AND (@Audience = 'region' OR p.school_id IN (SELECT value FROM json_each(@AudienceIds)) OR p.district_id IN (SELECT value FROM json_each(@AudienceIds)))";
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/opportunities/{id:guid}/candidates", async Task<Answer<Ok<List<RecommendedStudent>>, Fails.Invalid, Fails.Forbidden, Fails.NotFound>> (Guid id, int? limit, Caller caller, IMediator mediator, CancellationToken ct) =>
                limit is < 1 or > 100
                    ? Error.Invalid(new Dictionary<string, string[]> { ["limit"] = ["limit must be between 1 and 100."] })
                    : (await mediator.Send(new Query(caller, id, limit ?? 20), ct)).Match(list => TypedResults.Ok(list)))
            .WithName("getCandidates")
            .WithSummary("Best-fit eligible students for an opportunity (coordinators)");
}
