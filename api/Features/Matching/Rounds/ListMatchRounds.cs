using Dapper;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Matching;
using Mediator;

namespace LaunchPath.Api.Features.Matching.Rounds;

/// <summary>GET /api/v1/match-rounds — the 100 most recent rounds of the caller's regions.</summary>
public static class ListMatchRounds
{
    public sealed record Query(Caller Caller) : IRequest<List<MatchRound>>;

    private const string SelectRecent = "SELECT id FROM match_rounds WHERE @All = 1 OR region_id IN (SELECT value FROM json_each(@Regions)) ORDER BY created_at DESC, id DESC";

    public sealed class Handler(Db db) : IRequestHandler<Query, List<MatchRound>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [dialect.Limit(SelectRecent), .. MatchRoundRecord.Statements];

        public async ValueTask<List<MatchRound>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var regions = query.Caller.GrantsWith(Permission.OpportunitiesRead).Select(g => g.Organization.RegionId);
            var ids = await connection.QueryAsync<Guid>(new CommandDefinition(db.Dialect.Limit(SelectRecent),
                new { All = query.Caller.IsPlatformAdmin ? 1 : 0, Regions = DbIds.Of(regions), Take = 100 }, cancellationToken: cancellationToken));
            var rounds = new List<MatchRound>();
            foreach (var id in ids)
            {
                var (round, org, _) = await MatchRoundRecord.LoadAsync(connection, query.Caller, id, cancellationToken);
                if (round is not null)
                {
                    rounds.Add(await round.ToContractAsync(connection, query.Caller, org, cancellationToken));
                }
            }

            return rounds;
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/", async Task<Ok<List<MatchRound>>> (Caller caller, IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new Query(caller), ct)))
            .WithName("listMatchRounds")
            .WithSummary("The 100 most recent match rounds of your regions");
}
