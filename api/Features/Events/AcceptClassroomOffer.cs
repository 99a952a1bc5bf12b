using Dapper;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Common;
using LaunchPath.Contracts.Events;
using LaunchPath.Contracts.Opportunities;
using Mediator;

namespace LaunchPath.Api.Features.Events;

/// <summary>
/// POST /api/v1/classroom-requests/{id}/offers/{offerId}/accept — the school's staff take one offer: in one transaction
/// the request is scheduled (only while open: two acceptances never both win, and a unique index holds one accepted
/// offer per request), the other offers are declined, and the visit becomes a published guest-speaker event for the
/// school (the school asked for it, so it needs no curation) with one session at the offered time, the class's active
/// students registered.
/// </summary>
public static class AcceptClassroomOffer
{
    public sealed record Command(Caller Caller, Guid RequestId, Guid OfferId) : IRequest<Result<ClassroomRequest>>;

    private const string SelectOffer =
        "SELECT o.employer_id, o.starts_at, o.ends_at, o.location, o.virtual_url, vu.display_name AS volunteer_name, e.name AS employer_name, o.status " +
        "FROM classroom_request_offers o JOIN users vu ON vu.id = o.volunteer_id JOIN organizations e ON e.id = o.employer_id WHERE o.id = @OfferId AND o.request_id = @RequestId";

    private const string Schedule = "UPDATE classroom_requests SET status = 'scheduled', session_id = @SessionId, updated_at = @Now WHERE id = @RequestId AND status = 'open'";

    private const string Accept = "UPDATE classroom_request_offers SET status = 'accepted', updated_at = @Now WHERE id = @OfferId AND request_id = @RequestId AND status = 'offered'";

    private const string DeclineOthers = "UPDATE classroom_request_offers SET status = 'declined', updated_at = @Now WHERE request_id = @RequestId AND id <> @OfferId AND status = 'offered'";

    private static readonly string InsertOpportunity =
        $"INSERT INTO opportunities (id, employer_id, region_id, {OpportunityRecord.FieldColumns}, status, created_by_user_id, decided_at, decided_by_user_id, version, created_at, updated_at) " +
        $"VALUES (@Id, @EmployerId, @RegionId, {OpportunityRecord.FieldParameters}, 'published', @UserId, @Now, @UserId, 1, @Now, @Now)";

    private const string InsertSession =
        "INSERT INTO event_sessions (id, opportunity_id, starts_at, ends_at, location, virtual_url, capacity, registered, check_in_code, status, created_by_user_id, created_at, updated_at) " +
        "VALUES (@Id, @OpportunityId, @StartsAt, @EndsAt, @Location, @VirtualUrl, @Capacity, @Registered, @Code, 'scheduled', @UserId, @Now, @Now)";


    private const string InsertRegistration =
        "INSERT INTO event_registrations (session_id, student_id, status, registered_by_user_id, created_at, updated_at) VALUES (@SessionId, @StudentId, 'registered', @UserId, @Now, @Now)";

