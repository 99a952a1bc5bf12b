using Dapper;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.People;
using Mediator;

namespace LaunchPath.Api.Features.People;

/// <summary>PUT /api/v1/students/{id}/preferences — the student (or staff with PeopleWrite) sets interests, skills, availability, travel and consent.</summary>
public static class UpdateStudentPreferences
{
    public sealed record Command(Caller Caller, Guid Id, int? ExpectedVersion, StudentPreferences Body) : IRequest<Result<Student>>;

    public sealed class Handler(Db db, TimeProvider clock) : IRequestHandler<Command, Result<Student>>, ISqlSource
    {
        private const string Bump = "UPDATE people SET version = version + 1, updated_at = @Now WHERE id = @Id AND version = @Version";

        private const string Update =
            "UPDATE student_profiles SET career_interests = @career_interests, skills = @skills, availability = @availability, " +
            "transportation = @transportation, max_travel_minutes = @max_travel_minutes, prefers_paid = @prefers_paid, " +
            "wants_credit = @wants_credit, share_with_employers = @share_with_employers WHERE person_id = @Id";

        public static IEnumerable<string> Statements(SqlDialect dialect) => [Bump, Update, .. StudentAccess.Statements];

        public async ValueTask<Result<Student>> Handle(Command command, CancellationToken cancellationToken)
        {
            var caller = command.Caller;
            await using var connection = await db.OpenAsync(cancellationToken);
            var current = await StudentAccess.FindVisibleAsync(connection, caller, command.Id, cancellationToken);
            if (current is null)
            {
                return Error.NotFound($"Student {command.Id}");
            }

            if (!StudentAccess.IsSelf(caller, current) && !StudentAccess.CanWriteRecord(caller, current))
            {
                return Error.Forbidden("Only the student (or school staff) can change these preferences.");
            }

            if (command.ExpectedVersion is { } expected && expected != current.Version)
            {
                return Error.VersionMismatch;
            }

            var parameters = StudentRecord.PreferenceParameters(command.Body);
            parameters.AddDynamicParams(new { command.Id, current.Version, Now = clock.GetUtcNow() });
            await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
            {
                if (await connection.ExecuteAsync(new CommandDefinition(Bump, parameters, transaction, cancellationToken: cancellationToken)) == 0)
                {
                    return Error.VersionMismatch;
                }

                await connection.ExecuteAsync(new CommandDefinition(Update, parameters, transaction, cancellationToken: cancellationToken));
                await transaction.CommitAsync(cancellationToken);
            }

            var row = await StudentAccess.FindVisibleAsync(connection, Caller.System, command.Id, cancellationToken);
            return row!.ToContract(StudentAccess.CanSeeSubgroups(caller, row));
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPut("/{id:guid}/preferences", async Task<Answer<Ok<Student>, Fails.Forbidden, Fails.NotFound, Fails.Versioned>> (Guid id, StudentPreferences body, Caller caller, HttpRequest request, IMediator mediator, CancellationToken ct) =>
                await Concurrency.VersionedUpdate(request, expected => mediator.Send(new Command(caller, id, expected, body), ct), s => s.Version))
            .Validate<StudentPreferences>()
            .WithName("updateStudentPreferences")
            .WithSummary("Set a student's interests, availability, travel and consent");
}
