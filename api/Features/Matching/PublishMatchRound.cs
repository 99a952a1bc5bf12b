using Dapper;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Matching;
using Mediator;

namespace LaunchPath.Api.Features.Matching;

/// <summary>
/// GET /api/v1/match-rounds/{id}/placements — the round's proposed (or published) placements, for its manager.
/// POST /api/v1/match-rounds/{id}/publish — the proposed placements become approved placements; the round is frozen
/// and the publication is written to the audit log.
/// </summary>
public static class PublishMatchRound
{
    public sealed record Publish(Caller Caller, Guid Id) : IRequest<Result<MatchRound>>;

    public sealed record Placements(Caller Caller, Guid Id) : IRequest<Result<List<RoundPlacement>>>;

    private const string Freeze =
        "UPDATE match_rounds SET status = 'published', published_at = @Now, version = version + 1 WHERE id = @Id AND status = 'matched'";

    private const string OpenStatuses = "('requested', 'accepted', 'approved', 'agreementPending', 'active')";

    /// <summary>A proposal for a student who already has an open placement for that opportunity (an application) is not approved twice.</summary>
    private const string SetAsideDuplicates =
        "UPDATE placements SET status = 'withdrawn', decision_reason = 'The student already had an open placement for this opportunity.', " +
        "version = version + 1, updated_at = @Now WHERE match_round_id = @Id AND status = 'proposed' AND EXISTS (SELECT 1 FROM placements other " +
        "WHERE other.student_id = placements.student_id AND other.opportunity_id = placements.opportunity_id AND other.status IN " + OpenStatuses + ")";

    private const string Approve = "UPDATE placements SET status = 'approved', version = version + 1, updated_at = @Now WHERE match_round_id = @Id AND status = 'proposed'";

    private const string Audit =
        "INSERT INTO audit_log (id, at, actor, action, entity_type, entity_id, region_id, detail) VALUES (@AuditId, @Now, @Actor, 'publish', 'matchRound', @Id, @RegionId, @Detail)";

    private const string SelectPlacements =
        "SELECT pl.id, pl.student_id, p.given_name, p.preferred_name, p.family_name, pl.opportunity_id, op.title, pl.choice_rank, pl.status " +
        "FROM placements pl JOIN people p ON p.id = pl.student_id JOIN opportunities op ON op.id = pl.opportunity_id " +
        "WHERE pl.match_round_id = @Id ORDER BY op.title, p.family_name, p.given_name, pl.id";

    public sealed class Handler(Db db, TimeProvider clock) : IRequestHandler<Publish, Result<MatchRound>>, IRequestHandler<Placements, Result<List<RoundPlacement>>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [Freeze, SetAsideDuplicates, Approve, Audit, SelectPlacements, .. MatchRoundRecord.Statements];

        public async ValueTask<Result<MatchRound>> Handle(Publish command, CancellationToken cancellationToken)
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
                await transaction.CommitAsync(cancellationToken);
            }

            var published = (await MatchRoundRecord.FindAsync(connection, command.Id, cancellationToken))!;
            return await published.ToContractAsync(connection, command.Caller, org, cancellationToken);
        }

        public async ValueTask<Result<List<RoundPlacement>>> Handle(Placements query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var (_, org, error) = await MatchRoundRecord.LoadAsync(connection, query.Caller, query.Id, cancellationToken);
            if (error is not null)
            {
                return error;
            }

            if (MatchRoundRecord.CheckManager(query.Caller, org!) is { } denied)
            {
                return denied;
            }

            var rows = await connection.QueryAsync<Row>(new CommandDefinition(SelectPlacements, new { query.Id }, cancellationToken: cancellationToken));
            return rows.Select(r => new RoundPlacement
            {
                PlacementId = r.Id.ToString("D"),
                StudentId = r.StudentId.ToString("D"),
                StudentName = $"{r.PreferredName ?? r.GivenName} {r.FamilyName}",
                OpportunityId = r.OpportunityId.ToString("D"),
                OpportunityTitle = r.Title,
                ChoiceRank = r.ChoiceRank,
                Status = r.Status,
            }).ToList();
        }
    }

    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapPost("/{id:guid}/publish", async (Guid id, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Publish(caller, id), ct)).Match(round => TypedResults.Ok(round)))
            .WithName("publishMatchRound")
            .WithSummary("Publish a matched round: its proposed placements become approved")
            .Produces<MatchRound>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id:guid}/placements", async (Guid id, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Placements(caller, id), ct)).Match(list => TypedResults.Ok(list)))
            .WithName("listRoundPlacements")
            .WithSummary("The round's proposed or published placements")
            .Produces<List<RoundPlacement>>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private sealed class Row
    {
        public Guid Id { get; set; }
        public Guid StudentId { get; set; }
        public string GivenName { get; set; } = "";
        public string? PreferredName { get; set; }
        public string FamilyName { get; set; } = "";
        public Guid OpportunityId { get; set; }
        public string Title { get; set; } = "";
        public int ChoiceRank { get; set; }
        public string Status { get; set; } = "";
    }
}
