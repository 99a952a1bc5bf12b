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
/// GET /api/v1/placements/{id}/hours — a placement's entries, each with what the caller may do to it, and the totals.
/// </summary>
public static class ListHours
{
    public sealed record Query(Caller Caller, Guid PlacementId) : IRequest<Result<HoursLog>>;

    private const string SelectForPlacement = "SELECT " + PlacementEvidence.HoursColumns + " FROM hours_entries WHERE placement_id = @Id ORDER BY work_date, start_time, id";

    public sealed class Handler(Db db) : IRequestHandler<Query, Result<HoursLog>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [SelectForPlacement, .. HoursEntries.Statements];

        public async ValueTask<Result<HoursLog>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var placement = await PlacementRecord.FindVisibleAsync(connection, query.Caller, query.PlacementId, cancellationToken);
            if (placement is null)
            {
                return Error.NotFound($"Placement {query.PlacementId}");
            }

            var part = await PlacementRules.PartOfAsync(connection, query.Caller, placement, cancellationToken, askGuardian: false);
            var entries = (await connection.QueryAsync<PlacementEvidence.HoursRow>(new CommandDefinition(SelectForPlacement, new { Id = query.PlacementId }, cancellationToken: cancellationToken)))
                .Select(r => r.ToContract(part)).ToList();
            return new HoursLog
            {
                PlacementId = query.PlacementId.ToString("D"),
                Entries = entries,
                ApprovedMinutes = entries.Where(e => e.Status == HoursStatus.Approved).Sum(e => e.Minutes),
                SubmittedMinutes = entries.Where(e => e.Status == HoursStatus.Submitted).Sum(e => e.Minutes),
            };
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapGet("/placements/{id:guid}/hours", async Task<Answer<Ok<HoursLog>, Fails.NotFound>> (Guid id, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Query(caller, id), ct)).Match(log => TypedResults.Ok(log)))
            .WithTags("Hours").WithName("listHours").WithSummary("A placement's hours and totals");
}
