using System.Security.Cryptography;
using System.Text;
using Dapper;
using FluentValidation;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Events;
using Mediator;

namespace LaunchPath.Api.Features.Events;

/// <summary>
/// POST /api/v1/event-sessions/{id}/check-in — a student with a seat checks in with the code shown at the event, from
/// 30 minutes before it starts to 30 minutes after it ends: they are marked present.
/// </summary>
public static class CheckIn
{
    public sealed record Command(Caller Caller, Guid SessionId, CheckInRequest Body) : IRequest<Result<EventRegistration>>;

    public sealed class Validator : AbstractValidator<CheckInRequest>
    {
        public Validator() => RuleFor(r => r.Code).NotEmpty().MaximumLength(16);
    }

    private const string SelectMine =
        "SELECT er.student_id, er.status, er.permission FROM event_registrations er JOIN people p ON p.id = er.student_id WHERE er.session_id = @SessionId AND p.user_id = @UserId";

    private const string Mark =
        "UPDATE event_registrations SET attendance = 'present', checked_in_at = @Now, attendance_at = @Now, attendance_by_user_id = @UserId, updated_at = @Now " +
        "WHERE session_id = @SessionId AND student_id = @StudentId AND status = 'registered'";

    public sealed class Handler(Db db, TimeProvider clock) : IRequestHandler<Command, Result<EventRegistration>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [SelectMine, Mark, .. EventSessionRecord.Statements, .. ListSessionRegistrations.RosterStatements];

        public async ValueTask<Result<EventRegistration>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var (loaded, error) = await EventSessionRecord.LoadAsync(connection, command.Caller, command.SessionId, cancellationToken);
            if (error is not null)
            {
                return error;
            }

            var mine = command.Caller.UserId is null
                ? default
                : await connection.QuerySingleOrDefaultAsync<(Guid StudentId, string Status, string? Permission)>(new CommandDefinition(SelectMine, new { command.SessionId, command.Caller.UserId },
                    cancellationToken: cancellationToken));
            if (mine.StudentId == Guid.Empty || mine.Status != "registered")
            {
                return Error.Conflict("Only a student with a seat in this session checks in.");
            }

            if (mine.Permission is "pending" or "refused")
            {
                return Error.Conflict("A guardian's permission for this trip is needed before you can check in; ask your school.");
            }

            var session = loaded!.Session;
            var now = clock.GetUtcNow();
            if (session.Cancelled || now < session.StartsAt - EventSessionRecord.CheckInWindow || now > session.EndsAt + EventSessionRecord.CheckInWindow)
            {
                return Error.Conflict("Check-in is open from 30 minutes before the session starts to 30 minutes after it ends.");
            }

            var given = Encoding.UTF8.GetBytes(command.Body.Code.Trim().ToUpperInvariant());
            if (!CryptographicOperations.FixedTimeEquals(given, Encoding.UTF8.GetBytes(session.CheckInCode)))
            {
                return Error.Unprocessable("That is not this session's code. Check the code shown at the event.");
            }

            await connection.ExecuteAsync(new CommandDefinition(Mark, new { command.SessionId, mine.StudentId, command.Caller.UserId, Now = now }, cancellationToken: cancellationToken));
            var roster = await ListSessionRegistrations.ReadAsync(connection, command.Caller, loaded with { CanManage = false }, now, cancellationToken);
            return roster.Single(r => r.StudentId == mine.StudentId.ToString("D"));
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapPost("/event-sessions/{id:guid}/check-in", async Task<Answer<Ok<EventRegistration>, Fails.Invalid, Fails.NotFound, Fails.Conflict, Fails.Unprocessable>> (
                    Guid id, CheckInRequest body, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Command(caller, id, body), ct)).Match(registration => TypedResults.Ok(registration)))
            .Validate<CheckInRequest>()
            .WithName("checkIn")
            .WithSummary("Check in to a session with its code (students)");
}
