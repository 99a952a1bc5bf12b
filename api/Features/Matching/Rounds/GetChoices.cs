using Dapper;
using FluentValidation;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Matching;
using LaunchPath.Contracts.Matching;
using LaunchPath.Contracts.Organizations;
using Mediator;

namespace LaunchPath.Api.Features.Matching.Rounds;

/// <summary>
/// GET /api/v1/match-rounds/{id}/choices/{studentId} — a student's ranked choices in a round; while it is open, what they
/// cannot rank and why; once published, their result.
/// </summary>
public static class GetChoices
{
    public sealed record Query(Caller Caller, Guid RoundId, Guid StudentId) : IRequest<Result<StudentChoices>>;

    private const string SelectRoundOpportunities = "SELECT opportunity_id FROM match_round_opportunities WHERE round_id = @RoundId";

    /// <summary>The placement a published round made for the student, whatever became of it since.</summary>
    private const string SelectResult = "SELECT id, opportunity_id FROM placements WHERE match_round_id = @RoundId AND student_id = @StudentId";

    public sealed class Handler(Db db, TimeProvider clock, RegionOpportunities regionOpportunities) : IRequestHandler<Query, Result<StudentChoices>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) =>
            [SelectRoundOpportunities, SelectResult, .. RoundInputs.Statements, .. RoundChoices.Statements, .. MatchRoundRecord.Statements, .. StudentAccess.Statements, .. MatchingFacts.Statements];

        public async ValueTask<Result<StudentChoices>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var (round, _, error) = await MatchRoundRecord.LoadAsync(connection, query.Caller, query.RoundId, cancellationToken);
            if (error is not null)
            {
                return error;
            }

            var student = await StudentAccess.FindVisibleAsync(connection, query.Caller, query.StudentId, cancellationToken);
            if (student is null)
            {
                return Error.NotFound($"Student {query.StudentId}");
            }

            var choices = await RoundChoices.ReadAsync(connection, round!.Id, query.StudentId, cancellationToken);
            if (round.RoundStatus == MatchRoundStatus.Published && choices.OpportunityIds.Count > 0)
            {
                var placed = await connection.QuerySingleOrDefaultAsync<ResultRow>(new CommandDefinition(SelectResult, new { RoundId = round.Id, StudentId = student.Id },
                    cancellationToken: cancellationToken));
                var result = new StudentRoundResult
                {
                    Matched = placed is not null, PlacementId = placed?.Id.ToString("D"), OpportunityId = placed?.OpportunityId.ToString("D"),
                };
                return choices with { Result = await ExplainAsync(round, student.Id, result, cancellationToken) };
            }

            return MatchRoundRecord.CheckOpen(round) is null && student.RegionId == round.RegionId
                ? choices with { Unavailable = await UnavailableAsync(connection, round.Id, student, cancellationToken) }
                : choices;
        }

        /// <summary>
        /// The student's lottery number and, for each choice down to the one they got, why it was or was not theirs, from
        /// the round's input as it ran (absent for rounds run before inputs were kept, and for students not in the run).
        /// </summary>
        private async Task<StudentRoundResult> ExplainAsync(MatchRoundRecord round, Guid studentId, StudentRoundResult result, CancellationToken cancellationToken)
        {
            var loaded = await RoundInputs.LoadAsync(db, round, cancellationToken);
            if (loaded is null || !loaded.EntryOf.TryGetValue(studentId, out var entry))
            {
                return result;
            }

            var reserveGroup = round.ReserveGroup is null ? (ReserveGroup?)null : DbEnum.Parse<ReserveGroup>(round.ReserveGroup);
            return result with
            {
                LotteryNumber = loaded.Lottery[entry] + 1,
                Students = loaded.Input.StudentCount,
                Entry = entry,
                Choices = loaded.Explanation.Explain(entry).Select(c => new ChoiceResult
                {
                    OpportunityId = loaded.OpportunityIds[c.Opportunity].ToString("D"),
                    Outcome = c.Outcome,
                    LastAdmittedLotteryNumber = c.Outcome == ChoiceOutcome.FilledByLottery ? loaded.Explanation.Cutoffs[c.Opportunity].LastLottery + 1 : null,
                    ReserveGroup = c.Outcome == ChoiceOutcome.ReservedSeats ? reserveGroup : null,
                }).ToList(),
            };
        }

        /// <summary>
        /// The round's opportunities the student cannot rank, by the rule SubmitChoices applies (audience, then the
        /// engine's eligibility; seats do not count, as the round gives its own), from the region's opportunity snapshot
        /// (at most a few seconds old: saving checks the database).
        /// </summary>
        private async Task<List<UnavailableChoice>> UnavailableAsync(System.Data.Common.DbConnection connection, Guid roundId, StudentRecord student,
            CancellationToken cancellationToken)
        {
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var facts = (await MatchingFacts.StudentsAsync(connection, [student], today, cancellationToken))[student.Id];
            var snapshot = await regionOpportunities.ForRegionAsync(student.RegionId, cancellationToken);
            var unavailable = new List<UnavailableChoice>();
            foreach (var id in await connection.QueryAsync<Guid>(new CommandDefinition(SelectRoundOpportunities, new { RoundId = roundId }, cancellationToken: cancellationToken)))
            {
                // Not in the snapshot (published a moment ago, or closed since): saving decides; nothing is said here.
                var why = !snapshot.ById.TryGetValue(id, out var entry) ? null
                    : !entry.OpenTo(student.SchoolId, student.DistrictId) ? StudentFit.NotOpenReason("not offered to the student's school")
                    : Recommender.WhyIneligible(facts, entry.Facts with { SeatsLeft = Math.Max(1, entry.Facts.SeatsLeft) }, today) is { } reason ? MatchingFacts.ToContract(reason) : null;
                if (why is not null)
                {
                    unavailable.Add(new UnavailableChoice { OpportunityId = id.ToString("D"), Reason = why.Detail, Why = why });
                }
            }

            return unavailable;
        }
    }

    private sealed class ResultRow
    {
        public Guid Id { get; set; }
        public Guid OpportunityId { get; set; }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/{id:guid}/choices/{studentId:guid}", async Task<Answer<Ok<StudentChoices>, Fails.NotFound>> (Guid id, Guid studentId, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Query(caller, id, studentId), ct)).Match(choices => TypedResults.Ok(choices)))
            .WithName("getChoices")
            .WithSummary("A student's ranked choices in a round");
}
