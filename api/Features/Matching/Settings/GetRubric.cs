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

namespace LaunchPath.Api.Features.Matching.Settings;

/// <summary>
/// GET /api/v1/regions/{id}/rubric — the region's evaluation rubric (default: the California internship template).
/// </summary>
public static class GetRubric
{
    public sealed record Query(Caller Caller, Guid RegionId) : IRequest<Result<Rubric>>;

    public sealed class Handler(Db db) : IRequestHandler<Query, Result<Rubric>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [.. Rubrics.Statements];

        public async ValueTask<Result<Rubric>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            if (await RegionSettings.CheckReaderAsync(connection, query.Caller, query.RegionId, cancellationToken) is { } unseen)
            {
                return unseen;
            }

            return await Rubrics.ForRegionAsync(connection, query.RegionId, cancellationToken);
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapGet("/regions/{id:guid}/rubric", async Task<Answer<Ok<Rubric>, Fails.NotFound>> (Guid id, Caller caller, HttpResponse response, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Query(caller, id), ct)).Match(r =>
                {
                    response.SetETag(r.Version);
                    return TypedResults.Ok(r);
                }))
            .WithTags("Evaluations").WithName("getRubric").WithSummary("The region's evaluation rubric");
}
