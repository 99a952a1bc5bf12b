using Dapper;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Jobs;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Matching;
using Mediator;

namespace LaunchPath.Api.Features.Matching.Rounds;

/// <summary>
/// POST /api/v1/match-rounds/{id}/publish — a matched round's proposed placements become approved (a student's
/// duplicate of an open placement is set aside); the round is frozen and the publication audited; each student's result
/// is then emailed (<see cref="SendRoundResults"/>).
/// </summary>
public static class PublishMatchRound
{
    public sealed record Command(Caller Caller, Guid Id) : IRequest<Result<MatchRound>>;

    private const string Freeze =
        "UPDATE match_rounds SET status = 'published', published_at = @Now, version = version + 1 WHERE id = @Id AND status = 'matched'";

    private const string SetAsideDuplicates =
        "UPDATE placements SET status = 'withdrawn', decision_reason = 'The student already had an open placement for this opportunity.', " +
        "version = version + 1, updated_at = @Now WHERE match_round_id = @Id AND status = 'proposed' AND EXISTS (SELECT 1 FROM placements other " +
        "WHERE other.student_id = placements.student_id AND other.opportunity_id = placements.opportunity_id AND other.status IN " + PlacementRules.OpenStatuses + ")";
    private const string Approve = "UPDATE placements SET status = 'approved', version = version + 1, updated_at = @Now WHERE match_round_id = @Id AND status = 'proposed'";

    private const string Audit =
        "INSERT INTO audit_log (id, at, actor, action, entity_type, entity_id, region_id, detail) VALUES (@AuditId, @Now, @Actor, 'publish', 'matchRound', @Id, @RegionId, @Detail)";

    public sealed class Handler(Db db, JobQueue jobs, TimeProvider clock) : IRequestHandler<Command, Result<MatchRound>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [Freeze, SetAsideDuplicates, Approve, Audit, .. MatchRoundRecord.Statements, .. JobQueue.Statements];

        public async ValueTask<Result<MatchRound>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var (round, org, error) = await MatchRoundRecord.LoadAsync(connection, command.Caller, command.Id, cancellationToken);
            if (error is not null)
            {
                return error;
            }

            if (MatchRoundRecord.CheckManager(command.Caller, org!) is { } denied)
            {
                return denied;
            }

            var now = clock.GetUtcNow();
            await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
            {
                if (await connection.ExecuteAsync(new CommandDefinition(Freeze, new { command.Id, Now = now }, transaction, cancellationToken: cancellationToken)) == 0)
                {
                    return Error.Conflict(round!.RoundStatus == MatchRoundStatus.Published
                        ? "The round is already published."
                        : "Run the round, and let it finish, before publishing it.");
                }

                int approved;
                try
                {
                    await connection.ExecuteAsync(new CommandDefinition(SetAsideDuplicates, new { command.Id, Now = now }, transaction, cancellationToken: cancellationToken));
                    approved = await connection.ExecuteAsync(new CommandDefinition(Approve, new { command.Id, Now = now }, transaction, cancellationToken: cancellationToken));
                }
                catch (System.Data.Common.DbException exception) when (db.Dialect.IsUniqueViolation(exception))
                {
                    // A student applied to a proposed opportunity while the round was being published: nothing is published.
                    return Error.Conflict("A student applied to one of the round's opportunities while it was being published. Publish again.");
                }

                await connection.ExecuteAsync(new CommandDefinition(Audit, new
                {
                    AuditId = Guid.CreateVersion7(),
                    Now = now,
                    Actor = command.Caller.UserId?.ToString("D") ?? $"apiKey:{command.Caller.ApiKeyId:D}",
                    command.Id,
                    round!.RegionId,
                    Detail = $"{approved} placements approved; seed {round.Seed}; run {round.Runs}",
                }, transaction, cancellationToken: cancellationToken));
                // Each student's result is emailed by a job queued with the publication (a region's round: 100k messages).
                await jobs.EnqueueAsync(connection, transaction, SendRoundResults.JobKind, command.Id, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            jobs.Wake();
            var published = (await MatchRoundRecord.FindAsync(connection, command.Id, cancellationToken))!;
            return await published.ToContractAsync(connection, command.Caller, org, cancellationToken);
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/{id:guid}/publish", async Task<Answer<Ok<MatchRound>, Fails.Forbidden, Fails.NotFound, Fails.Conflict>> (Guid id, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Command(caller, id), ct)).Match(round => TypedResults.Ok(round)))
            .WithName("publishMatchRound")
            .WithSummary("Publish a matched round: its proposed placements become approved");
}
