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

/// <summary>
/// GET /api/v1/placements/{id}/reflections — a placement's reflections, for the student, guardians and school staff
/// (never the employer).
/// </summary>
public static class ListReflections
{
    public sealed record Query(Caller Caller, Guid PlacementId) : IRequest<Result<List<Reflection>>>;

    public sealed class Handler(Db db) : IRequestHandler<Query, Result<List<Reflection>>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [.. PlacementRecord.Statements, .. PlacementEvidence.Statements];

        public async ValueTask<Result<List<Reflection>>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var placement = await PlacementRecord.FindVisibleAsync(connection, query.Caller, query.PlacementId, cancellationToken);
            if (placement is null || placement.ViewedAsEmployer(query.Caller))
            {
                return Error.NotFound($"Placement {query.PlacementId}");
            }

            return await PlacementEvidence.ReflectionsAsync(connection, placement.Id, cancellationToken);
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapGet("/placements/{id:guid}/reflections", async Task<Answer<Ok<List<Reflection>>, Fails.NotFound>> (Guid id, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Query(caller, id), ct)).Match(list => TypedResults.Ok(list)))
            .WithTags("Evaluations").WithName("listReflections").WithSummary("A placement's reflections (not shown to employers)");
}
