using System.Data.Common;
using System.Globalization;
using Dapper;
using FluentValidation;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Placements;
using Mediator;

namespace LaunchPath.Api.Features.Placements.Hours;

/// <summary>
/// PUT /api/v1/hours/{id} — correct a submitted or rejected entry (it is submitted again); approved entries are locked.
/// </summary>
public static class EditHours
{
    public sealed record Command(Caller Caller, Guid EntryId, LogHoursRequest Body) : IRequest<Result<HoursEntry>>;

    private const string Update =
        "UPDATE hours_entries SET work_date = @Date, start_time = @Start, minutes = @Minutes, activity = @Activity, status = 'submitted', reason = NULL, " +
        "version = version + 1, updated_at = @Now WHERE id = @Id AND status IN ('submitted', 'rejected')";

    public sealed class Handler(Db db, TimeProvider clock) : IRequestHandler<Command, Result<HoursEntry>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [Update, .. HoursEntries.Statements];

        public async ValueTask<Result<HoursEntry>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var (entry, placement, part, error) = await HoursEntries.FindAsync(connection, command.Caller, command.EntryId, cancellationToken);
            if (error is not null)
            {
                return error;
            }

            if (!PlacementRules.MayTake(PlacementAction.LogHours, part!))
            {
                return HoursEntries.LoggerOnly;
            }

            if (entry!.Status == "approved")
            {
                return HoursEntries.Locked;
            }

            if (await HoursEntries.RuleViolationAsync(connection, placement!, command.Body, entry.Id, clock.GetUtcNow(), cancellationToken) is { } rule)
            {
                return Error.Unprocessable(rule);
            }

            if (await connection.ExecuteAsync(new CommandDefinition(Update, new
                {
                    entry.Id, command.Body.Date, command.Body.Start, command.Body.Minutes, Activity = command.Body.Activity.Trim(), Now = clock.GetUtcNow(),
                }, cancellationToken: cancellationToken)) == 0)
            {
                return HoursEntries.Locked;
            }

            return await HoursEntries.EntryAsync(connection, entry.Id, part, cancellationToken);
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapPut("/hours/{id:guid}", async Task<Answer<Ok<HoursEntry>, Fails.Invalid, Fails.Forbidden, Fails.NotFound, Fails.Conflict, Fails.Unprocessable>> (Guid id, LogHoursRequest body, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Command(caller, id, body), ct)).Match(entry => TypedResults.Ok(entry)))
            .Validate<LogHoursRequest>().WithTags("Hours").WithName("editHours")
            .WithSummary("Correct a submitted or rejected entry (resubmits it)");
}
