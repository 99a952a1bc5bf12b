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

    /// <summary>
    /// The round's status, read in the write's transaction and held to its end (SQL Server: a shared lock, so
    /// submissions go on side by side while a run's closing write waits for them; SQLite has one writer at a time).
    /// </summary>
    private static string SelectStatusHeld(SqlDialect dialect) =>
        $"SELECT status FROM match_rounds{(dialect.Provider == DatabaseProvider.SqlServer ? " WITH (HOLDLOCK)" : "")} WHERE id = @Id";

    public sealed class Handler(Db db, TimeProvider clock) : IRequestHandler<Command, Result<StudentChoices>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [SelectStatusHeld(dialect), DeleteChoices, InsertChoice, DeleteList, InsertList, SelectRoundSeats, SelectChosen, .. OpportunityRecord.Statements, .. RoundChoices.Statements, .. MatchRoundRecord.Statements, .. StudentAccess.Statements, .. OpportunityQueries.Statements];

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
                if (StudentFit.ForEducators(row))
                {
                    problems.Add($"{opportunity.Fields.Title}: a teacher externship is for educators");
                    continue;
                }

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

            // Only while the round still takes choices: its run starts by changing its status in one write.
            bool written;
            await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
            {
                written = await WriteAsync(connection, transaction, db.Dialect, round.Id, command.StudentId, ids, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            if (!written)
            {
                return Error.Conflict("The round started running while these choices were being saved; nothing was changed. Try again when it has finished.");
            }

            return new StudentChoices { RoundId = round.Id.ToString("D"), StudentId = command.StudentId.ToString("D"), OpportunityIds = ids.Select(i => i.ToString("D")).ToList() };
        }

        private static async Task<bool> WriteAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, SqlDialect dialect, Guid roundId,
            Guid studentId, List<Guid> ids, CancellationToken cancellationToken)
        {
            var status = await connection.ExecuteScalarAsync<string>(new CommandDefinition(SelectStatusHeld(dialect), new { Id = roundId }, transaction, cancellationToken: cancellationToken));
            if (status is null || DbEnum.Parse<MatchRoundStatus>(status) is not (MatchRoundStatus.Open or MatchRoundStatus.Matched))
            {
                return false;
            }

            await connection.ExecuteAsync(new CommandDefinition(DeleteChoices, new { RoundId = roundId, StudentId = studentId }, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(DeleteList, new { RoundId = roundId, StudentId = studentId }, transaction, cancellationToken: cancellationToken));
            if (ids.Count > 0)
            {
                await connection.ExecuteAsync(new CommandDefinition(InsertList, new { RoundId = roundId, StudentId = studentId, OpportunityIds = DbIds.Of(ids) }, transaction,
                    cancellationToken: cancellationToken));
            }

            using var insert = new PreparedCommand(connection, transaction, dialect, InsertChoice, "RoundId", "StudentId", "Rank", "OpportunityId");
            for (var rank = 0; rank < ids.Count; rank++)
            {
                insert.Run(roundId, studentId, rank + 1, ids[rank]);
            }

            return true;
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
