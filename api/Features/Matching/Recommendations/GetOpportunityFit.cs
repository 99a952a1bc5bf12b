using Dapper;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Matching;
using LaunchPath.Contracts.Opportunities;
using LaunchPath.Matching;
using Mediator;

namespace LaunchPath.Api.Features.Matching.Recommendations;

/// <summary>
/// GET /api/v1/students/{id}/opportunities/{opportunityId}/fit — before a student applies: whether they may have the
/// opportunity (the rule applying enforces, from the same engine), why not, the reasons for and against it, the seats
/// left, and whether they have applied already. For whoever sees both the student and the opportunity.
/// </summary>
public static class GetOpportunityFit
{
    public sealed record Query(Caller Caller, Guid StudentId, Guid OpportunityId) : IRequest<Result<OpportunityFit>>;

    private const string SelectOpenPlacement =
        "SELECT id FROM placements WHERE student_id = @StudentId AND opportunity_id = @OpportunityId " +
        "AND status IN " + PlacementRules.OpenStatuses;

    public sealed class Handler(Db db, TimeProvider clock) : IRequestHandler<Query, Result<OpportunityFit>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) =>
            [SelectOpenPlacement, .. OpportunityRounds.Statements, .. MatchingFacts.Statements, .. StudentAccess.Statements, .. OpportunityQueries.Statements];

        public async ValueTask<Result<OpportunityFit>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var student = await StudentAccess.FindVisibleAsync(connection, query.Caller, query.StudentId, cancellationToken);
            if (student is null)
            {
                return Error.NotFound($"Student {query.StudentId}");
            }

            var row = await OpportunityQueries.FindVisibleAsync(connection, query.Caller, query.OpportunityId, cancellationToken);
            if (row is null)
            {
                return Error.NotFound($"Opportunity {query.OpportunityId}");
            }

            var opportunity = await OpportunityQueries.ToContractAsync(connection, row, query.Caller, cancellationToken);
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var seatsLeft = (await MatchingFacts.SeatsLeftAsync(connection, [(row.Id, row.Seats)], cancellationToken))[row.Id];
            var placementId = await connection.ExecuteScalarAsync<Guid?>(new CommandDefinition(SelectOpenPlacement,
                new { StudentId = student.Id, OpportunityId = row.Id }, cancellationToken: cancellationToken));
            var round = await OpportunityRounds.PendingAsync(connection, row.Id, cancellationToken);
            var fit = new OpportunityFit
            {
                Round = round is null ? null : new FitRound { RoundId = round.Id.ToString("D"), Name = round.Name, TakesChoices = round.TakesChoices },
                OpportunityId = row.Id.ToString("D"),
                StudentId = student.Id.ToString("D"),
                Eligible = false,
                Reasons = [],
                SeatsLeft = seatsLeft,
                PlacementId = placementId?.ToString("D"),
            };
            if (!StudentFit.OpenTo(row, opportunity, student))
            {
                return fit with { IneligibleReason = StudentFit.NotOpen, Ineligible = StudentFit.NotOpenReason() };
            }

            var facts = (await MatchingFacts.StudentsAsync(connection, [student], today, cancellationToken))[student.Id];
            if (StudentFit.WhyIneligible(facts, opportunity, seatsLeft, today) is { } why)
            {
                return fit with { IneligibleReason = why.Detail, Ineligible = MatchingFacts.ToContract(why) };
            }

            var opportunityFacts = MatchingFacts.Opportunity(opportunity, seatsLeft);

            var settings = await MatchingFacts.SettingsAsync(connection, student.RegionId, cancellationToken);
            var reasons = new List<Reason>();
            var score = Recommender.Score(facts, opportunityFacts, settings.Weights, reasons);
            return fit with { Eligible = true, Score = Math.Round(score, 2), Reasons = reasons.Select(MatchingFacts.ToContract).ToList() };
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/students/{id:guid}/opportunities/{opportunityId:guid}/fit", async Task<Answer<Ok<OpportunityFit>, Fails.NotFound>> (Guid id, Guid opportunityId, Caller caller,
                    IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Query(caller, id, opportunityId), ct)).Match(fit => TypedResults.Ok(fit)))
            .WithName("getOpportunityFit")
            .WithSummary("How an opportunity fits a student: eligible or why not, reasons, seats left, applied already")
            .WithDescription("The same rules applying enforces (POST /placements), from the same engine; never a copy in the client.");
}
