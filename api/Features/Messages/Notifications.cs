using Dapper;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Messaging;
using Mediator;

namespace LaunchPath.Api.Features.Messages;

/// <summary>
/// The notification centre: every message LaunchPath sent to the signed-in person's address (their placements' steps,
/// decisions on their hours, reminders…), latest first, with the unread count; GET /api/v1/me/notifications, POST
/// .../{id}/read and .../read-all. Subjects and links to the record only: a message's text may have held a one-time
/// link, which is never shown again.
/// </summary>
public static class Notifications
{
    public sealed record ListQuery(Caller Caller) : IRequest<Result<NotificationList>>;

    public sealed record ReadCommand(Caller Caller, Guid? Id) : IRequest<Result<bool>>;

    private const int Take = 50;

    private static string SelectMine(SqlDialect dialect) =>
        dialect.Limit("SELECT id, template, subject, placement_id, created_at, read_at FROM messages WHERE recipient_normalized = @Me ORDER BY created_at DESC, id DESC");

    private const string CountUnread = "SELECT COUNT(*) FROM messages WHERE recipient_normalized = @Me AND read_at IS NULL";

    private const string MarkRead = "UPDATE messages SET read_at = @Now WHERE id = @Id AND recipient_normalized = @Me AND read_at IS NULL";

    private const string MarkAllRead = "UPDATE messages SET read_at = @Now WHERE recipient_normalized = @Me AND read_at IS NULL";

    private const string SelectMineById = "SELECT COUNT(*) FROM messages WHERE id = @Id AND recipient_normalized = @Me";

    public sealed class ListHandler(Db db) : IRequestHandler<ListQuery, Result<NotificationList>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [SelectMine(dialect), CountUnread, MarkRead, MarkAllRead, SelectMineById];

        public async ValueTask<Result<NotificationList>> Handle(ListQuery query, CancellationToken cancellationToken)
        {
            if (query.Caller.Email is not { Length: > 0 } email)
            {
                return new NotificationList { Unread = 0, Items = [] }; // an API key has no inbox
            }

            await using var connection = await db.OpenAsync(cancellationToken);
            var me = Accounts.Normalize(email);
            var rows = await connection.QueryAsync<Row>(new CommandDefinition(SelectMine(db.Dialect), new { Me = me, Take }, cancellationToken: cancellationToken));
            var unread = await connection.ExecuteScalarAsync<int>(new CommandDefinition(CountUnread, new { Me = me }, cancellationToken: cancellationToken));
            return new NotificationList
            {
                Unread = unread,
                Items = rows.Select(r => new Notification
                {
                    Id = r.Id.ToString("D"), Template = r.Template, Subject = r.Subject, PlacementId = r.PlacementId?.ToString("D"), CreatedAt = r.CreatedAt, ReadAt = r.ReadAt,
                }).ToList(),
            };
        }
    }

    public sealed class ReadHandler(Db db, TimeProvider clock) : IRequestHandler<ReadCommand, Result<bool>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [MarkRead, MarkAllRead, SelectMineById];

        public async ValueTask<Result<bool>> Handle(ReadCommand command, CancellationToken cancellationToken)
        {
            var me = command.Caller.Email is { Length: > 0 } email ? Accounts.Normalize(email) : "";
            await using var connection = await db.OpenAsync(cancellationToken);
            if (command.Id is not { } id)
            {
                await connection.ExecuteAsync(new CommandDefinition(MarkAllRead, new { Me = me, Now = clock.GetUtcNow() }, cancellationToken: cancellationToken));
                return true;
            }

            // Someone else's message is a 404, as if it did not exist; one already read stays as it was.
            if (await connection.ExecuteScalarAsync<int>(new CommandDefinition(SelectMineById, new { Id = id, Me = me }, cancellationToken: cancellationToken)) == 0)
            {
                return Error.NotFound($"Notification {id}");
            }

            await connection.ExecuteAsync(new CommandDefinition(MarkRead, new { Id = id, Me = me, Now = clock.GetUtcNow() }, cancellationToken: cancellationToken));
            return true;
        }
    }

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/me/notifications", async Task<Ok<NotificationList>> (Caller caller, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok((await mediator.Send(new ListQuery(caller), ct)).Value!))
            .WithName("listNotifications")
            .WithSummary("My notifications (the messages sent to me), latest first, with the unread count");
        api.MapPost("/me/notifications/{id:guid}/read", async Task<Answer<NoContent, Fails.NotFound>> (Guid id, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new ReadCommand(caller, id), ct)).Match(_ => TypedResults.NoContent()))
            .WithName("readNotification")
            .WithSummary("Mark one of my notifications read");
        api.MapPost("/me/notifications/read-all", async Task<NoContent> (Caller caller, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new ReadCommand(caller, null), ct);
                return TypedResults.NoContent();
            })
            .WithName("readAllNotifications")
            .WithSummary("Mark all my notifications read");
    }

    private sealed class Row
    {
        public Guid Id { get; set; }
        public string Template { get; set; } = "";
        public string Subject { get; set; } = "";
        public Guid? PlacementId { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset? ReadAt { get; set; }
    }
}
