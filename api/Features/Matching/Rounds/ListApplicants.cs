using Dapper;
using FluentValidation;
using System.Security.Cryptography;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Matching;
using LaunchPath.Contracts.Organizations;
using Mediator;

namespace LaunchPath.Api.Features.Matching.Rounds;

/// <summary>
/// GET /api/v1/match-rounds/{id}/opportunities/{opportunityId}/applicants — the opportunity's applicants in the round,
/// for its employer's staff (pseudonymous without consent) or the round's managers.
/// </summary>
public static class ListApplicants
{
    public sealed record Query(Caller Caller, Guid RoundId, Guid OpportunityId) : IRequest<Result<List<RoundApplicant>>>;

    public sealed class Handler(Db db, TimeProvider clock, SigningKeys signingKeys) : IRequestHandler<Query, Result<List<RoundApplicant>>>, ISqlSource
    {
        private readonly byte[] _key = RoundApplicants.PseudonymKey(signingKeys);

        public static IEnumerable<string> Statements(SqlDialect dialect) => [.. RoundApplicants.Statements];

        public async ValueTask<Result<List<RoundApplicant>>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var access = await RoundApplicants.CheckAsync(connection, query.Caller, query.RoundId, query.OpportunityId, cancellationToken);
            return access.Error ?? (Result<List<RoundApplicant>>)await RoundApplicants.ListAsync(connection, query.Caller, query.RoundId, query.OpportunityId, access.EmployerId, _key, clock.GetUtcNow(), cancellationToken);
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/{id:guid}/opportunities/{opportunityId:guid}/applicants", async Task<Answer<Ok<List<RoundApplicant>>, Fails.Forbidden, Fails.NotFound>> (Guid id, Guid opportunityId, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Query(caller, id, opportunityId), ct)).Match(list => TypedResults.Ok(list)))
            .WithName("listRoundApplicants")
            .WithSummary("Students who ranked an opportunity in a round (what the employer may see)");
}
