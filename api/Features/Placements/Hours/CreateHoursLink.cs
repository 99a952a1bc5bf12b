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
/// POST /api/v1/hours/{id}/link — a one-time link for a supervisor without an account to decide a submitted entry.
/// </summary>
public static class CreateHoursLink
{
    public sealed record Command(Caller Caller, Guid EntryId, string BaseUrl) : IRequest<Result<ActionLink>>;

    public sealed class Handler(Db db, TimeProvider clock) : IRequestHandler<Command, Result<ActionLink>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [.. HoursEntries.Statements];

        public async ValueTask<Result<ActionLink>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var (entry, placement, part, error) = await HoursEntries.FindAsync(connection, command.Caller, command.EntryId, cancellationToken);
            if (error is not null)
            {
                return error;
            }

            if (!PlacementRules.MaySendHoursLink(part!))
            {
                return Error.Forbidden("The school or the employer's admin sends approval links.");
            }

            if (entry!.Status != "submitted")
            {
                return Error.Conflict($"The entry is {entry.Status}; only submitted hours await a decision.");
            }

            var (token, expires) = await ActionLinks.IssueAsync(connection, ActionLinks.ApproveHours, placement!.Id, "supervisor", entry.Id, command.Caller.UserId,
                clock.GetUtcNow(), cancellationToken);
            return new ActionLink { Token = token, Url = $"{command.BaseUrl.TrimEnd('/')}/hours/{token}", ExpiresAt = expires };
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapPost("/hours/{id:guid}/link", async Task<Answer<Created<ActionLink>, Fails.Forbidden, Fails.NotFound, Fails.Conflict>> (Guid id, Caller caller, HttpRequest request, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Command(caller, id, $"{request.Scheme}://{request.Host}"), ct)).Match(link => TypedResults.Created($"/api/v1/links/{link.Token}/hours", link)))
            .WithTags("Hours").WithName("createHoursLink")
            .WithSummary("A one-time link for a supervisor without an account to decide an entry");
}
