using Dapper;
using FluentValidation;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Events;
using LaunchPath.Contracts.Organizations;
using Mediator;

namespace LaunchPath.Api.Features.Events;

/// <summary>
/// POST /api/v1/classroom-requests — a teacher (or other school staff) asks for an industry professional for their
/// class: topic, career cluster, grade, when would suit, in person or online, and how it connects to the unit. It goes
/// on the request board of the region's employers; volunteers who speak on that cluster see it marked for them.
/// </summary>
public static class CreateClassroomRequestSlice
{
    public sealed record Command(Caller Caller, CreateClassroomRequest Body) : IRequest<Result<ClassroomRequest>>;

    public sealed class Validator : AbstractValidator<CreateClassroomRequest>
    {
        public Validator()
        {
            RuleFor(r => r.SchoolId).NotEmpty().MustBeId();
            RuleFor(r => r.ClassId).MustBeId();
            RuleFor(r => r.Topic).NotEmpty().MaximumLength(200);
            RuleFor(r => r.Grade).InclusiveBetween(6, 14);
            RuleFor(r => r.Students).InclusiveBetween(1, 500);
            RuleFor(r => r.PreferredTimes).NotEmpty().MaximumLength(1000);
            RuleFor(r => r.UnitConnection).NotEmpty().MaximumLength(2000);
        }
    }

    private const string ClassSize =
        "SELECT cl.school_id, (SELECT COUNT(*) FROM enrollments e WHERE e.class_id = cl.id AND e.role = 'student' AND e.status = 'active') AS students " +
        "FROM classes cl WHERE cl.id = @ClassId AND cl.status = 'active'";

    private const string Insert =
        "INSERT INTO classroom_requests (id, region_id, school_id, class_id, requested_by, topic, career_cluster, grade, students, preferred_times, modality, unit_connection, " +
        "status, created_at, updated_at) VALUES (@Id, @RegionId, @SchoolId, @ClassId, @UserId, @Topic, @Cluster, @Grade, @Students, @Preferred, @Modality, @Unit, 'open', @Now, @Now)";

    public sealed class Handler(Db db, TimeProvider clock) : IRequestHandler<Command, Result<ClassroomRequest>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [ClassSize, Insert, .. ClassroomRequestRecord.Statements];

        public async ValueTask<Result<ClassroomRequest>> Handle(Command command, CancellationToken cancellationToken)
        {
            var body = command.Body;
            await using var connection = await db.OpenAsync(cancellationToken);
            var school = await Authorize.FindOrgAsync(connection, Guid.Parse(body.SchoolId), cancellationToken);
            if (school is null || school.Ref.Type != OrganizationType.School || !Authorize.CanSee(command.Caller, school.Ref))
            {
                return Error.Validation("schoolId", "No school you may see has this id.");
            }

            if (command.Caller.UserId is not { } userId || !ClassroomRequestRecord.SchoolSide(command.Caller, school.Ref))
            {
                return Error.Forbidden("A school's teachers and coordinators ask for speakers for its classes.");
            }

            var students = body.Students;
            Guid? classId = body.ClassId is null ? null : Guid.Parse(body.ClassId);
            if (classId is not null)
            {
                var size = await connection.QuerySingleOrDefaultAsync<(Guid SchoolId, int Students)>(new CommandDefinition(ClassSize, new { ClassId = classId }, cancellationToken: cancellationToken));
                if (size.SchoolId != school.Ref.Id)
                {
                    return Error.Validation("classId", "No active class of this school has this id.");
                }

                students ??= Math.Max(1, size.Students);
            }

            if (students is null)
            {
                return Error.Validation("students", "Say about how many students, or name the class.");
            }

            var id = Guid.CreateVersion7();
            await connection.ExecuteAsync(new CommandDefinition(Insert, new
            {
                Id = id, school.Ref.RegionId, SchoolId = school.Ref.Id, ClassId = classId, UserId = userId, Topic = body.Topic.Trim(), Cluster = DbEnum.ToText(body.CareerCluster),
                body.Grade, Students = students, Preferred = body.PreferredTimes.Trim(), Modality = DbEnum.ToText(body.Modality), Unit = body.UnitConnection.Trim(), Now = clock.GetUtcNow(),
            }, cancellationToken: cancellationToken));
            var row = await ClassroomRequestRecord.FindAsync(connection, id, cancellationToken);
            return (await ClassroomRequestRecord.ToContractsAsync(connection, command.Caller, [row!], cancellationToken)).Single();
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapPost("/classroom-requests", async Task<Answer<Created<ClassroomRequest>, Fails.Invalid, Fails.Forbidden>> (CreateClassroomRequest body, Caller caller, IMediator mediator,
                    CancellationToken ct) =>
                (await mediator.Send(new Command(caller, body), ct)).Match(request => TypedResults.Created($"/api/v1/classroom-requests/{request.Id}", request)))
            .Validate<CreateClassroomRequest>()
            .WithName("createClassroomRequest")
            .WithSummary("Ask for an industry professional for a class");
}
