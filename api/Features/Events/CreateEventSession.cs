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
/// POST /api/v1/opportunities/{id}/sessions — the host (the employer's staff) or a curator schedules a session of an
/// event: when, where or the virtual link, how many it seats. Each session gets a check-in code for the day.
/// </summary>
public static class CreateEventSession
{
    public sealed record Command(Caller Caller, Guid OpportunityId, CreateEventSessionRequest Body) : IRequest<Result<EventSession>>;

    public sealed class Validator : AbstractValidator<CreateEventSessionRequest>
    {
        public Validator()
        {
            RuleFor(r => r.Capacity).InclusiveBetween(1, 5000);
            RuleFor(r => r.EndsAt).GreaterThan(r => r.StartsAt).WithMessage("A session ends after it starts.");
            RuleFor(r => r.EndsAt).Must((r, end) => end - r.StartsAt <= TimeSpan.FromHours(24)).WithMessage("A session lasts at most 24 hours; schedule one a day.");
            RuleFor(r => r.Location).MaximumLength(300);
            RuleFor(r => r.VirtualUrl).MustBeHttpsLink();
            RuleFor(r => r).Must(r => !string.IsNullOrWhiteSpace(r.Location) || !string.IsNullOrWhiteSpace(r.VirtualUrl))
                .WithName("location").WithMessage("Say where the session is, or give its virtual link.");
        }
    }

    private const string Insert =
        "INSERT INTO event_sessions (id, opportunity_id, starts_at, ends_at, location, virtual_url, capacity, registered, check_in_code, status, off_campus, created_by_user_id, " +
        "created_at, updated_at) VALUES (@Id, @OpportunityId, @StartsAt, @EndsAt, @Location, @VirtualUrl, @Capacity, 0, @Code, 'scheduled', @OffCampus, @UserId, @Now, @Now)";

    public sealed class Handler(Db db, TimeProvider clock) : IRequestHandler<Command, Result<EventSession>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [Insert, .. EventSessionRecord.Statements];

        public async ValueTask<Result<EventSession>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var opportunity = await OpportunityQueries.FindVisibleAsync(connection, command.Caller, command.OpportunityId, cancellationToken);
            if (opportunity is null)
            {
                return Error.NotFound($"Opportunity {command.OpportunityId}");
            }

            if (!await EventSessionRecord.ManagesAsync(connection, command.Caller, opportunity, cancellationToken))
            {
                return Error.Forbidden("Only the employer's staff or a curator of this opportunity schedules its sessions.");
            }

            if (!EventSessionRecord.IsEvent(DbEnum.Parse<OpportunityType>(opportunity.Type)))
            {
                return Error.Unprocessable("Only events (a guest speaker, a career fair, a worksite tour, an informational interview) have sessions; students apply to other opportunities.");
            }

            if (opportunity.OpportunityStatus is OpportunityStatus.Closed or OpportunityStatus.Rejected)
            {
                return Error.Conflict($"The opportunity is {opportunity.Status}; it takes no new sessions.");
            }

            var body = command.Body;
            var id = Guid.CreateVersion7();
            var type = DbEnum.Parse<OpportunityType>(opportunity.Type);
            // Students leave campus for a tour or a fair somewhere; the host says otherwise when it comes to the school.
            var offCampus = body.OffCampus ?? (type is OpportunityType.WorksiteTour or OpportunityType.CareerFair && !string.IsNullOrWhiteSpace(body.Location));
            await connection.ExecuteAsync(new CommandDefinition(Insert, new
            {
                Id = id,
                command.OpportunityId,
                StartsAt = body.StartsAt.ToUniversalTime(),
                EndsAt = body.EndsAt.ToUniversalTime(),
                Location = string.IsNullOrWhiteSpace(body.Location) ? null : body.Location.Trim(),
                VirtualUrl = string.IsNullOrWhiteSpace(body.VirtualUrl) ? null : body.VirtualUrl.Trim(),
                body.Capacity,
                Code = EventSessionRecord.NewCheckInCode(),
                OffCampus = offCampus,
                command.Caller.UserId,
                Now = clock.GetUtcNow(),
            }, cancellationToken: cancellationToken));
            var (loaded, _) = await EventSessionRecord.LoadAsync(connection, command.Caller, id, cancellationToken);
            return loaded!.Session.ToContract(loaded.Opportunity, loaded.CanManage, null);
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapPost("/opportunities/{id:guid}/sessions", async Task<Answer<Created<EventSession>, Fails.Invalid, Fails.Forbidden, Fails.NotFound, Fails.Conflict, Fails.Unprocessable>> (
                    Guid id, CreateEventSessionRequest body, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Command(caller, id, body), ct)).Match(session => TypedResults.Created($"/api/v1/event-sessions/{session.Id}", session)))
            .Validate<CreateEventSessionRequest>()
            .WithName("createEventSession")
            .WithSummary("Schedule a session of an event")
            .WithDescription("For guest speakers, career fairs, worksite tours and informational interviews. The host (the employer's staff) or a curator of the opportunity. " +
                             "Each session gets a six-character check-in code, shown only to those who manage it.");
}
