using Dapper;
using FluentValidation;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Events;
using Mediator;

namespace LaunchPath.Api.Features.Events;

/// <summary>
/// PUT /api/v1/event-sessions/{id}/feedback — once a session has started: a student who was there rates it (1–5) and may
/// say in a few words what they learned or want to explore next (their school's staff read it; the host does not); the
/// host rates the session. Giving it again replaces it.
/// </summary>
public static class GiveEventFeedback
{
    public sealed record Command(Caller Caller, Guid SessionId, EventFeedbackRequest Body) : IRequest<Result<EventSession>>;

    public sealed class Validator : AbstractValidator<EventFeedbackRequest>
    {
        public Validator()
        {
            RuleFor(r => r.Rating).InclusiveBetween(1, 5);
            RuleFor(r => r.Reflection).MaximumLength(2000);
        }
    }

    private const string StudentFeedback =
        "UPDATE event_registrations SET rating = @Rating, reflection = @Reflection, feedback_at = @Now, updated_at = @Now " +
        "WHERE session_id = @SessionId AND attendance = 'present' AND student_id IN (SELECT p.id FROM people p WHERE p.user_id = @UserId)";

    private const string HostFeedback = "UPDATE event_sessions SET host_rating = @Rating, host_note = @Reflection, host_feedback_at = @Now WHERE id = @SessionId";

    public sealed class Handler(Db db, TimeProvider clock) : IRequestHandler<Command, Result<EventSession>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [StudentFeedback, HostFeedback, .. EventSessionRecord.Statements];

        public async ValueTask<Result<EventSession>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var (loaded, error) = await EventSessionRecord.LoadAsync(connection, command.Caller, command.SessionId, cancellationToken);
            if (error is not null)
            {
                return error;
            }

            var now = clock.GetUtcNow();
            if (loaded!.Session.Cancelled || now < loaded.Session.StartsAt)
            {
                return Error.Conflict("Feedback is given once the session has taken place.");
            }

            var values = new
            {
                command.SessionId, command.Body.Rating, Reflection = string.IsNullOrWhiteSpace(command.Body.Reflection) ? null : command.Body.Reflection.Trim(),
                command.Caller.UserId, Now = now,
            };
            var given = await connection.ExecuteAsync(new CommandDefinition(StudentFeedback, values, cancellationToken: cancellationToken));
            if (given == 0 && loaded.CanManage && command.Caller.Grants.Any(g => g.Organization.Id == loaded.Opportunity.EmployerId))
            {
                given = await connection.ExecuteAsync(new CommandDefinition(HostFeedback, values, cancellationToken: cancellationToken));
            }

            if (given == 0)
            {
                return Error.Unprocessable("Feedback comes from the students who were there and from the host.");
            }

            var (reloaded, _) = await EventSessionRecord.LoadAsync(connection, command.Caller, command.SessionId, cancellationToken);
            // A student's own rating is what they just gave; the host's is read back with the session.
            var mine = reloaded!.CanManage ? null : new EventSessionRecord.Mine(RegistrationStatus.Registered, true, command.Body.Rating);
            return reloaded.Session.ToContract(reloaded.Opportunity, reloaded.CanManage, mine, EventSessionRecord.SeesRatings(command.Caller));
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapPut("/event-sessions/{id:guid}/feedback", async Task<Answer<Ok<EventSession>, Fails.Invalid, Fails.NotFound, Fails.Conflict, Fails.Unprocessable>> (
                    Guid id, EventFeedbackRequest body, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Command(caller, id, body), ct)).Match(session => TypedResults.Ok(session)))
            .Validate<EventFeedbackRequest>()
            .WithName("giveEventFeedback")
            .WithSummary("Rate a session you attended (students) or hosted (the host)");
}
