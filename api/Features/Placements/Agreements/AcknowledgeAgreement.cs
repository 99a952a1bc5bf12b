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
/// POST /api/v1/placements/{id}/agreement/acknowledge — a signed-in party acknowledges the agreement as the student,
/// guardian, supervisor or coordinator; the placement becomes active when every required party has.
/// </summary>
public static class AcknowledgeAgreement
{
    public sealed record Command(Caller Caller, Guid Id, AgreementParty Party) : IRequest<Result<Placement>>;

    public sealed class Handler(Db db, Outbox outbox, PublicUrl publicUrl, TimeProvider clock) : IRequestHandler<Command, Result<Placement>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [.. AgreementRecords.Statements];

        public async ValueTask<Result<Placement>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var caller = command.Caller;
            // A coordinator acknowledges as a person: an API key holding the school's permissions cannot.
            var (placement, refused) = await AgreementRecords.OpenForAsync(connection, caller, command.Id,
                part => PlacementRules.MayActAs(command.Party, part) && caller.UserId is not null, $"You cannot acknowledge as the {DbEnum.ToText(command.Party)}.",
                clock.GetUtcNow(), cancellationToken, askGuardian: command.Party == AgreementParty.Guardian);
            if (refused is not null)
            {
                return refused;
            }

            var result = await AgreementRecords.RecordAsync(connection, db.Dialect, outbox, publicUrl.Current, placement!, command.Party, caller.DisplayName ?? caller.Email ?? "unknown", "account", caller.UserId, clock.GetUtcNow(), cancellationToken);
            return result ?? await AgreementRecords.ReloadAsync(connection, caller, command.Id, clock.GetUtcNow(), cancellationToken);
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder placements) =>
        placements.MapPost("/{id:guid}/agreement/acknowledge", async Task<Answer<Ok<Placement>, Fails.Forbidden, Fails.NotFound, Fails.Conflict>> (Guid id, AcknowledgeRequest body, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Command(caller, id, body.Party), ct)).Match(placement => TypedResults.Ok(placement)))
            .WithName("acknowledgeAgreement")
            .WithSummary("Acknowledge the agreement as the student, guardian, supervisor or coordinator");
}
