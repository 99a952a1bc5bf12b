using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Messaging;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Messaging;
using Mediator;

namespace LaunchPath.Api.Features.Users;

/// <summary>
/// POST /api/v1/users/{id}/invitation — email the person a one-time link to choose their password (7 days); sent
/// again, the earlier link stops working. Creating an account without a password sends the first one.
/// </summary>
public static class InviteUser
{
    public sealed record Command(Caller Caller, Guid UserId, string BaseUrl) : IRequest<Result<SentMessage>>;

    public sealed class Handler(Db db, Outbox outbox, TimeProvider clock) : IRequestHandler<Command, Result<SentMessage>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [.. MessageRow.Statements, .. AccountLinks.Statements, .. UserRecord.Statements];

        public async ValueTask<Result<SentMessage>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var scope = command.Caller.Scope(Permission.UsersManage);
            var user = await UserRecord.IsVisibleAsync(connection, command.UserId, scope, cancellationToken)
                ? (await UserRecord.LoadAsync(connection, [command.UserId], scope, cancellationToken)).SingleOrDefault()
                : null;
            if (user is null)
            {
                return Error.NotFound($"User {command.UserId}");
            }

            if (user.Disabled)
            {
                return Error.Conflict("The account is disabled; enable it before inviting its owner.");
            }

            Guid messageId;
            await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
            {
                messageId = await AccountLinks.SendAsync(connection, transaction, outbox, AccountLinks.Invitation, command.UserId, command.BaseUrl, command.Caller.UserId,
                    clock.GetUtcNow(), cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            outbox.Wake();
            return (await MessageRow.LoadAsync(connection, [messageId], cancellationToken)).Single();
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/{id:guid}/invitation", async Task<Answer<Accepted<SentMessage>, Fails.NotFound, Fails.Conflict>> (Guid id, Caller caller, HttpRequest request, PublicUrl publicUrl,
                    IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Command(caller, id, publicUrl.For(request)), ct)).Match(message => TypedResults.Accepted((string?)null, message)))
            .WithName("inviteUser")
            .WithSummary("Email the person a link to choose their password")
            .WithDescription("The link works once, for 7 days; a new invitation retires the earlier link. Choosing a password signs out every earlier session.");
}
