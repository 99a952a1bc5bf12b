using System.Data.Common;
using Dapper;
using FluentValidation;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Organizations;
using LaunchPath.Contracts.Placements;
using Mediator;

namespace LaunchPath.Api.Features.Placements.Evaluations;

/// <summary>GET /api/v1/placements/{id}/evaluations — a placement's evaluations, midpoint first.</summary>
public static class ListEvaluations
{
    public sealed record Query(Caller Caller, Guid PlacementId) : IRequest<Result<List<Evaluation>>>;

    public sealed class Handler(Db db) : IRequestHandler<Query, Result<List<Evaluation>>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [.. PlacementRecord.Statements, .. PlacementEvidence.Statements];

        public async ValueTask<Result<List<Evaluation>>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            return await PlacementRecord.FindVisibleAsync(connection, query.Caller, query.PlacementId, cancellationToken) is null
                ? Error.NotFound($"Placement {query.PlacementId}")
                : await PlacementEvidence.EvaluationsAsync(connection, query.PlacementId, cancellationToken);
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapGet("/placements/{id:guid}/evaluations", async Task<Answer<Ok<List<Evaluation>>, Fails.NotFound>> (Guid id, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Query(caller, id), ct)).Match(list => TypedResults.Ok(list)))
            .WithTags("Evaluations").WithName("listEvaluations").WithSummary("A placement's evaluations");
}
