using System.Data.Common;
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

namespace LaunchPath.Api.Features.Placements.Agreements;

/// <summary>POST /api/v1/links/{token}/acknowledge — the link holder acknowledges, once, before the link expires.</summary>
public static class AcknowledgeByLink
{
    public sealed record Command(string Token, string Name) : IRequest<Result<LinkedAgreement>>;

    public sealed class LinkValidator : AbstractValidator<LinkAcknowledgeRequest>
    {
        public LinkValidator() => RuleFor(r => r.Name).NotEmpty().MaximumLength(200);
    }

    public sealed class Handler(Db db, Outbox outbox, PublicUrl publicUrl, TimeProvider clock) : IRequestHandler<Command, Result<LinkedAgreement>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [.. AgreementRecords.Statements];

        public async ValueTask<Result<LinkedAgreement>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var (link, placement, error) = await AgreementRecords.LinkAsync(connection, command.Token, clock.GetUtcNow(), cancellationToken);
            if (error is not null)
            {
                return error;
            }

            if (placement!.IsExpired(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)) || placement.PlacementStatus != PlacementStatus.AgreementPending)
            {
                return Error.Conflict("This agreement can no longer be acknowledged.");
            }

            if (!await ActionLinks.UseOnceAsync(connection, link!.Id, clock.GetUtcNow(), cancellationToken))
            {
                return ActionLinks.UsedOrExpired;
            }

            if (await AgreementRecords.RecordAsync(connection, db.Dialect, outbox, publicUrl.Current, placement, DbEnum.Parse<AgreementParty>(link.Party!), command.Name.Trim(), "link", null, clock.GetUtcNow(), cancellationToken) is { } failed)
            {
                return failed;
            }

            return await AgreementRecords.LinkedAsync(connection, link, placement, clock.GetUtcNow(), cancellationToken);
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder links) =>
        links.MapPost("/{token}/acknowledge", async Task<Answer<Ok<LinkedAgreement>, Fails.Invalid, Fails.NotFound, Fails.Conflict, Fails.Gone>> (string token, LinkAcknowledgeRequest body, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Command(token, body.Name), ct)).Match(agreement => TypedResults.Ok(agreement)))
            .Validate<LinkAcknowledgeRequest>()
            .AllowAnonymous()
            .RequireLinkRateLimit()
            .WithName("acknowledgeByLink")
            .WithSummary("Acknowledge through a one-time link (works once, before it expires)");
}
