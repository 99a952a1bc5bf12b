using System.Data.Common;
using System.Globalization;
using Dapper;
using FluentValidation;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Messaging;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Placements;
using Mediator;

namespace LaunchPath.Api.Features.Placements.Hours;

/// <summary>
/// POST /api/v1/hours/{id}/decision — the employer's supervisor approves (locks) or rejects (with a reason) an entry.
/// </summary>
public static class DecideHours
{
    public sealed record Command(Caller Caller, Guid EntryId, HoursDecisionRequest Body) : IRequest<Result<HoursEntry>>;

    public sealed class Handler(Db db, Outbox outbox, TimeProvider clock) : IRequestHandler<Command, Result<HoursEntry>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [.. HoursEntries.Statements];

        public async ValueTask<Result<HoursEntry>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var (entry, placement, part, error) = await HoursEntries.FindAsync(connection, command.Caller, command.EntryId, cancellationToken);
            if (error is not null)
            {
                return error;
            }

            if (!PlacementRules.MayDecideHours(part!))
            {
                return Error.Forbidden("The employer's supervisor approves or rejects hours.");
            }

            return await HoursEntries.DecideAsync(connection, outbox, entry!.Id, command.Body, command.Caller.UserId, command.Caller.DisplayName, part, clock.GetUtcNow(), cancellationToken);
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapPost("/hours/{id:guid}/decision", async Task<Answer<Ok<HoursEntry>, Fails.Invalid, Fails.Forbidden, Fails.NotFound, Fails.Conflict>> (Guid id, HoursDecisionRequest body, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Command(caller, id, body), ct)).Match(entry => TypedResults.Ok(entry)))
            .Validate<HoursDecisionRequest>().WithTags("Hours").WithName("decideHours")
            .WithSummary("The supervisor approves (locks) or rejects (with a reason) an entry");
}
