using Dapper;
using FluentValidation;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Events;
using LaunchPath.Contracts.Identity;
using Mediator;

namespace LaunchPath.Api.Features.Events;

/// <summary>
/// PUT /api/v1/event-sessions/{id}/registrations/{studentId}/permission — school staff record a guardian's answer given
/// on a paper form (who gave it is kept), for a student whose trip needs one.
/// </summary>
public static class RecordTripPermission
{
    public sealed record Command(Caller Caller, Guid SessionId, Guid StudentId, RecordTripPermissionRequest Body) : IRequest<Result<List<EventRegistration>>>;

    public sealed class Validator : AbstractValidator<RecordTripPermissionRequest>
    {
        public Validator() => RuleFor(r => r.GivenBy).NotEmpty().MaximumLength(200);
    }

    public sealed class Handler(Db db, TimeProvider clock) : IRequestHandler<Command, Result<List<EventRegistration>>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [.. TripPermissions.Statements, .. EventSessionRecord.Statements, .. StudentAccess.Statements, .. ListSessionRegistrations.RosterStatements];

        public async ValueTask<Result<List<EventRegistration>>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var (loaded, error) = await EventSessionRecord.LoadAsync(connection, command.Caller, command.SessionId, cancellationToken);
            if (error is not null)
            {
                return error;
            }

            var student = await StudentAccess.FindVisibleAsync(connection, command.Caller, command.StudentId, cancellationToken);
            if (student is null || !command.Caller.PermissionsAt(StudentAccess.SchoolRef(student)).Contains(Permission.PeopleRead))
            {
                return Error.NotFound($"Student {command.StudentId}");
            }

            var now = clock.GetUtcNow();
            if (!await TripPermissions.DecideAsync(connection, null, command.SessionId, command.StudentId, command.Body.Granted, $"{command.Body.GivenBy.Trim()} (recorded by school staff)",
                    now, cancellationToken))
            {
                return Error.Conflict("This student's registration needs no guardian's permission (the trip stays on campus, or the student is 18).");
            }

            return await ListSessionRegistrations.ReadAsync(connection, command.Caller, loaded!, now, cancellationToken);
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapPut("/event-sessions/{id:guid}/registrations/{studentId:guid}/permission", async Task<Answer<Ok<List<EventRegistration>>, Fails.Invalid, Fails.NotFound, Fails.Conflict>> (
                    Guid id, Guid studentId, RecordTripPermissionRequest body, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Command(caller, id, studentId, body), ct)).Match(list => TypedResults.Ok(list)))
            .Validate<RecordTripPermissionRequest>()
            .WithName("recordTripPermission")
            .WithSummary("Record a guardian's permission given on paper (school staff)");
}
