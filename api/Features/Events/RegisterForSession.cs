using System.Data.Common;
using Dapper;
using FluentValidation;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Messaging;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Events;
using LaunchPath.Contracts.Opportunities;
using Mediator;

namespace LaunchPath.Api.Features.Events;

/// <summary>
/// POST /api/v1/event-sessions/{id}/registrations — a student registers themself, or a teacher or coordinator registers a
/// list of students or a whole class at once. Each student gets a seat while the session has one (the database's
/// conditional write decides, so two at once never overfill it), else a place on the waiting list; a student the event
/// is not open to (school audience, grade, age, earlier stage) is refused with the reason. One answer per student.
/// </summary>
public static class RegisterForSession
{
    public sealed record Command(Caller Caller, Guid SessionId, RegisterForSessionRequest Body) : IRequest<Result<List<RegistrationResult>>>;

    public const int MaxStudents = 500;

    public sealed class Validator : AbstractValidator<RegisterForSessionRequest>
    {
        public Validator()
        {
            RuleFor(r => r.StudentIds.Count).LessThanOrEqualTo(MaxStudents).OverridePropertyName("studentIds").WithMessage($"Register at most {MaxStudents} students at once.");
            RuleForEach(r => r.StudentIds).NotEmpty().MustBeId();
            RuleFor(r => r.ClassId).MustBeId();
            RuleFor(r => r).Must(r => r.StudentIds.Count > 0 || r.ClassId is not null).WithName("studentIds").WithMessage("Name the students, or the class, to register.");
        }
    }


    private const string SelectExisting = "SELECT status FROM event_registrations WHERE session_id = @SessionId AND student_id = @StudentId";

    /// <summary>A seat, only while one is left: the database holds the capacity.</summary>
    private const string TakeSeat =
        "UPDATE event_sessions SET registered = registered + 1, updated_at = @Now WHERE id = @SessionId AND status = 'scheduled' AND registered < capacity";

    private const string Insert =
        "INSERT INTO event_registrations (session_id, student_id, status, registered_by_user_id, created_at, updated_at, permission) " +
        "VALUES (@SessionId, @StudentId, @Status, @UserId, @Now, @Now, @Permission)";

    private const string Renew =
        "UPDATE event_registrations SET status = @Status, registered_by_user_id = @UserId, created_at = @Now, updated_at = @Now, attendance = NULL, attendance_by_user_id = NULL, " +
        "attendance_at = NULL, checked_in_at = NULL, permission = @Permission, permission_by = NULL, permission_at = NULL " +
        "WHERE session_id = @SessionId AND student_id = @StudentId AND status = 'cancelled'";

