using Dapper;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Events;
using Mediator;

namespace LaunchPath.Api.Features.Events;

/// <summary>POST /api/v1/event-sessions/{id}/cancel — the host or a curator calls a session off; its registrations stay on record, and nobody more can register.</summary>
public static class CancelEventSession
{
    public sealed record Command(Caller Caller, Guid Id) : IRequest<Result<EventSession>>;

    private const string Cancel = "UPDATE event_sessions SET status = 'cancelled', updated_at = @Now WHERE id = @Id AND status = 'scheduled'";

    public sealed class Handler(Db db, TimeProvider clock) : IRequestHandler<Command, Result<EventSession>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [Cancel, .. EventSessionRecord.Statements];

        public async ValueTask<Result<EventSession>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var (loaded, error) = await EventSessionRecord.LoadAsync(connection, command.Caller, command.Id, cancellationToken);
            if (error is not null)
            {
                return error;
            }

            if (!loaded!.CanManage)
            {
                return Error.Forbidden("Only the host or a curator cancels a session.");
            }

            if (await connection.ExecuteAsync(new CommandDefinition(Cancel, new { command.Id, Now = clock.GetUtcNow() }, cancellationToken: cancellationToken)) == 0)
            {
                return Error.Conflict("The session is already cancelled.");
            }

            (loaded, _) = await EventSessionRecord.LoadAsync(connection, command.Caller, command.Id, cancellationToken);
            return loaded!.Session.ToContract(loaded.Opportunity, loaded.CanManage, null);
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapPost("/event-sessions/{id:guid}/cancel", async Task<Answer<Ok<EventSession>, Fails.Forbidden, Fails.NotFound, Fails.Conflict>> (Guid id, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Command(caller, id), ct)).Match(session => TypedResults.Ok(session)))
            .WithName("cancelEventSession")
            .WithSummary("Cancel a session");
}
