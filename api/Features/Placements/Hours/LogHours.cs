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
/// POST /api/v1/placements/{id}/hours — the student (or school staff) logs hours on an active placement, checked
/// against the child-labor rules for 14–15-year-olds.
/// </summary>
public static class LogHours
{
    public sealed record Command(Caller Caller, Guid PlacementId, LogHoursRequest Body) : IRequest<Result<HoursEntry>>;

    private const string Insert =
        "INSERT INTO hours_entries (id, placement_id, student_id, work_date, start_time, minutes, activity, status, version, created_at, updated_at) " +
        "VALUES (@Id, @PlacementId, @StudentId, @Date, @Start, @Minutes, @Activity, 'submitted', 1, @Now, @Now)";

    public sealed class Handler(Db db, TimeProvider clock) : IRequestHandler<Command, Result<HoursEntry>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [Insert, .. HoursEntries.Statements];

        public async ValueTask<Result<HoursEntry>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var placement = await PlacementRecord.FindVisibleAsync(connection, command.Caller, command.PlacementId, cancellationToken);
            if (placement is null)
            {
                return Error.NotFound($"Placement {command.PlacementId}");
            }

            var part = await PlacementRules.PartOfAsync(connection, command.Caller, placement, cancellationToken, askGuardian: false);
            if (!PlacementRules.MayTake(PlacementAction.LogHours, part))
            {
                return HoursEntries.LoggerOnly;
            }

            if (placement.PlacementStatus != PlacementStatus.Active)
            {
                return Error.Conflict($"Hours are logged on active placements; this one is {placement.Status}.");
            }

            if (await HoursEntries.RuleViolationAsync(connection, placement, command.Body, Guid.Empty, clock.GetUtcNow(), cancellationToken) is { } rule)
            {
                return Error.Unprocessable(rule);
            }

            var id = Guid.CreateVersion7();
            await connection.ExecuteAsync(new CommandDefinition(Insert, new
            {
                Id = id, PlacementId = placement.Id, placement.StudentId, command.Body.Date, command.Body.Start, command.Body.Minutes,
                Activity = command.Body.Activity.Trim(), Now = clock.GetUtcNow(),
            }, cancellationToken: cancellationToken));
            return await HoursEntries.EntryAsync(connection, id, part, cancellationToken);
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapPost("/placements/{id:guid}/hours", async Task<Answer<Created<HoursEntry>, Fails.Invalid, Fails.Forbidden, Fails.NotFound, Fails.Conflict, Fails.Unprocessable>> (Guid id, LogHoursRequest body, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Command(caller, id, body), ct)).Match(entry => TypedResults.Created($"/api/v1/hours/{entry.Id}", entry)))
            .Validate<LogHoursRequest>().WithTags("Hours").WithName("logHours")
            .WithSummary("Log hours on an active placement (child-labor rules for 14–15-year-olds apply)");
}
