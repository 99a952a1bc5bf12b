using Dapper;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Organizations;
using LaunchPath.Contracts.People;
using Mediator;

namespace LaunchPath.Api.Features.People;

/// <summary>
/// PUT /api/v1/students/{id} — replace the school's record of a student (If-Match). A student can move between schools
/// of the same district. Subgroups change only when sent, and only by callers allowed to see them.
/// </summary>
public static class UpdateStudent
{
    public sealed record Command(Caller Caller, Guid Id, int? ExpectedVersion, StudentRecordFields Body) : IRequest<Result<Student>>;

    public sealed class Handler(Db db, TimeProvider clock) : IRequestHandler<Command, Result<Student>>, ISqlSource
    {
        private const string UpdatePerson =
            "UPDATE people SET school_id = @SchoolId, sourced_id = @sourced_id, identifier = @identifier, given_name = @given_name, " +
            "family_name = @family_name, preferred_name = @preferred_name, preferred_language = @preferred_language, email = @email, " +
            "version = version + 1, updated_at = @Now " +
            "WHERE id = @Id AND version = @Version";

        private const string UpdateProfile =
            "UPDATE student_profiles SET grade = @grade, birth_date = @birth_date, pathway = @pathway, cte_concentrator = @cte_concentrator, " +
            "home_latitude = @home_latitude, home_longitude = @home_longitude, " +
            "english_learner = CASE WHEN @write_subgroups = 1 THEN @english_learner ELSE english_learner END, " +
            "student_with_disability = CASE WHEN @write_subgroups = 1 THEN @student_with_disability ELSE student_with_disability END, " +
            "socioeconomically_disadvantaged = CASE WHEN @write_subgroups = 1 THEN @socioeconomically_disadvantaged ELSE socioeconomically_disadvantaged END, " +
            "foster_youth = CASE WHEN @write_subgroups = 1 THEN @foster_youth ELSE foster_youth END, " +
            "race_ethnicity = CASE WHEN @write_subgroups = 1 THEN @race_ethnicity ELSE race_ethnicity END, " +
            "gender = CASE WHEN @write_subgroups = 1 THEN @gender ELSE gender END WHERE person_id = @Id";

        public static IEnumerable<string> Statements(SqlDialect dialect) => [UpdatePerson, UpdateProfile, CreateStudent.Handler.SelectDuplicate, .. StudentAccess.Statements];

        public async ValueTask<Result<Student>> Handle(Command command, CancellationToken cancellationToken)
        {
            var (caller, body) = (command.Caller, command.Body);
            await using var connection = await db.OpenAsync(cancellationToken);
            var current = await StudentAccess.FindVisibleAsync(connection, caller, command.Id, cancellationToken);
            if (current is null)
            {
                return Error.NotFound($"Student {command.Id}");
            }

            if (!StudentAccess.CanWriteRecord(caller, current))
            {
                return Error.Forbidden("Your role does not allow changing this student's record.");
            }

            var school = await Authorize.FindOrgAsync(connection, Guid.Parse(body.SchoolId), cancellationToken);
            if (school is null || school.Ref.Type != OrganizationType.School || school.Ref.DistrictId != current.DistrictId)
            {
                return Error.Unprocessable("A student can move only to another school of the same district.");
            }

            if (!caller.PermissionsAt(school.Ref).Contains(Permission.PeopleWrite))
            {
                return Error.Forbidden($"Your role does not allow adding students to {school.Name}.");
            }

            if (body.Subgroups is not null && !StudentAccess.CanSeeSubgroups(caller, current))
            {
                return Error.Forbidden("Your role does not allow recording equity subgroups.");
            }

            if (command.ExpectedVersion is { } expected && expected != current.Version)
            {
                return Error.VersionMismatch;
            }

            if (body.SourcedId is { } sourcedId && await connection.ExecuteScalarAsync<int>(new CommandDefinition(CreateStudent.Handler.SelectDuplicate,
                    new { current.DistrictId, SourcedId = sourcedId.Trim(), command.Id }, cancellationToken: cancellationToken)) > 0)
            {
                return CreateStudent.DuplicateSourcedId(sourcedId);
            }

            var parameters = StudentRecord.RecordParameters(body, writeSubgroups: body.Subgroups is not null);
            parameters.AddDynamicParams(new { command.Id, current.Version, SchoolId = school.Ref.Id, Now = clock.GetUtcNow() });
            await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
            {
                if (await connection.ExecuteAsync(new CommandDefinition(UpdatePerson, parameters, transaction, cancellationToken: cancellationToken)) == 0)
                {
                    return Error.VersionMismatch;
                }

                await connection.ExecuteAsync(new CommandDefinition(UpdateProfile, parameters, transaction, cancellationToken: cancellationToken));
                await transaction.CommitAsync(cancellationToken);
            }

            var row = await StudentAccess.FindVisibleAsync(connection, Caller.System, command.Id, cancellationToken);
            return row!.ToContract(StudentAccess.CanSeeSubgroups(caller, row));
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPut("/{id:guid}", async Task<Answer<Ok<Student>, Fails.Forbidden, Fails.NotFound, Fails.Conflict, Fails.Unprocessable, Fails.Versioned>> (Guid id, StudentRecordFields body, Caller caller, HttpRequest request, IMediator mediator, CancellationToken ct) =>
                await Concurrency.VersionedUpdate(request, expected => mediator.Send(new Command(caller, id, expected, body), ct), s => s.Version))
            .Validate<StudentRecordFields>()
            .WithName("updateStudent")
            .WithSummary("Update a student's school record");
}
