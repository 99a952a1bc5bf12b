using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Matching;
using Mediator;

namespace LaunchPath.Api.Features.Matching.Rounds;

/// <summary>
/// GET /api/v1/match-rounds/{id}/published — once a round is published, its seed and salt (to check against the
/// commitment made when it opened) and its anonymised input and result: anyone who can see the round can re-run the
/// engine on it and get the same assignment. No student identity: entries are students in the engine's order, and a
/// student finds their own entry in their result.
/// </summary>
public static class GetPublishedRound
{
    public sealed record Query(Caller Caller, Guid Id) : IRequest<Result<PublishedRound>>;

    public sealed class Handler(Db db) : IRequestHandler<Query, Result<PublishedRound>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [.. MatchRoundRecord.Statements, .. RoundInputs.Statements];

        public async ValueTask<Result<PublishedRound>> Handle(Query query, CancellationToken cancellationToken)
        {
            MatchRoundRecord round;
            await using (var connection = await db.OpenAsync(cancellationToken))
            {
                var (found, _, error) = await MatchRoundRecord.LoadAsync(connection, query.Caller, query.Id, cancellationToken);
                if (error is not null)
                {
                    return error;
                }

                round = found!;
            }

            if (round.RoundStatus != Contracts.Matching.MatchRoundStatus.Published)
            {
                return Error.Conflict("The round's seed and input are published with its results; it is not published yet.");
            }

            var loaded = await RoundInputs.LoadAsync(db, round, cancellationToken);
            return loaded is null || round.SeedSalt is null
                ? Error.NotFound($"The published input of match round {query.Id} (it ran before rounds kept their input)")
                : loaded.Publish(round);
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/{id:guid}/published", async Task<Answer<Ok<PublishedRound>, Fails.NotFound, Fails.Conflict>> (Guid id, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Query(caller, id), ct)).Match(round => TypedResults.Ok(round)))
            .WithName("getPublishedRound")
            .WithSummary("A published round's seed and anonymised input and result, to re-derive it")
            .WithDescription("409 until the round is published. Check sha256(\"launchpath-round:{id}:{seed}:{seedSalt}\") against the round's seedCommitment, " +
                             "then run LaunchPath.Matching's DeferredAcceptance.Run on the entries with the seed: it gives the assignment shown.");
}