    public sealed class Handler(Db db, TimeProvider clock, RegionOpportunities regionOpportunities) : IRequestHandler<Command, Result<ClassroomRequest>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) =>
            [SelectOffer, Schedule, Accept, DeclineOthers, InsertOpportunity, InsertSession, InsertRegistration, .. ClassroomRequestRecord.Statements, .. OpportunityRecord.Statements];

        public async ValueTask<Result<ClassroomRequest>> Handle(Command command, CancellationToken cancellationToken)
        {
            var caller = command.Caller;
            await using var connection = await db.OpenAsync(cancellationToken);
            var request = await ClassroomRequestRecord.FindAsync(connection, command.RequestId, cancellationToken);
            if (request is null || !request.VisibleTo(caller))
            {
                return Error.NotFound($"Classroom request {command.RequestId}");
            }

            if (!caller.IsPlatformAdmin && !ClassroomRequestRecord.SchoolSide(caller, request.School))
            {
                return Error.Forbidden("The school that asked chooses among the offers.");
            }

            var offer = await connection.QuerySingleOrDefaultAsync<OfferRow>(new CommandDefinition(SelectOffer, new { command.OfferId, command.RequestId }, cancellationToken: cancellationToken));
            if (offer is null)
            {
                return Error.NotFound($"Offer {command.OfferId}");
            }

            var now = clock.GetUtcNow();
            if (offer.StartsAt <= now)
            {
                return Error.Conflict("The offered time has passed; ask the volunteer for another.");
            }

            var keys = new { command.RequestId, command.OfferId, Now = now };
            var opportunityId = Guid.CreateVersion7();
            var sessionId = Guid.CreateVersion7();
            await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
            {
                // The event and its session first (the request points at the session), then the conditional writes that
                // decide: if another acceptance won, nothing of this one is committed.
                var students = request.ClassId is { } classId
                    ? (await connection.QueryAsync<Guid>(new CommandDefinition(EventSessionRecord.SelectClassStudents, new { ClassId = classId }, transaction, cancellationToken: cancellationToken))).ToList()
                    : [];
                var capacity = Math.Max(request.Students, students.Count);
                var fields = new OpportunityFields
                {
                    Title = $"Guest speaker: {request.Topic}",
                    Description = $"{offer.VolunteerName} ({offer.EmployerName}) visits {request.ClassTitle ?? request.SchoolName}. {request.UnitConnection}",
                    Type = OpportunityType.GuestSpeaker,
                    Stage = ContinuumStage.Awareness,
                    CareerCluster = DbEnum.Parse<CareerCluster>(request.CareerCluster),
                    Modality = offer.Location is null ? Modality.Virtual : Modality.InPerson,
                    SiteName = offer.Location,
                    Seats = capacity,
                    StartDate = DateOnly.FromDateTime(offer.StartsAt.UtcDateTime),
                    EndDate = DateOnly.FromDateTime(offer.EndsAt.UtcDateTime),
                    Compensation = Compensation.Unpaid,
                    Audience = AudienceScope.School,
                    AudienceOrganizationIds = [request.SchoolId.ToString("D")],
                };
                var parameters = OpportunityRecord.Parameters(fields);
                parameters.AddDynamicParams(new { Id = opportunityId, offer.EmployerId, request.RegionId, caller.UserId, Now = now });
                await connection.ExecuteAsync(new CommandDefinition(InsertOpportunity, parameters, transaction, cancellationToken: cancellationToken));
                await OpportunityRecord.ReplaceAudienceAsync(connection, transaction, opportunityId, [request.SchoolId], cancellationToken);
                await connection.ExecuteAsync(new CommandDefinition(InsertSession, new
                {
                    Id = sessionId, OpportunityId = opportunityId, offer.StartsAt, offer.EndsAt, offer.Location, offer.VirtualUrl, Capacity = capacity, Registered = students.Count,
                    Code = EventSessionRecord.NewCheckInCode(), caller.UserId, Now = now,
                }, transaction, cancellationToken: cancellationToken));
                await connection.ExecuteAsync(new CommandDefinition(InsertRegistration, students.Select(s => new { SessionId = sessionId, StudentId = s, caller.UserId, Now = now }),
                    transaction, cancellationToken: cancellationToken));
                if (await connection.ExecuteAsync(new CommandDefinition(Schedule, new { command.RequestId, SessionId = sessionId, Now = now }, transaction, cancellationToken: cancellationToken)) == 0
                    || await connection.ExecuteAsync(new CommandDefinition(Accept, keys, transaction, cancellationToken: cancellationToken)) == 0)
                {
                    return Error.Conflict("The request was scheduled, or the offer withdrawn, meanwhile; read it again.");
                }

                await connection.ExecuteAsync(new CommandDefinition(DeclineOthers, keys, transaction, cancellationToken: cancellationToken));
                await transaction.CommitAsync(cancellationToken);
            }

            regionOpportunities.Changed(request.RegionId);
            var updated = await ClassroomRequestRecord.FindAsync(connection, command.RequestId, cancellationToken);
            return (await ClassroomRequestRecord.ToContractsAsync(connection, caller, [updated!], cancellationToken)).Single();
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapPost("/classroom-requests/{id:guid}/offers/{offerId:guid}/accept", async Task<Answer<Ok<ClassroomRequest>, Fails.Forbidden, Fails.NotFound, Fails.Conflict>> (
                    Guid id, Guid offerId, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Command(caller, id, offerId), ct)).Match(request => TypedResults.Ok(request)))
            .WithName("acceptClassroomOffer")
            .WithSummary("Accept an offer: the visit becomes an event session with the class registered");

    private sealed class OfferRow
    {
        public Guid EmployerId { get; set; }
        public DateTimeOffset StartsAt { get; set; }
        public DateTimeOffset EndsAt { get; set; }
        public string? Location { get; set; }
        public string? VirtualUrl { get; set; }
        public string VolunteerName { get; set; } = "";
        public string EmployerName { get; set; } = "";
        public string Status { get; set; } = "";
    }
}
