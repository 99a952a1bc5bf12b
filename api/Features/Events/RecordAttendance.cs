using Dapper;
using FluentValidation;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Events;
using Mediator;

namespace LaunchPath.Api.Features.Events;

/// <summary>
/// PUT /api/v1/event-sessions/{id}/attendance — the host, a curator, or school staff for their own students mark who
/// was there and who was not (the SPA sends "everyone present" less the exceptions), from an hour before the session
/// starts. Only students holding a seat can be marked; a later mark replaces an earlier one. Answers the roster.
/// </summary>
public static class RecordAttendance
{
    public sealed record Command(Caller Caller, Guid SessionId, RecordAttendanceRequest Body) : IRequest<Result<List<EventRegistration>>>;

    public sealed class Validator : AbstractValidator<RecordAttendanceRequest>
    {
        public Validator()
        {
            RuleFor(r => r.Present.Count + r.Absent.Count).LessThanOrEqualTo(5000).OverridePropertyName("present").WithMessage("At most 5,000 students at once.");
            RuleForEach(r => r.Present).NotEmpty().MustBeId();
            RuleForEach(r => r.Absent).NotEmpty().MustBeId();
            RuleFor(r => r).Must(r => !r.Present.Intersect(r.Absent, StringComparer.OrdinalIgnoreCase).Any()).WithName("absent").WithMessage("A student is either present or absent.");
        }
    }

    private const string SelectSeated = "SELECT student_id, permission FROM event_registrations WHERE session_id = @SessionId AND status = 'registered'";

    private const string Mark =
        "UPDATE event_registrations SET attendance = @Attendance, attendance_by_user_id = @UserId, attendance_at = @Now, updated_at = @Now " +
        "WHERE session_id = @SessionId AND student_id = @StudentId AND status = 'registered'";

    public sealed class Handler(Db db, TimeProvider clock) : IRequestHandler<Command, Result<List<EventRegistration>>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) =>
            [SelectSeated, Mark, .. EventSessionRecord.Statements, .. StudentAccess.Statements, .. ListSessionRegistrations.RosterStatements];

        public async ValueTask<Result<List<EventRegistration>>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var (loaded, error) = await EventSessionRecord.LoadAsync(connection, command.Caller, command.SessionId, cancellationToken);
            if (error is not null)
            {
                return error;
            }

            var now = clock.GetUtcNow();
            if (loaded!.Session.Cancelled)
            {
                return Error.Conflict("The session was cancelled.");
            }

            if (now < loaded.Session.StartsAt - EventSessionRecord.AttendanceOpensBefore)
            {
                return Error.Conflict("Attendance is taken from an hour before the session starts.");
            }

            var marks = command.Body.Present.Select(id => (Id: Guid.Parse(id), Attendance: "present"))
                .Concat(command.Body.Absent.Select(id => (Id: Guid.Parse(id), Attendance: "absent"))).ToList();
            var seated = (await connection.QueryAsync<(Guid StudentId, string? Permission)>(new CommandDefinition(SelectSeated, new { command.SessionId }, cancellationToken: cancellationToken)))
                .ToDictionary(r => r.StudentId, r => r.Permission);
            var problems = new List<string>();
            var visible = loaded.CanManage ? [] : await StudentAccess.FindVisibleAsync(connection, command.Caller, marks.Select(m => m.Id).ToList(), cancellationToken);
            foreach (var (id, attendance) in marks)
            {
                if (!seated.TryGetValue(id, out var permission))
                {
                    problems.Add($"{id} holds no seat in this session");
                }
                else if (attendance == "present" && permission is "pending" or "refused")
                {
                    problems.Add($"{id} has no guardian's permission for this trip ({permission})");
                }
                else if (!loaded.CanManage)
                {
                    // School staff mark their own students only (a student does not mark themself: they check in with the code).
                    var student = visible.GetValueOrDefault(id);
                    if (student is null || !command.Caller.PermissionsAt(StudentAccess.SchoolRef(student)).Contains(Contracts.Identity.Permission.PeopleRead))
                    {
                        problems.Add($"{id} is not a student whose attendance you may take");
                    }
                }
            }

            if (problems.Count > 0)
            {
                return Error.Unprocessable("Nothing was recorded: " + string.Join("; ", problems) + ".");
            }

            await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
            {
                await connection.ExecuteAsync(new CommandDefinition(Mark, marks.Select(m => new { command.SessionId, StudentId = m.Id, m.Attendance, command.Caller.UserId, Now = now }),
                    transaction, cancellationToken: cancellationToken));
                await transaction.CommitAsync(cancellationToken);
            }

            return await ListSessionRegistrations.ReadAsync(connection, command.Caller, loaded, now, cancellationToken);
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapPut("/event-sessions/{id:guid}/attendance", async Task<Answer<Ok<List<EventRegistration>>, Fails.Invalid, Fails.NotFound, Fails.Conflict, Fails.Unprocessable>> (
                    Guid id, RecordAttendanceRequest body, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Command(caller, id, body), ct)).Match(list => TypedResults.Ok(list)))
            .Validate<RecordAttendanceRequest>()
            .WithName("recordAttendance")
            .WithSummary("Take attendance: who was there, who was not")
            .WithDescription("The host or a curator for everyone seated; school staff for their own students. From an hour before the session starts. " +
                             "All or nothing: a student without a seat, or not yours, is a 422 and nothing is recorded.");
}
