using Dapper;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Matching;
using Mediator;

namespace LaunchPath.Api.Features.Matching.Rounds;

/// <summary>
/// GET /api/v1/match-rounds/{id}/placements — the round's proposed or published placements, for its managers.
/// </summary>
public static class ListRoundPlacements
{
    public sealed record Query(Caller Caller, Guid Id) : IRequest<Result<List<RoundPlacement>>>;

    private const string SelectPlacements =
        "SELECT pl.id, pl.student_id, p.given_name, p.preferred_name, p.family_name, pl.opportunity_id, op.title, pl.choice_rank, pl.status " +
        "FROM placements pl JOIN people p ON p.id = pl.student_id JOIN opportunities op ON op.id = pl.opportunity_id " +
        "WHERE pl.match_round_id = @Id ORDER BY op.title, p.family_name, p.given_name, pl.id";

    public sealed class Handler(Db db) : IRequestHandler<Query, Result<List<RoundPlacement>>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [SelectPlacements, .. MatchRoundRecord.Statements];

        public async ValueTask<Result<List<RoundPlacement>>> Handle(Query query, CancellationToken cancellationToken)
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

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/{id:guid}/placements", async Task<Answer<Ok<List<RoundPlacement>>, Fails.Forbidden, Fails.NotFound>> (Guid id, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Query(caller, id), ct)).Match(list => TypedResults.Ok(list)))
            .WithName("listRoundPlacements")
            .WithSummary("The round's proposed or published placements");
}
