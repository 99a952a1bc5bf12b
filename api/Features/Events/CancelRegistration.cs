using Dapper;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using Mediator;

namespace LaunchPath.Api.Features.Events;

/// <summary>
/// DELETE /api/v1/event-sessions/{id}/registrations/{studentId} — the student, school staff for them, or the host takes a
/// student out of a session. A seat given back goes to the earliest on the waiting list, in the same transaction.
/// </summary>
public static class CancelRegistration
{
    public sealed record Command(Caller Caller, Guid SessionId, Guid StudentId) : IRequest<Result<bool>>;

    private const string CancelSeat =
        "UPDATE event_registrations SET status = 'cancelled', updated_at = @Now WHERE session_id = @SessionId AND student_id = @StudentId AND status = 'registered'";

    private const string CancelWaiting =
        "UPDATE event_registrations SET status = 'cancelled', updated_at = @Now WHERE session_id = @SessionId AND student_id = @StudentId AND status = 'waitlisted'";

    /// <summary>The earliest waiting student takes the seat (only if still waiting: two cancellations never promote one student twice).</summary>
    private static string Promote(SqlDialect dialect) =>
        "UPDATE event_registrations SET status = 'registered', updated_at = @Now WHERE session_id = @SessionId AND status = 'waitlisted' AND student_id = (" +
        dialect.Limit("SELECT w.student_id FROM event_registrations w WHERE w.session_id = @SessionId AND w.status = 'waitlisted' ORDER BY w.created_at, w.student_id", "1") + ")";

    private const string FreeSeat = "UPDATE event_sessions SET registered = registered - 1, updated_at = @Now WHERE id = @SessionId AND registered > 0";

    private const string SelectStudent = "SELECT student_id FROM event_registrations WHERE session_id = @SessionId AND student_id = @StudentId";

    public sealed class Handler(Db db, TimeProvider clock) : IRequestHandler<Command, Result<bool>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) =>
            [CancelSeat, CancelWaiting, Promote(dialect), FreeSeat, SelectStudent, .. EventSessionRecord.Statements, .. StudentAccess.Statements];

        public async ValueTask<Result<bool>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var (loaded, error) = await EventSessionRecord.LoadAsync(connection, command.Caller, command.SessionId, cancellationToken);
            if (error is not null)
            {
                return error;
            }

            var student = await StudentAccess.FindVisibleAsync(connection, command.Caller, command.StudentId, cancellationToken);
            var listed = await connection.ExecuteScalarAsync<Guid?>(new CommandDefinition(SelectStudent, new { command.SessionId, command.StudentId }, cancellationToken: cancellationToken));
            if (listed is null || (!loaded!.CanManage && (student is null || !EventSessionRecord.ActsFor(command.Caller, student))))
            {
                return Error.NotFound($"Registration of student {command.StudentId}");
            }

            var key = new { command.SessionId, command.StudentId, Now = clock.GetUtcNow() };
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            if (await connection.ExecuteAsync(new CommandDefinition(CancelSeat, key, transaction, cancellationToken: cancellationToken)) == 1)
            {
                if (loaded.Session.Cancelled
                    || await connection.ExecuteAsync(new CommandDefinition(Promote(db.Dialect), key, transaction, cancellationToken: cancellationToken)) == 0)
                {
                    await connection.ExecuteAsync(new CommandDefinition(FreeSeat, key, transaction, cancellationToken: cancellationToken));
                }
            }
            else if (await connection.ExecuteAsync(new CommandDefinition(CancelWaiting, key, transaction, cancellationToken: cancellationToken)) == 0)
            {
                return Error.Conflict("The student's registration is already cancelled.");
            }

            await transaction.CommitAsync(cancellationToken);
            return true;
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapDelete("/event-sessions/{id:guid}/registrations/{studentId:guid}", async Task<Answer<NoContent, Fails.NotFound, Fails.Conflict>> (
                    Guid id, Guid studentId, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Command(caller, id, studentId), ct)).Match(_ => TypedResults.NoContent()))
            .WithName("cancelRegistration")
            .WithSummary("Take a student out of a session (the seat goes to the waiting list)");
}
