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
/// PUT /api/v1/match-rounds/{id}/choices/{studentId} — a student (or school staff for them) ranks their choices in an
/// open round, best first; each must be open to the student.
/// </summary>
public static class SubmitChoices
{
    public sealed record Command(Caller Caller, Guid RoundId, Guid StudentId, SubmitChoicesRequest Body) : IRequest<Result<StudentChoices>>;

    public sealed class ChoicesValidator : AbstractValidator<SubmitChoicesRequest>
    {
        public ChoicesValidator()
        {
            RuleFor(r => r.OpportunityIds).Must(ids => ids.Distinct().Count() == ids.Count).WithMessage("Rank each opportunity once.");
            RuleForEach(r => r.OpportunityIds).NotEmpty().MustBeId();
        }
    }

    private const string DeleteChoices = "DELETE FROM match_round_choices WHERE round_id = @RoundId AND student_id = @StudentId";

    private static readonly string SelectChosen =
        $"SELECT {OpportunityRecord.Columns} FROM {OpportunityRecord.From} WHERE op.id IN (SELECT value FROM json_each(@Ids))";

    private const string InsertChoice = "INSERT INTO match_round_choices (round_id, student_id, rank, opportunity_id) VALUES (@RoundId, @StudentId, @Rank, @OpportunityId)";

    /// <summary>The same choices as one row, the list a run reads (see migration 0021); written with the rows.</summary>
    private const string DeleteList = "DELETE FROM match_round_choice_lists WHERE round_id = @RoundId AND student_id = @StudentId";

    private const string InsertList = "INSERT INTO match_round_choice_lists (round_id, student_id, opportunity_ids) VALUES (@RoundId, @StudentId, @OpportunityIds)";

    /// <summary>The seats of the chosen opportunities in this round (never the whole round: a region's round has thousands).</summary>
    private const string SelectRoundSeats =
        "SELECT opportunity_id, seats FROM match_round_opportunities WHERE round_id = @RoundId AND opportunity_id IN (SELECT value FROM json_each(@Ids))";

    public sealed class Handler(Db db, TimeProvider clock) : IRequestHandler<Command, Result<StudentChoices>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [DeleteChoices, InsertChoice, DeleteList, InsertList, SelectRoundSeats, SelectChosen, .. OpportunityRecord.Statements, .. RoundChoices.Statements, .. MatchRoundRecord.Statements, .. StudentAccess.Statements, .. OpportunityQueries.Statements];

        public async ValueTask<Result<StudentChoices>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var (round, org, error) = await MatchRoundRecord.LoadAsync(connection, command.Caller, command.RoundId, cancellationToken);
            if (error is not null)
            {
                return error;
            }

            var student = await StudentAccess.FindVisibleAsync(connection, command.Caller, command.StudentId, cancellationToken);
            if (student is null)
            {
                return Error.NotFound($"Student {command.StudentId}");
            }

            if (!StudentAccess.IsSelf(command.Caller, student) && !StudentAccess.CanWriteRecord(command.Caller, student))
            {
                return Error.Forbidden("Only the student (or school staff with them) ranks the student's choices.");
            }

            if (MatchRoundRecord.CheckOpen(round!) is { } closed)
            {
                return closed;
            }

            if (student.RegionId != round!.RegionId || (org!.Ref.Type == OrganizationType.District && student.DistrictId != org.Ref.Id))
            {
                return Error.Unprocessable("This student is not in the round's region or district.");
            }

            var ids = command.Body.OpportunityIds.Select(Guid.Parse).ToList();
            if (ids.Count > round.MaxChoices)
            {
                return Error.Validation("opportunityIds", $"Rank at most {round.MaxChoices} opportunities in this round.");
            }

            var seats = (await connection.QueryAsync<SeatRow>(new CommandDefinition(SelectRoundSeats, new { RoundId = round.Id, Ids = DbIds.Of(ids) }, cancellationToken: cancellationToken)))
                .ToDictionary(r => r.OpportunityId, r => r.Seats);
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var facts = (await MatchingFacts.StudentsAsync(connection, [student], today, cancellationToken))[student.Id];
            // The chosen opportunities and their audiences in two queries, whatever the size of the round or region.
            var chosen = (await connection.QueryAsync<OpportunityRecord>(new CommandDefinition(SelectChosen, new { Ids = DbIds.Of(ids) }, cancellationToken: cancellationToken)))
                .ToDictionary(r => r.Id);
            var audiences = await OpportunityRecord.AudiencesAsync(connection, chosen.Keys.ToList(), null, cancellationToken);
            var problems = new List<string>();
            foreach (var id in ids)
            {
                if (!seats.TryGetValue(id, out var roundSeats) || !chosen.TryGetValue(id, out var row))
                {
                    problems.Add($"{id} is not in this round");
                    continue;
                }

                var opportunity = row.ToContract(audiences[id], command.Caller);
                var audience = opportunity.Fields.AudienceOrganizationIds.Select(Guid.Parse).ToList();
                if (opportunity.Fields.Audience != Contracts.Opportunities.AudienceScope.Region && !audience.Contains(student.SchoolId) && !audience.Contains(student.DistrictId))
                {
                    problems.Add($"{opportunity.Fields.Title}: not offered to the student's school");
                    continue;
                }

                if (Recommender.WhyIneligible(facts, MatchingFacts.Opportunity(opportunity, Math.Max(1, roundSeats)), today) is { } why)
                {
                    problems.Add($"{opportunity.Fields.Title}: {why.Detail}");
                }
            }

            if (problems.Count > 0)
            {
                return Error.Unprocessable("Some choices cannot be ranked: " + string.Join("; ", problems) + ".");
            }

            await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
            {
                await connection.ExecuteAsync(new CommandDefinition(DeleteChoices, new { RoundId = round.Id, command.StudentId }, transaction, cancellationToken: cancellationToken));
                await connection.ExecuteAsync(new CommandDefinition(DeleteList, new { RoundId = round.Id, command.StudentId }, transaction, cancellationToken: cancellationToken));
                if (ids.Count > 0)
                {
                    await connection.ExecuteAsync(new CommandDefinition(InsertList, new { RoundId = round.Id, command.StudentId, OpportunityIds = DbIds.Of(ids) }, transaction,
                        cancellationToken: cancellationToken));
                }

                using (var insert = new PreparedCommand(connection, transaction, db.Dialect, InsertChoice, "RoundId", "StudentId", "Rank", "OpportunityId"))
                {
                    for (var rank = 0; rank < ids.Count; rank++)
                    {
                        insert.Run(round.Id, command.StudentId, rank + 1, ids[rank]);
                    }
                }

                await transaction.CommitAsync(cancellationToken);
            }

            return await RoundChoices.ReadAsync(connection, round.Id, command.StudentId, cancellationToken);
        }
    private sealed class SeatRow
    {
        public Guid OpportunityId { get; set; }
        public int Seats { get; set; }
    }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPut("/{id:guid}/choices/{studentId:guid}", async Task<Answer<Ok<StudentChoices>, Fails.Invalid, Fails.Forbidden, Fails.NotFound, Fails.Conflict, Fails.Unprocessable>> (Guid id, Guid studentId, SubmitChoicesRequest body, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Command(caller, id, studentId, body), ct)).Match(choices => TypedResults.Ok(choices)))
            .Validate<SubmitChoicesRequest>()
            .WithName("submitChoices")
            .WithSummary("Rank a student's choices in an open round (best first)");
}
