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
/// PUT /api/v1/placements/{id}/agreement — the school or the employer writes the training agreement (learning plan) of
/// an approved placement; rewriting clears the acknowledgements, so everyone acknowledges the current version.
/// </summary>
public static class WriteAgreement
{
    public sealed record Command(Caller Caller, Guid Id, AgreementRequest Body, string BaseUrl) : IRequest<Result<Placement>>;

    public sealed class AgreementValidator : AbstractValidator<AgreementRequest>
    {
        public AgreementValidator()
        {
            RuleFor(r => r.Objectives).NotEmpty().Must(o => o.Count <= 20).WithMessage("Between 1 and 20 learning objectives.");
            RuleForEach(r => r.Objectives).ChildRules(o =>
            {
                o.RuleFor(x => x.Description).NotEmpty().MaximumLength(500);
                o.RuleForEach(x => x.Skills).NotEmpty().MaximumLength(100);
            });
            RuleFor(r => r.EndDate).GreaterThanOrEqualTo(r => r.StartDate).When(r => r.StartDate is not null && r.EndDate is not null);
            RuleFor(r => r.SupervisorName).NotEmpty().MaximumLength(200);
            RuleFor(r => r.SupervisorEmail).NotEmpty().EmailAddress().MaximumLength(320);
            RuleFor(r => r.Compensation).NotEmpty().MaximumLength(400);
            RuleFor(r => r.Credit).NotEmpty().MaximumLength(400);
        }
    }

    private const string InsertAgreement = "INSERT INTO agreements (placement_id, terms, version, created_at, updated_at) VALUES (@Id, @Terms, 1, @Now, @Now)";

    private const string UpdateAgreement = "UPDATE agreements SET terms = @Terms, version = version + 1, updated_at = @Now WHERE placement_id = @Id";

    private const string ClearAcknowledgements = "DELETE FROM acknowledgements WHERE placement_id = @Id";

    private const string ToPending = "UPDATE placements SET status = 'agreementPending', version = version + 1, updated_at = @Now WHERE id = @Id AND status IN ('approved', 'agreementPending')";

    public sealed class Handler(Db db, Outbox outbox, TimeProvider clock) : IRequestHandler<Command, Result<Placement>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [InsertAgreement, UpdateAgreement, ClearAcknowledgements, ToPending, .. AgreementRecords.Statements, .. AgreementMessages.Statements];

        public async ValueTask<Result<Placement>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var (placement, refused) = await AgreementRecords.OpenForAsync(connection, command.Caller, command.Id, part => PlacementRules.MayTake(PlacementAction.WriteAgreement, part),
                "The school or the employer writes the training agreement.", clock.GetUtcNow(), cancellationToken);
            if (refused is not null)
            {
                return refused;
            }

            var now = clock.GetUtcNow();
            var terms = DbJson.Write(command.Body);
            await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
            {
                var exists = await connection.ExecuteScalarAsync<int?>(new CommandDefinition(AgreementRecords.SelectVersion, new { command.Id }, transaction, cancellationToken: cancellationToken));
                await connection.ExecuteAsync(new CommandDefinition(exists is null ? InsertAgreement : UpdateAgreement, new { command.Id, Terms = terms, Now = now }, transaction, cancellationToken: cancellationToken));
                await connection.ExecuteAsync(new CommandDefinition(ClearAcknowledgements, new { command.Id }, transaction, cancellationToken: cancellationToken));
                await connection.ExecuteAsync(new CommandDefinition(ToPending, new { command.Id, Now = now }, transaction, cancellationToken: cancellationToken));
                // The guardian (for a minor) and the supervisor get their links by email with the agreement, or not at all.
                await AgreementMessages.WriteAsync(connection, transaction, outbox, placement!, command.Body, [AgreementParty.Guardian, AgreementParty.Supervisor], command.BaseUrl,
                    command.Caller.UserId, now, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            outbox.Wake();

            return await AgreementRecords.ReloadAsync(connection, command.Caller, command.Id, clock.GetUtcNow(), cancellationToken);
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder placements) =>
        placements.MapPut("/{id:guid}/agreement", async Task<Answer<Ok<Placement>, Fails.Invalid, Fails.Forbidden, Fails.NotFound, Fails.Conflict>> (Guid id, AgreementRequest body, Caller caller, HttpRequest request,
                    PublicUrl publicUrl, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Command(caller, id, body, publicUrl.For(request)), ct)).Match(placement => TypedResults.Ok(placement)))
            .Validate<AgreementRequest>()
            .WithName("writeAgreement")
            .WithSummary("Write (or rewrite) the training agreement of an approved placement")
            .WithDescription("Rewriting clears earlier acknowledgements: everyone acknowledges the current version. The guardians on the student's record (for a minor) " +
                "and the supervisor it names are emailed a one-time acknowledgement link each, in their language.");
}
