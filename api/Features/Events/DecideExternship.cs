using Dapper;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Events;
using Mediator;

namespace LaunchPath.Api.Features.Events;

/// <summary>
/// PUT /api/v1/opportunities/{id}/externship-applications/{userId} — the employer's staff (or a curator) accept or
/// decline an application, and mark an accepted one completed; the educator withdraws their own. Each move only from
/// the status it leaves (a conditional write): applied → accepted | declined | withdrawn; accepted → completed | withdrawn.
/// </summary>
public static class DecideExternship
{
    public sealed record Command(Caller Caller, Guid OpportunityId, Guid UserId, DecideExternshipRequest Body) : IRequest<Result<ExternshipApplication>>;

    private const string Move =
        "UPDATE externship_applications SET status = @To, decided_by = @By, updated_at = @Now WHERE opportunity_id = @OpportunityId AND user_id = @UserId " +
        "AND status IN (SELECT value FROM json_each(@From))";

    private static readonly Dictionary<ExternshipStatus, string[]> From = new()
    {
        [ExternshipStatus.Accepted] = ["applied"], [ExternshipStatus.Declined] = ["applied"], [ExternshipStatus.Completed] = ["accepted"],
        [ExternshipStatus.Withdrawn] = ["applied", "accepted"],
    };

    public sealed class Handler(Db db, TimeProvider clock) : IRequestHandler<Command, Result<ExternshipApplication>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [Move, .. ExternshipApplications.Statements, .. EventSessionRecord.Statements];

        public async ValueTask<Result<ExternshipApplication>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var opportunity = await OpportunityQueries.FindVisibleAsync(connection, command.Caller, command.OpportunityId, cancellationToken);
            if (opportunity is null || !ExternshipApplications.IsExternship(opportunity))
            {
                return Error.NotFound($"Teacher externship {command.OpportunityId}");
            }

            var own = command.Caller.UserId == command.UserId;
            var manages = await EventSessionRecord.ManagesAsync(connection, command.Caller, opportunity, cancellationToken);
            var to = command.Body.Status;
            if (!From.TryGetValue(to, out var from))
            {
                return Error.Validation("status", "Move an application to accepted, declined, completed or withdrawn.");
            }

            if (to == ExternshipStatus.Withdrawn ? !own : !manages)
            {
                return own || manages
                    ? Error.Forbidden(to == ExternshipStatus.Withdrawn ? "Only the educator withdraws their application." : "The employer decides on applications.")
                    : Error.NotFound($"Application of {command.UserId}");
            }

            var moved = await connection.ExecuteAsync(new CommandDefinition(Move, new
            {
                To = DbEnum.ToText(to), By = command.Caller.UserId, Now = clock.GetUtcNow(), command.OpportunityId, command.UserId, From = DbJson.Write(from),
            }, cancellationToken: cancellationToken));
            var application = (await ExternshipApplications.ReadAsync(connection, command.OpportunityId, command.UserId, cancellationToken)).SingleOrDefault();
            if (application is null)
            {
                return Error.NotFound($"Application of {command.UserId}");
            }

            return moved == 0 ? Error.Conflict($"The application is {DbEnum.ToText(application.Status)}; it cannot become {DbEnum.ToText(to)}.") : application;
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapPut("/opportunities/{id:guid}/externship-applications/{userId:guid}", async Task<Answer<Ok<ExternshipApplication>, Fails.Invalid, Fails.Forbidden, Fails.NotFound, Fails.Conflict>> (
                    Guid id, Guid userId, DecideExternshipRequest body, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Command(caller, id, userId, body), ct)).Match(a => TypedResults.Ok(a)))
            .WithName("decideExternship")
            .WithSummary("Accept, decline or complete an externship application (the employer); withdraw one's own");
}
