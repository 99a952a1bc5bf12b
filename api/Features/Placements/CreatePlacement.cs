using Dapper;
using FluentValidation;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Messaging;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Matching;
using LaunchPath.Contracts.Opportunities;
using LaunchPath.Contracts.Placements;
using Mediator;

namespace LaunchPath.Api.Features.Placements;

/// <summary>
/// POST /api/v1/placements — a student applies to a published opportunity, or school staff nominate a student. The
/// student must be eligible and in the opportunity's audience; one open placement per student and opportunity.
/// </summary>
public static class CreatePlacement
{
    public sealed record Command(Caller Caller, CreatePlacementRequest Body) : IRequest<Result<Placement>>;

    public sealed class Validator : AbstractValidator<CreatePlacementRequest>
    {
        public Validator()
        {
            RuleFor(r => r.OpportunityId).NotEmpty().MustBeId();
            RuleFor(r => r.StudentId).NotEmpty().MustBeId();
            RuleFor(r => r.Note).MaximumLength(2000);
            RuleFor(r => r.ClassId).MustBeId();
        }
    }

    private const string SelectOpen =
        "SELECT COUNT(*) FROM placements WHERE student_id = @StudentId AND opportunity_id = @OpportunityId " +
        "AND status IN " + PlacementRules.OpenStatuses;

    private const string Insert =
        "INSERT INTO placements (id, student_id, opportunity_id, employer_id, school_id, district_id, region_id, status, source, stage, stage_order, career_cluster, " +
        "note, requested_by_user_id, class_id, version, created_at, updated_at) VALUES (@Id, @StudentId, @OpportunityId, @EmployerId, @SchoolId, @DistrictId, @RegionId, " +
        "'requested', @Source, @Stage, @StageOrder, @Cluster, @Note, @UserId, @ClassId, 1, @Now, @Now)";

