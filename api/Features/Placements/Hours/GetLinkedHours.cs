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
/// GET /api/v1/links/{token}/hours — the entry a supervisor's one-time link is for (no sign-in; the view is a
/// disclosure).
/// </summary>
public static class GetLinkedHours
{
    public sealed record Query(string Token) : IRequest<Result<LinkedHoursEntry>>;

    public sealed class Handler(Db db, TimeProvider clock) : IRequestHandler<Query, Result<LinkedHoursEntry>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [.. HoursEntries.Statements];

        public async ValueTask<Result<LinkedHoursEntry>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var (link, error) = await ActionLinks.FindAsync(connection, query.Token, ActionLinks.ApproveHours, clock.GetUtcNow(), cancellationToken);
            return error ?? (Result<LinkedHoursEntry>)await HoursEntries.LinkedAsync(connection, link!, clock.GetUtcNow(), cancellationToken);
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapGet("/links/{token}/hours", async Task<Answer<Ok<LinkedHoursEntry>, Fails.NotFound, Fails.Gone>> (string token, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Query(token), ct)).Match(entry => TypedResults.Ok(entry)))
            .AllowAnonymous().RequireLinkRateLimit().WithTags("Links").WithName("getLinkedHours").WithSummary("The entry a supervisor's link is for");
}
