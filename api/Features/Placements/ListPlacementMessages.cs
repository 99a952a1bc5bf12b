using Dapper;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Messaging;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Messaging;
using LaunchPath.Contracts.Placements;
using Mediator;

namespace LaunchPath.Api.Features.Placements;

/// <summary>
/// GET /api/v1/placements/{id}/messages — the messages LaunchPath wrote about a placement and how their delivery went
/// (pending, sent, failed with the reason; held for, or sent in, the recipient's daily digest), for the school's staff;
/// never the messages' text, which may hold a link.
/// </summary>
public static class ListPlacementMessages
{
    public sealed record Query(Caller Caller, Guid Id) : IRequest<Result<List<SentMessage>>>;

    /// <summary>The placement's own messages, and those about several placements it is one of (a supervisor's hours email).</summary>
    private static readonly string Select =
        $"SELECT {MessageRow.Columns} FROM messages WHERE placement_id = @Id OR id IN (SELECT message_id FROM message_placements WHERE placement_id = @Id) " +
        "ORDER BY created_at DESC, id DESC";

    public sealed class Handler(Db db) : IRequestHandler<Query, Result<List<SentMessage>>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [Select, MessageRow.SelectDigestItemsOfPlacement, .. PlacementRecord.Statements];

        public async ValueTask<Result<List<SentMessage>>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var placement = await PlacementRecord.FindVisibleAsync(connection, query.Caller, query.Id, cancellationToken);
            if (placement is null)
            {
                return Error.NotFound($"Placement {query.Id}");
            }

            var part = await PlacementRules.PartOfAsync(connection, query.Caller, placement, cancellationToken);
            if (!PlacementRules.MayTake(PlacementAction.CreateLink, part))
            {
                return Error.Forbidden("The school's staff see the messages about a placement.");
            }

            var messages = await connection.QueryAsync<MessageRow>(new CommandDefinition(Select, new { query.Id }, cancellationToken: cancellationToken));
            var inDigests = await connection.QueryAsync<MessageRow>(new CommandDefinition(MessageRow.SelectDigestItemsOfPlacement, new { query.Id }, cancellationToken: cancellationToken));
            return messages.Concat(inDigests).OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Select(m => m.ToContract()).ToList();
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder placements) =>
        placements.MapGet("/{id:guid}/messages", async Task<Answer<Ok<List<SentMessage>>, Fails.Forbidden, Fails.NotFound>> (Guid id, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Query(caller, id), ct)).Match(messages => TypedResults.Ok(messages)))
            .WithName("listPlacementMessages")
            .WithSummary("The messages about a placement and their delivery");
}
