using System.Data.Common;
using Dapper;
using FluentValidation;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Placements;
using Mediator;

namespace LaunchPath.Api.Features.Placements.Agreements;

/// <summary>
/// GET /api/v1/links/{token} — the agreement a one-time link is for (no sign-in; a supervisor's view is a disclosure).
/// </summary>
public static class GetLinkedAgreement
{
    public sealed record Query(string Token) : IRequest<Result<LinkedAgreement>>;

    public sealed class Handler(Db db, TimeProvider clock) : IRequestHandler<Query, Result<LinkedAgreement>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [.. AgreementRecords.Statements];

        public async ValueTask<Result<LinkedAgreement>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var (link, placement, error) = await AgreementRecords.LinkAsync(connection, query.Token, clock.GetUtcNow(), cancellationToken);
            return error ?? (Result<LinkedAgreement>)await AgreementRecords.LinkedAsync(connection, link!, placement!, clock.GetUtcNow(), cancellationToken);
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder links) =>
        links.MapGet("/{token}", async Task<Answer<Ok<LinkedAgreement>, Fails.NotFound, Fails.Gone>> (string token, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Query(token), ct)).Match(agreement => TypedResults.Ok(agreement)))
            .AllowAnonymous().RequireLinkRateLimit()
            .WithName("getLinkedAgreement")
            .WithSummary("What a one-time link asks its holder to acknowledge");
}
