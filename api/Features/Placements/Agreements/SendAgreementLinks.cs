using Dapper;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Messaging;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Messaging;
using LaunchPath.Contracts.Placements;
using Mediator;

namespace LaunchPath.Api.Features.Placements.Agreements;

/// <summary>
/// POST /api/v1/placements/{id}/agreement/messages — the school emails the guardians (of a minor) or the supervisor a
/// new acknowledgement link: the resend of what writing the agreement sent. Copying a link by hand stays possible.
/// </summary>
public static class SendAgreementLinks
{
    public sealed record Command(Caller Caller, Guid Id, AgreementParty Party, string BaseUrl) : IRequest<Result<List<SentMessage>>>;

    public sealed class Handler(Db db, Outbox outbox, TimeProvider clock) : IRequestHandler<Command, Result<List<SentMessage>>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [.. MessageRow.Statements, .. AgreementRecords.Statements, .. AgreementMessages.Statements];

        public async ValueTask<Result<List<SentMessage>>> Handle(Command command, CancellationToken cancellationToken)
        {
            if (command.Party is not (AgreementParty.Guardian or AgreementParty.Supervisor))
            {
                return Error.Validation("party", "Links are emailed to a guardian or a supervisor; students and coordinators sign in.");
            }

            await using var connection = await db.OpenAsync(cancellationToken);
            var now = clock.GetUtcNow();
            var (placement, refused) = await AgreementRecords.OpenForAsync(connection, command.Caller, command.Id, part => PlacementRules.MayTake(PlacementAction.CreateLink, part),
                "The school sends acknowledgement links.", now, cancellationToken);
            if (refused is not null)
            {
                return refused;
            }

            var terms = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(AgreementRecords.SelectTerms, new { command.Id }, cancellationToken: cancellationToken));
            if (terms is null)
            {
                return Error.Conflict("The placement has no training agreement yet; write it first (that sends the links).");
            }

            if (command.Party == AgreementParty.Guardian && !placement!.IsMinor(DateOnly.FromDateTime(now.UtcDateTime)))
            {
                return Error.Unprocessable("The student is an adult: no guardian acknowledges their agreement.");
            }

            List<AgreementMessages.Sent> sent;
            await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
            {
                sent = await AgreementMessages.WriteAsync(connection, transaction, outbox, placement!, DbJson.Read<AgreementRequest>(terms, null!), [command.Party], command.BaseUrl,
                    command.Caller.UserId, now, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            if (sent.Count == 0)
            {
                return Error.Unprocessable("No guardian on the student's record has an email address. Add one to the guardian's record, or create a link and give it to them.");
            }

            outbox.Wake();
            return await MessageRow.LoadAsync(connection, sent.Select(s => s.MessageId), cancellationToken);
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder placements) =>
        placements.MapPost("/{id:guid}/agreement/messages", async Task<Answer<Accepted<List<SentMessage>>, Fails.Invalid, Fails.Forbidden, Fails.NotFound, Fails.Conflict, Fails.Unprocessable>> (
                    Guid id, CreateLinkRequest body, Caller caller, HttpRequest request, PublicUrl publicUrl, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Command(caller, id, body.Party, publicUrl.For(request)), ct)).Match(messages => TypedResults.Accepted($"/api/v1/placements/{id}/messages", messages)))
            .WithName("sendAgreementLinks")
            .WithSummary("Email the guardians or the supervisor a new acknowledgement link")
            .WithDescription("Each recipient gets a one-time link of their own, in their language. The answer lists the messages written; their delivery shows in GET /placements/{id}/messages.");
}
