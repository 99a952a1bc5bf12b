using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Messaging;
using Mediator;

namespace LaunchPath.Api.Features.Messages;

/// <summary>GET /api/v1/regions/{id}/message-settings — the region's time zone and when its reminders go out.</summary>
public static class GetMessageSettings
{
    public sealed record Query(Caller Caller, Guid RegionId) : IRequest<Result<MessageSettings>>;

    public sealed class Handler(Db db) : IRequestHandler<Query, Result<MessageSettings>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => MessageSettingsRecord.Statements;

        public async ValueTask<Result<MessageSettings>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            return await RegionSettings.CheckReaderAsync(connection, query.Caller, query.RegionId, cancellationToken) is { } unseen
                ? unseen
                : await MessageSettingsRecord.ReadAsync(connection, query.RegionId, cancellationToken);
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/regions/{id:guid}/message-settings", async Task<Answer<Ok<MessageSettings>, Fails.NotFound>> (Guid id, Caller caller, HttpResponse response, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Query(caller, id), ct)).Match(settings =>
                {
                    response.SetETag(settings.Version);
                    return TypedResults.Ok(settings);
                }))
            .WithName("getMessageSettings")
            .WithSummary("The region's time zone and reminder delays");
}
