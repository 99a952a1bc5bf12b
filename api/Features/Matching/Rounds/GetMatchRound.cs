using Dapper;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Matching;
using Mediator;

namespace LaunchPath.Api.Features.Matching.Rounds;

/// <summary>
/// GET /api/v1/match-rounds/{id} — a round: status, progress while running, statistics once matched, and what the
/// caller may do with it.
/// </summary>
public static class GetMatchRound
{
    public sealed record Query(Caller Caller, Guid Id) : IRequest<Result<MatchRound>>;

    public sealed class Handler(Db db) : IRequestHandler<Query, Result<MatchRound>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [.. MatchRoundRecord.Statements];

        public async ValueTask<Result<MatchRound>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var (round, org, error) = await MatchRoundRecord.LoadAsync(connection, query.Caller, query.Id, cancellationToken);
            return error ?? (Result<MatchRound>)await round!.ToContractAsync(connection, query.Caller, org, cancellationToken);
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/{id:guid}", async Task<Answer<Ok<MatchRound>, Fails.NotFound>> (Guid id, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Query(caller, id), ct)).Match(round => TypedResults.Ok(round)))
            .WithName("getMatchRound")
            .WithSummary("A match round: status, progress while running, statistics once matched");
}