    public sealed class Handler(Db db, Outbox outbox, PublicUrl publicUrl, TimeProvider clock) : IRequestHandler<Command, Result<Placement>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) =>
            [SelectOpen, Insert, .. OpportunityRounds.Statements, .. EmployerMessages.Statements, .. PlacementMessages.Statements, .. PlacementRecord.Statements, .. StudentAccess.Statements, .. OpportunityQueries.Statements, .. MatchingFacts.Statements, .. Partnerships.Statements];

        public async ValueTask<Result<Placement>> Handle(Command command, CancellationToken cancellationToken)
        {
            var (caller, body) = (command.Caller, command.Body);
            await using var connection = await db.OpenAsync(cancellationToken);
            var student = await StudentAccess.FindVisibleAsync(connection, caller, Guid.Parse(body.StudentId), cancellationToken);
            if (student is null)
            {
                return Error.Unprocessable($"Student {body.StudentId} was not found.");
            }

            var self = StudentAccess.IsSelf(caller, student);
            if (!self && !StudentAccess.CanWriteRecord(caller, student))
            {
                return Error.Forbidden("Students apply for themselves; school staff may nominate their students.");
            }

            var row = await OpportunityQueries.FindVisibleAsync(connection, caller, Guid.Parse(body.OpportunityId), cancellationToken);
            if (row is null)
            {
                return Error.Unprocessable($"Opportunity {body.OpportunityId} was not found.");
            }

            var opportunity = await OpportunityQueries.ToContractAsync(connection, row, command.Caller, cancellationToken);
            if (!StudentFit.OpenTo(row, opportunity, student))
            {
                return Error.Unprocessable(StudentFit.NotOpen);
            }

            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var facts = (await MatchingFacts.StudentsAsync(connection, [student], today, cancellationToken))[student.Id];
            var left = await MatchingFacts.SeatsLeftAsync(connection, [(row.Id, row.Seats)], cancellationToken);
            if (StudentFit.WhyIneligible(facts, opportunity, left[row.Id], today) is { } why)
            {
                return Error.Unprocessable($"The student is not eligible: {why.Detail}");
            }

            // A round that fills this opportunity's seats is how students get them while it is pending (staff may still nominate).
            if (self && await OpportunityRounds.PendingAsync(connection, row.Id, cancellationToken) is { } round)
            {
                return Error.Conflict($"This opportunity's seats go through the match round \"{round.Name}\": rank it there instead of applying.");
            }

            // What the region requires of the employer before a student goes there: documents in force, an agreement with
            // the student's district, a reviewed worksite for a minor.
            var missing = await Partnerships.PlacementGapsAsync(connection, new Partnerships.PlacementCase(row.Id, student.DistrictId, student.BirthDate, null, null),
                activation: false, today, cancellationToken);
            if (missing.Count > 0)
            {
                return Error.Unprocessable($"No placement can be made at this opportunity yet: {string.Join("; ", missing)}.");
            }

            Guid? classId = body.ClassId is { } named ? Guid.Parse(named) : null;
            if (!await PlacementRecord.MayNameClassAsync(connection, classId, student.Id, cancellationToken))
            {
                return Error.Unprocessable($"The student is not enrolled in class {body.ClassId}.");
            }

            if (await connection.ExecuteScalarAsync<int>(new CommandDefinition(SelectOpen, new { StudentId = student.Id, OpportunityId = row.Id }, cancellationToken: cancellationToken)) > 0)
            {
                return Error.Conflict("The student already has an open placement for this opportunity.");
            }

            var id = Guid.CreateVersion7();
            var now = clock.GetUtcNow();
            await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
            {
                try
                {
                    await connection.ExecuteAsync(new CommandDefinition(Insert, new
                    {
                        Id = id,
                        StudentId = student.Id,
                        OpportunityId = row.Id,
                        row.EmployerId,
                        student.SchoolId,
                        student.DistrictId,
                        student.RegionId,
                        Source = self ? "application" : "assignment",
                        Stage = row.Stage,
                        StageOrder = (int)DbEnum.Parse<ContinuumStage>(row.Stage),
                        Cluster = row.CareerCluster,
                        Note = AddressColumns.Normalize(body.Note),
                        ClassId = classId,
                        caller.UserId,
                        Now = now,
                    }, transaction, cancellationToken: cancellationToken));
                }
                catch (System.Data.Common.DbException exception) when (db.Dialect.IsUniqueViolation(exception))
                {
                    // Another request made the open placement first: the unique index ux_placements_open holds the rule.
                    return Error.Conflict("The student already has an open placement for this opportunity.");
                }

                // The employer's admins hear of the applicant with only what the employer may see (a disclosure each).
                await EmployerMessages.WriteAsync(connection, transaction, outbox, row.EmployerId, "placement.applied", new Dictionary<string, object>
                {
                    ["studentFirst"] = PersonNames.First(student.GivenName, student.PreferredName),
                    ["grade"] = student.Grade?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?",
                    ["school"] = student.SchoolName,
                    ["opportunity"] = row.Title,
                    ["nominated"] = !self,
                    ["link"] = $"{publicUrl.Current}/#/applicants",
                }, new EmployerMessages.AboutStudent(student.Id, "first name, grade, school, application"), id, now, cancellationToken);

                // A minor's guardians hear that they applied, in their language.
                if (self)
                {
                    await PlacementMessages.WriteAsync(connection, transaction, outbox, new PlacementMessages.About(id, student.Id, student.RegionId, student.BirthDate,
                        student.GivenName, student.PreferredName, student.FamilyName, row.Title, opportunity.EmployerName), PlacementStatus.Requested, null,
                        publicUrl.Current, caller.UserId, now, cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
            }

            outbox.Wake();
            var created = await PlacementRecord.FindVisibleAsync(connection, Caller.System, id, cancellationToken);
            return await created!.ToContractAsync(connection, caller, clock.GetUtcNow(), cancellationToken);
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/", async Task<Answer<Created<Placement>, Fails.Invalid, Fails.Forbidden, Fails.Conflict, Fails.Unprocessable>> (CreatePlacementRequest body, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Command(caller, body), ct)).Match(placement => TypedResults.Created($"/api/v1/placements/{placement.Id}", placement)))
            .Validate<CreatePlacementRequest>()
            .WithName("createPlacement")
            .WithSummary("Apply to an opportunity (students) or nominate a student (school staff)")
            .WithDescription("422 when the student is not eligible, or when the region requires of the employer what it lacks (a required document in force, an " +
                             "employer–school agreement with the student's district, an approved worksite checklist for a minor), naming what is missing.");
}
