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
/// GET /api/v1/students/{id}/recommendations — opportunities ranked for a student (career interests, continuum stage,
/// skills, distance, seats), each with the reasons.
/// </summary>
public static class RecommendForStudent
{
    public sealed record Query(Caller Caller, Guid StudentId, int Limit) : IRequest<Result<List<RecommendedOpportunity>>>;

    public sealed class Handler(Db db, TimeProvider clock, RegionOpportunities regionOpportunities) : IRequestHandler<Query, Result<List<RecommendedOpportunity>>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [.. MatchingFacts.Statements, .. StudentAccess.Statements, .. OpportunityQueries.Statements];

        public async ValueTask<Result<List<RecommendedOpportunity>>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var student = await StudentAccess.FindVisibleAsync(connection, query.Caller, query.StudentId, cancellationToken);
            if (student is null)
            {
                return Error.NotFound($"Student {query.StudentId}");
            }

            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var facts = (await MatchingFacts.StudentsAsync(connection, [student], today, cancellationToken))[student.Id];
            // The region's published opportunities (read at most every few seconds), those this student's school may see.
            var snapshot = await regionOpportunities.ForRegionAsync(student.RegionId, cancellationToken);
            var settings = await MatchingFacts.SettingsAsync(connection, student.RegionId, cancellationToken);

            // Only what this student's school may see; judged for the few opportunities the ranking looks at, not the region.
            var all = snapshot.Opportunities;
            var ranked = Recommender.Rank(facts, snapshot.Recommending, i => snapshot.OpenTo(i, student.SchoolId, student.DistrictId),
                settings.Weights, today, query.Limit);
            return ranked.Select(r =>
            {
                var entry = all[r.Index];
                return new RecommendedOpportunity
                {
                    Opportunity = entry.Record.ToContract(entry.Contract, entry.Audience, query.Caller),
                    Score = Math.Round(r.Score, 2),
                    SeatsLeft = entry.Facts.SeatsLeft,
                    Reasons = r.Reasons.Select(MatchingFacts.ToContract).ToList(),
                };
            }).ToList();
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/students/{id:guid}/recommendations", async Task<Answer<Ok<List<RecommendedOpportunity>>, Fails.Invalid, Fails.NotFound>> (Guid id, int? limit, Caller caller, IMediator mediator, CancellationToken ct) =>
                limit is < 1 or > 100
                    ? Error.Invalid(new Dictionary<string, string[]> { ["limit"] = ["limit must be between 1 and 100."] })
                    : (await mediator.Send(new Query(caller, id, limit ?? 20), ct)).Match(list => TypedResults.Ok(list)))
            .WithName("getRecommendations")
            .WithSummary("Recommended opportunities for a student, with reasons")
            .WithDescription("Only published opportunities the student is eligible for (grade, age, prerequisites, seats, dates, travel reach). limit 1–100, default 20.");
}
