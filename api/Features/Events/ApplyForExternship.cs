using Dapper;
using FluentValidation;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Events;
using LaunchPath.Contracts.Opportunities;
using Mediator;

namespace LaunchPath.Api.Features.Events;

/// <summary>
/// POST /api/v1/opportunities/{id}/externship-applications — a teacher, counselor or coordinator applies to a published
/// teacher externship (once: a second application is a 409 while the first stands). GET lists the applications: all of
/// them for the employer's staff and the curators, one's own for an educator.
/// </summary>
public static class ApplyForExternship
{
    public sealed record Command(Caller Caller, Guid OpportunityId, ExternshipApplicationRequest Body) : IRequest<Result<ExternshipApplication>>;

    public sealed record Query(Caller Caller, Guid OpportunityId) : IRequest<Result<List<ExternshipApplication>>>;

    public sealed class Validator : AbstractValidator<ExternshipApplicationRequest>
    {
        public Validator()
        {
            RuleFor(r => r.SchoolId).MustBeId();
            RuleFor(r => r.Note).MaximumLength(2000);
        }
    }

    /// <summary>A withdrawn or declined application may be made again; a standing one may not (the database decides).</summary>
    private const string Reapply =
        "UPDATE externship_applications SET status = 'applied', school_id = @SchoolId, note = @Note, decided_by = NULL, created_at = @Now, updated_at = @Now " +
        "WHERE opportunity_id = @OpportunityId AND user_id = @UserId AND status IN ('withdrawn', 'declined')";

    private const string Insert =
        "INSERT INTO externship_applications (opportunity_id, user_id, school_id, note, status, created_at, updated_at) VALUES (@OpportunityId, @UserId, @SchoolId, @Note, 'applied', @Now, @Now)";

    public sealed class Handler(Db db, TimeProvider clock) : IRequestHandler<Command, Result<ExternshipApplication>>, IRequestHandler<Query, Result<List<ExternshipApplication>>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [Reapply, Insert, .. ExternshipApplications.Statements, .. EventSessionRecord.Statements];

        public async ValueTask<Result<ExternshipApplication>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var opportunity = await OpportunityQueries.FindVisibleAsync(connection, command.Caller, command.OpportunityId, cancellationToken);
            if (opportunity is null || !ExternshipApplications.IsExternship(opportunity))
            {
                return Error.NotFound($"Teacher externship {command.OpportunityId}");
            }

            var schools = ExternshipApplications.EducatorSchools(command.Caller);
            if (command.Caller.UserId is not { } userId || schools.Count == 0)
            {
                return Error.Forbidden("Teacher externships are for a school's teachers, counselors and coordinators.");
            }

            var schoolId = command.Body.SchoolId is null ? schools[0] : Guid.Parse(command.Body.SchoolId);
            if (!schools.Contains(schoolId))
            {
                return Error.Validation("schoolId", "Name a school where you teach or counsel.");
            }

            if (opportunity.OpportunityStatus != OpportunityStatus.Published)
            {
                return Error.Conflict($"The externship is {opportunity.Status}; it takes no applications.");
            }

            var values = new { OpportunityId = opportunity.Id, UserId = userId, SchoolId = schoolId, Note = string.IsNullOrWhiteSpace(command.Body.Note) ? null : command.Body.Note.Trim(), Now = clock.GetUtcNow() };
            if (await connection.ExecuteAsync(new CommandDefinition(Reapply, values, cancellationToken: cancellationToken)) == 0)
            {
                try
                {
                    await connection.ExecuteAsync(new CommandDefinition(Insert, values, cancellationToken: cancellationToken));
                }
                catch (System.Data.Common.DbException exception) when (db.Dialect.IsUniqueViolation(exception))
                {
                    return Error.Conflict("You have applied to this externship already.");
                }
            }

            return (await ExternshipApplications.ReadAsync(connection, opportunity.Id, userId, cancellationToken)).Single();
        }

        public async ValueTask<Result<List<ExternshipApplication>>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var opportunity = await OpportunityQueries.FindVisibleAsync(connection, query.Caller, query.OpportunityId, cancellationToken);
            if (opportunity is null || !ExternshipApplications.IsExternship(opportunity))
            {
                return Error.NotFound($"Teacher externship {query.OpportunityId}");
            }

            var all = await EventSessionRecord.ManagesAsync(connection, query.Caller, opportunity, cancellationToken);
            return await ExternshipApplications.ReadAsync(connection, opportunity.Id, all ? null : query.Caller.UserId ?? Guid.Empty, cancellationToken);
        }
    }

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/opportunities/{id:guid}/externship-applications", async Task<Answer<Created<ExternshipApplication>, Fails.Invalid, Fails.Forbidden, Fails.NotFound, Fails.Conflict>> (
                    Guid id, ExternshipApplicationRequest body, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Command(caller, id, body), ct)).Match(a => TypedResults.Created($"/api/v1/opportunities/{id}/externship-applications", a)))
            .Validate<ExternshipApplicationRequest>()
            .WithName("applyForExternship")
            .WithSummary("Apply to a teacher externship (teachers, counselors, coordinators)");
        api.MapGet("/opportunities/{id:guid}/externship-applications", async Task<Answer<Ok<List<ExternshipApplication>>, Fails.NotFound>> (Guid id, Caller caller, IMediator mediator,
                    CancellationToken ct) =>
                (await mediator.Send(new Query(caller, id), ct)).Match(list => TypedResults.Ok(list)))
            .WithName("listExternshipApplications")
            .WithSummary("A teacher externship's applications (all for the employer and curators, your own otherwise)");
    }
}
