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

/// <summary>
/// POST /api/v1/placements/{id}/agreement/links — the school issues a one-time link for a guardian or supervisor
/// without an account.
/// </summary>
public static class CreateAcknowledgementLink
{
    public sealed record Command(Caller Caller, Guid Id, AgreementParty Party, string BaseUrl) : IRequest<Result<ActionLink>>;

    public sealed class Handler(Db db, TimeProvider clock) : IRequestHandler<Command, Result<ActionLink>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [.. AgreementRecords.Statements];

        public async ValueTask<Result<ActionLink>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var (placement, refused) = await AgreementRecords.OpenForAsync(connection, command.Caller, command.Id, part => PlacementRules.MayTake(PlacementAction.CreateLink, part),
                "The school issues acknowledgement links.", clock.GetUtcNow(), cancellationToken);
            if (refused is not null)
            {
                return refused;
            }

            if (command.Party is not (AgreementParty.Guardian or AgreementParty.Supervisor))
            {
                return Error.Validation("party", "Links are for a guardian or a supervisor; students and coordinators sign in.");
            }

            var (token, expires) = await ActionLinks.IssueAsync(connection, ActionLinks.Acknowledge, command.Id, DbEnum.ToText(command.Party), null,
                command.Caller.UserId, clock.GetUtcNow(), cancellationToken);
            return new ActionLink { Token = token, Url = $"{command.BaseUrl.TrimEnd('/')}/acknowledge/{token}", ExpiresAt = expires };
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder placements) =>
        placements.MapPost("/{id:guid}/agreement/links", async Task<Answer<Created<ActionLink>, Fails.Invalid, Fails.Forbidden, Fails.NotFound, Fails.Conflict>> (Guid id, CreateLinkRequest body, Caller caller, HttpRequest request, PublicUrl publicUrl, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Command(caller, id, body.Party, publicUrl.For(request)), ct)).Match(link =>
                {
                    request.HttpContext.Response.Headers.CacheControl = "no-store";
                    return TypedResults.Created($"/api/v1/links/{link.Token}", link);
                }))
            .WithName("createAcknowledgementLink")
            .WithSummary("A one-time link for a guardian or supervisor to acknowledge without an account");
}
