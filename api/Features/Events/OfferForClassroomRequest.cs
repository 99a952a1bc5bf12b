using Dapper;
using FluentValidation;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Events;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Organizations;
using Mediator;

namespace LaunchPath.Api.Features.Events;

/// <summary>
/// POST /api/v1/classroom-requests/{id}/offers — a volunteer offers a slot for an open request (when, and where or the
/// link, as the request allows); the region's convener, brokering, or the volunteer's employer admin may offer on a
/// volunteer's behalf. The teacher then accepts one.
/// </summary>
public static class OfferForClassroomRequest
{
    public sealed record Command(Caller Caller, Guid RequestId, CreateOfferRequest Body) : IRequest<Result<ClassroomRequest>>;

    public sealed class Validator : AbstractValidator<CreateOfferRequest>
    {
        public Validator()
        {
            RuleFor(r => r.EndsAt).GreaterThan(r => r.StartsAt).WithMessage("A visit ends after it starts.");
            RuleFor(r => r.EndsAt).Must((r, end) => end - r.StartsAt <= TimeSpan.FromHours(8)).WithMessage("A classroom visit lasts at most 8 hours.");
            RuleFor(r => r.Location).MaximumLength(300);
            RuleFor(r => r.VirtualUrl).MustBeHttpsLink();
            RuleFor(r => r.Note).MaximumLength(1000);
            RuleFor(r => r.VolunteerUserId).MustBeId();
        }
    }

    private const string SelectVolunteer = "SELECT v.employer_id, e.region_id FROM volunteers v JOIN organizations e ON e.id = v.employer_id JOIN users u ON u.id = v.user_id " +
                                           "WHERE v.user_id = @UserId AND v.active = 1 AND u.disabled = 0";

    private const string Insert =
        "INSERT INTO classroom_request_offers (id, request_id, volunteer_id, employer_id, offered_by, starts_at, ends_at, location, virtual_url, note, status, created_at, updated_at) " +
        "VALUES (@Id, @RequestId, @Volunteer, @EmployerId, @By, @StartsAt, @EndsAt, @Location, @VirtualUrl, @Note, 'offered', @Now, @Now)";

    public sealed class Handler(Db db, TimeProvider clock) : IRequestHandler<Command, Result<ClassroomRequest>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [SelectVolunteer, Insert, .. ClassroomRequestRecord.Statements];

        public async ValueTask<Result<ClassroomRequest>> Handle(Command command, CancellationToken cancellationToken)
        {
            var (caller, body) = (command.Caller, command.Body);
            await using var connection = await db.OpenAsync(cancellationToken);
            var request = await ClassroomRequestRecord.FindAsync(connection, command.RequestId, cancellationToken);
            if (request is null || !request.VisibleTo(caller))
            {
                return Error.NotFound($"Classroom request {command.RequestId}");
            }

            if (request.Status != "open")
            {
                return Error.Conflict($"The request is {request.Status}; it takes no more offers.");
            }

            var volunteerId = body.VolunteerUserId is null ? caller.UserId : Guid.Parse(body.VolunteerUserId);
            var volunteer = volunteerId is null
                ? default
                : await connection.QuerySingleOrDefaultAsync<(Guid EmployerId, Guid RegionId)>(new CommandDefinition(SelectVolunteer, new { UserId = volunteerId }, cancellationToken: cancellationToken));
            if (volunteer.EmployerId == Guid.Empty || volunteer.RegionId != request.RegionId)
            {
                return body.VolunteerUserId is null
                    ? Error.Forbidden("Offers come from volunteers: list yourself as one for your employer first (PUT /api/v1/me/volunteer).")
                    : Error.Validation("volunteerUserId", "No active volunteer of an employer in this region has this id.");
            }

            if (body.VolunteerUserId is not null && volunteerId != caller.UserId && !MayOfferFor(caller, volunteer.EmployerId, request.RegionId))
            {
                return Error.Forbidden("Only the region's convener or the volunteer's employer admin offers on a volunteer's behalf.");
            }

            var modality = DbEnum.Parse<RequestModality>(request.Modality);
            var hasPlace = !string.IsNullOrWhiteSpace(body.Location);
            var hasLink = !string.IsNullOrWhiteSpace(body.VirtualUrl);
            if ((modality == RequestModality.InPerson && !hasPlace) || (modality == RequestModality.Virtual && !hasLink) || (!hasPlace && !hasLink))
            {
                return Error.Validation(modality == RequestModality.Virtual ? "virtualUrl" : "location",
                    modality switch
                    {
                        RequestModality.InPerson => "The teacher asked for a visit in person: say where.",
                        RequestModality.Virtual => "The teacher asked for an online visit: give the link.",
                        _ => "Say where, or give the link.",
                    });
            }

            var now = clock.GetUtcNow();
            if (body.StartsAt <= now)
            {
                return Error.Validation("startsAt", "Offer a time still to come.");
            }

            await connection.ExecuteAsync(new CommandDefinition(Insert, new
            {
                Id = Guid.CreateVersion7(), RequestId = command.RequestId, Volunteer = volunteerId, volunteer.EmployerId,
                By = caller.UserId, StartsAt = body.StartsAt.ToUniversalTime(), EndsAt = body.EndsAt.ToUniversalTime(),
                Location = hasPlace ? body.Location!.Trim() : null, VirtualUrl = hasLink ? body.VirtualUrl!.Trim() : null,
                Note = string.IsNullOrWhiteSpace(body.Note) ? null : body.Note.Trim(), Now = now,
            }, cancellationToken: cancellationToken));
            return (await ClassroomRequestRecord.ToContractsAsync(connection, caller, [request], cancellationToken)).Single();
        }

        private static bool MayOfferFor(Caller caller, Guid employerId, Guid regionId) =>
            caller.IsPlatformAdmin
            || caller.PermissionsAt(new OrgRef(regionId, OrganizationType.Region, regionId, null)).Contains(Permission.OpportunitiesCurate)
            || caller.PermissionsAt(new OrgRef(employerId, OrganizationType.Employer, regionId, null)).Contains(Permission.UsersManage);
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapPost("/classroom-requests/{id:guid}/offers", async Task<Answer<Ok<ClassroomRequest>, Fails.Invalid, Fails.Forbidden, Fails.NotFound, Fails.Conflict>> (
                    Guid id, CreateOfferRequest body, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Command(caller, id, body), ct)).Match(request => TypedResults.Ok(request)))
            .Validate<CreateOfferRequest>()
            .WithName("offerForClassroomRequest")
            .WithSummary("Offer a volunteer's slot for a teacher's request");
}