    public sealed class Handler(Db db, TimeProvider clock, Outbox outbox, PublicUrl publicUrl) : IRequestHandler<Command, Result<List<RegistrationResult>>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) =>
            [SelectExisting, TakeSeat, Insert, Renew, .. EventSessionRecord.Statements, .. StudentAccess.Statements, .. MatchingFacts.Statements, .. TripPermissions.Statements];

        public async ValueTask<Result<List<RegistrationResult>>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var (loaded, error) = await EventSessionRecord.LoadAsync(connection, command.Caller, command.SessionId, cancellationToken);
            if (error is not null)
            {
                return error;
            }

            var (session, opportunity, _) = loaded!;
            var now = clock.GetUtcNow();
            if (session.Cancelled)
            {
                return Error.Conflict("The session was cancelled.");
            }

            if (session.StartsAt <= now)
            {
                return Error.Conflict("The session has started; registration is closed.");
            }

            if (opportunity.OpportunityStatus != OpportunityStatus.Published)
            {
                return Error.Conflict($"The event is {opportunity.Status}; students register once it is published.");
            }

            var ids = command.Body.StudentIds.Select(Guid.Parse).ToList();
            if (command.Body.ClassId is { } classId)
            {
                ids.AddRange(await connection.QueryAsync<Guid>(new CommandDefinition(EventSessionRecord.SelectClassStudents, new { ClassId = Guid.Parse(classId) }, cancellationToken: cancellationToken)));
            }

            ids = ids.Distinct().ToList();
            if (ids.Count > MaxStudents)
            {
                return Error.Validation("studentIds", $"Register at most {MaxStudents} students at once.");
            }

            // Who may be registered, and whether the event is open to them, before anything is written.
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            var contract = await OpportunityQueries.ToContractAsync(connection, opportunity, Caller.System, cancellationToken);
            var results = new Dictionary<Guid, RegistrationResult>();
            var students = new List<StudentRecord>();
            var visible = await StudentAccess.FindVisibleAsync(connection, command.Caller, ids, cancellationToken);
            foreach (var id in ids)
            {
                var student = visible.GetValueOrDefault(id);
                if (student is null || !EventSessionRecord.ActsFor(command.Caller, student))
                {
                    results[id] = Refused(id, "No student you may register has this id.");
                }
                else if (!StudentFit.OpenTo(opportunity, contract, student))
                {
                    results[id] = Refused(id, "The event is not offered to the student's school.");
                }
                else
                {
                    students.Add(student);
                }
            }

            var facts = await MatchingFacts.StudentsAsync(connection, students, today, cancellationToken);
            foreach (var student in students)
            {
                // Seats are the session's, not the opportunity's: the engine's seat rule does not apply here.
                if (StudentFit.WhyIneligible(facts[student.Id], contract, 1, today) is { } why)
                {
                    results[student.Id] = Refused(student.Id, why.Detail);
                }
            }

            var asked = 0;
            await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
            {
                foreach (var student in students.Where(s => !results.ContainsKey(s.Id)))
                {
                    // A trip off campus: a student under 18 goes with a guardian's permission, asked by email now.
                    var permission = session.OffCampus && TripPermissions.Needed(student, DateOnly.FromDateTime(session.StartsAt.UtcDateTime)) ? "pending" : null;
                    results[student.Id] = await RegisterAsync(connection, transaction, command.Caller, session.Id, student.Id, permission, now, cancellationToken);
                    if (permission is not null && results[student.Id].Outcome is RegistrationOutcome.Registered or RegistrationOutcome.Waitlisted)
                    {
                        asked += await TripPermissions.AskAsync(connection, transaction, outbox, publicUrl.Current, session.Id, student.Id, now, cancellationToken);
                    }
                }

                await transaction.CommitAsync(cancellationToken);
            }

            if (asked > 0)
            {
                outbox.Wake();
            }

            return ids.Select(id => results[id]).ToList();
        }

        private static async Task<RegistrationResult> RegisterAsync(DbConnection connection, DbTransaction transaction, Caller caller, Guid sessionId, Guid studentId, string? permission,
            DateTimeOffset now, CancellationToken cancellationToken)
        {
            var key = new { SessionId = sessionId, StudentId = studentId };
            var existing = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(SelectExisting, key, transaction, cancellationToken: cancellationToken));
            if (existing is "registered" or "waitlisted")
            {
                return new RegistrationResult
                {
                    StudentId = studentId.ToString("D"),
                    Outcome = existing == "registered" ? RegistrationOutcome.AlreadyRegistered : RegistrationOutcome.AlreadyWaitlisted,
                };
            }

            var seated = await connection.ExecuteAsync(new CommandDefinition(TakeSeat, new { SessionId = sessionId, Now = now }, transaction, cancellationToken: cancellationToken)) == 1;
            var row = new { SessionId = sessionId, StudentId = studentId, Status = seated ? "registered" : "waitlisted", caller.UserId, Now = now, Permission = permission };
            await connection.ExecuteAsync(new CommandDefinition(existing is null ? Insert : Renew, row, transaction, cancellationToken: cancellationToken));
            return new RegistrationResult { StudentId = studentId.ToString("D"), Outcome = seated ? RegistrationOutcome.Registered : RegistrationOutcome.Waitlisted };
        }

        private static RegistrationResult Refused(Guid id, string reason) => new() { StudentId = id.ToString("D"), Outcome = RegistrationOutcome.Refused, Reason = reason };
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapPost("/event-sessions/{id:guid}/registrations", async Task<Answer<Ok<List<RegistrationResult>>, Fails.Invalid, Fails.NotFound, Fails.Conflict>> (
                    Guid id, RegisterForSessionRequest body, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Command(caller, id, body), ct)).Match(results => TypedResults.Ok(results)))
            .Validate<RegisterForSessionRequest>()
            .WithName("registerForSession")
            .WithSummary("Register students for a session (a seat, or the waiting list)")
            .WithDescription($"A student registers themself; school staff register a list of students or a class (classId: its active students), up to {MaxStudents} at once. " +
                             "Each student's outcome: registered, waitlisted, alreadyRegistered, alreadyWaitlisted, or refused with the reason (not one you may register, " +
                             "not offered to their school, grade, age, an earlier stage not done). Seats are taken in the order given.");
}
