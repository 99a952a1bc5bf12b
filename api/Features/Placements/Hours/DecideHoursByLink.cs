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

/// <summary>POST /api/v1/links/{token}/hours — approve or reject through a one-time link; it works once.</summary>
public static class DecideHoursByLink
{
    public sealed record Command(string Token, HoursDecisionRequest Body) : IRequest<Result<LinkedHoursEntry>>;

    public sealed class Handler(Db db, Outbox outbox, TimeProvider clock) : IRequestHandler<Command, Result<LinkedHoursEntry>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [.. HoursEntries.Statements];

        public async ValueTask<Result<LinkedHoursEntry>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var (link, error) = await ActionLinks.FindAsync(connection, command.Token, ActionLinks.ApproveHours, clock.GetUtcNow(), cancellationToken);
            if (error is not null)
            {
                return error;
            }

            if (string.IsNullOrWhiteSpace(command.Body.Name))
            {
                return Error.Validation("name", "Say who is deciding.");
            }

            if (!await ActionLinks.UseOnceAsync(connection, link!.Id, clock.GetUtcNow(), cancellationToken))
            {
                return ActionLinks.UsedOrExpired;
            }

            var decided = await HoursEntries.DecideAsync(connection, outbox, link.HoursEntryId!.Value, command.Body, null, command.Body.Name.Trim(), null, clock.GetUtcNow(), cancellationToken);
            return decided.IsSuccess ? await HoursEntries.LinkedAsync(connection, link, clock.GetUtcNow(), cancellationToken) : decided.Error!;
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapPost("/links/{token}/hours", async Task<Answer<Ok<LinkedHoursEntry>, Fails.Invalid, Fails.NotFound, Fails.Conflict, Fails.Gone>> (string token, HoursDecisionRequest body, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Command(token, body), ct)).Match(entry => TypedResults.Ok(entry)))
            .Validate<HoursDecisionRequest>().AllowAnonymous().RequireLinkRateLimit().WithTags("Links").WithName("decideHoursByLink")
            .WithSummary("Approve or reject through a one-time link (works once)");
}
