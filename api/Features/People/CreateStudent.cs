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

/// <summary>POST /api/v1/students — add a student by hand (most arrive through roster sync).</summary>
public static class CreateStudent
{
    public sealed record Command(Caller Caller, StudentRecordFields Body) : IRequest<Result<Student>>;

    public sealed class Handler(Db db, TimeProvider clock) : IRequestHandler<Command, Result<Student>>, ISqlSource
    {
        internal const string SelectDuplicate = "SELECT COUNT(*) FROM people WHERE district_id = @DistrictId AND sourced_id = @SourcedId AND id <> @Id";

        private const string InsertPerson =
            "INSERT INTO people (id, kind, region_id, district_id, school_id, sourced_id, identifier, given_name, family_name, preferred_name, " +
            "preferred_language, email, status, version, created_at, updated_at) VALUES (@Id, 'student', @RegionId, @DistrictId, @SchoolId, @sourced_id, " +
            "@identifier, @given_name, @family_name, @preferred_name, @preferred_language, @email, 'active', 1, @Now, @Now)";

        private const string InsertProfile =
            "INSERT INTO student_profiles (person_id, grade, birth_date, pathway, cte_concentrator, home_latitude, home_longitude, career_interests, " +
            "skills, availability, english_learner, student_with_disability, socioeconomically_disadvantaged, foster_youth, race_ethnicity, gender) " +
            "VALUES (@Id, @grade, @birth_date, @pathway, @cte_concentrator, @home_latitude, @home_longitude, '[]', '[]', '[]', @english_learner, " +
            "@student_with_disability, @socioeconomically_disadvantaged, @foster_youth, @race_ethnicity, @gender)";

        public static IEnumerable<string> Statements(SqlDialect dialect) => [SelectDuplicate, InsertPerson, InsertProfile, .. StudentAccess.Statements];

        public async ValueTask<Result<Student>> Handle(Command command, CancellationToken cancellationToken)
        {
            var (caller, body) = (command.Caller, command.Body);
            await using var connection = await db.OpenAsync(cancellationToken);
            var school = await Authorize.FindOrgAsync(connection, Guid.Parse(body.SchoolId), cancellationToken);
            if (school is null || school.Ref.Type != OrganizationType.School || !Authorize.CanSee(caller, school.Ref))
            {
                return Error.Unprocessable($"School {body.SchoolId} was not found.");
            }

            var held = caller.PermissionsAt(school.Ref);
            if (!held.Contains(Permission.PeopleWrite))
            {
                return Error.Forbidden($"Your role does not allow adding students to {school.Name}.");
            }

            if (body.Subgroups is not null && !held.Contains(Permission.SubgroupsRead))
            {
                return Error.Forbidden("Your role does not allow recording equity subgroups.");
            }

            var id = Guid.CreateVersion7();
            var parameters = StudentRecord.RecordParameters(body, writeSubgroups: true);
            parameters.AddDynamicParams(new { Id = id, school.Ref.RegionId, DistrictId = school.Ref.DistrictId, SchoolId = school.Ref.Id, Now = clock.GetUtcNow() });
            if (body.SourcedId is { } sourcedId && await connection.ExecuteScalarAsync<int>(new CommandDefinition(SelectDuplicate,
                    new { DistrictId = school.Ref.DistrictId, SourcedId = sourcedId.Trim(), Id = id }, cancellationToken: cancellationToken)) > 0)
            {
                return DuplicateSourcedId(sourcedId);
            }

            try
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await connection.ExecuteAsync(new CommandDefinition(InsertPerson, parameters, transaction, cancellationToken: cancellationToken));
                await connection.ExecuteAsync(new CommandDefinition(InsertProfile, parameters, transaction, cancellationToken: cancellationToken));
                await transaction.CommitAsync(cancellationToken);
            }
            catch (System.Data.Common.DbException exception) when (db.Dialect.IsUniqueViolation(exception))
            {
                return DuplicateSourcedId(body.SourcedId ?? "");
            }

            var row = await StudentAccess.FindVisibleAsync(connection, Caller.System, id, cancellationToken);
            return row!.ToContract(StudentAccess.CanSeeSubgroups(caller, row));
        }
    }

    internal static Error DuplicateSourcedId(string sourcedId) => Error.Conflict($"Another person in this district already has sourcedId '{sourcedId}'.");

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/", async Task<Answer<Created<Student>, Fails.Invalid, Fails.Forbidden, Fails.Conflict, Fails.Unprocessable>> (StudentRecordFields body, Caller caller, IMediator mediator, HttpResponse response, CancellationToken ct) =>
                (await mediator.Send(new Command(caller, body), ct)).Match(student =>
                {
                    response.SetETag(student.Version);
                    return TypedResults.Created($"/api/v1/students/{student.Id}", student);
                }))
            .Validate<StudentRecordFields>()
            .WithName("createStudent")
            .WithSummary("Add a student");
}
