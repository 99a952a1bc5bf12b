using Dapper;
using FluentValidation;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Matching;
using LaunchPath.Contracts.Organizations;
using Mediator;

namespace LaunchPath.Api.Features.Matching.Settings;

/// <summary>GET /api/v1/regions/{id}/matching-settings — the region's recommendation weights and round defaults.</summary>
public static class GetMatchingSettings
{
    public sealed record Query(Caller Caller, Guid RegionId) : IRequest<Result<MatchingSettings>>;

    public sealed class Handler(Db db) : IRequestHandler<Query, Result<MatchingSettings>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [.. MatchingFacts.Statements];

        public async ValueTask<Result<MatchingSettings>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            if (await RegionSettings.CheckReaderAsync(connection, query.Caller, query.RegionId, cancellationToken) is { } unseen)
            {
                return unseen;
            }

            return await MatchingFacts.SettingsAsync(connection, query.RegionId, cancellationToken);
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/regions/{id:guid}/matching-settings", async Task<Answer<Ok<MatchingSettings>, Fails.NotFound>> (Guid id, Caller caller, HttpResponse response, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Query(caller, id), ct)).Match(settings =>
                {
                    response.SetETag(settings.Version);
                    return TypedResults.Ok(settings);
                }))
            .WithName("getMatchingSettings")
            .WithSummary("The region's matching weights and round defaults");
}
