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

namespace LaunchPath.Api.Features.Placements;

/// <summary>
/// POST /api/v1/placements/{id}/accept | decline | approve | withdraw | complete.
/// The employer accepts or declines a request; the school approves an accepted placement with an expiry date; the
/// student, the school or the employer withdraws with a reason; the school completes an active placement, recording
/// credit or credential earned (which moves the student along the continuum for recommendations) — with a recorded
/// reason when hours are undecided or the final evaluation is missing.
/// </summary>
public static class TransitionPlacement
{
    /// <summary>Action is one of the state moves of <see cref="PlacementRules.Moves"/>.</summary>
    public sealed record Command(Caller Caller, Guid Id, PlacementAction Action, string? Reason, DateOnly? ExpiresOn, CompletePlacementRequest? Completion) : IRequest<Result<Placement>>;

    public sealed class ApproveValidator : AbstractValidator<ApprovePlacementRequest>
    {
        public ApproveValidator(TimeProvider clock) =>
            RuleFor(r => r.ExpiresOn).GreaterThan(_ => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)).WithMessage("'Expires On' must be in the future.");
    }

    public sealed class ReasonValidator : AbstractValidator<DecisionRequest>
    {
        public ReasonValidator() => RuleFor(r => r.Reason).NotEmpty().MaximumLength(1000);
    }

    public sealed class CompleteValidator : AbstractValidator<CompletePlacementRequest>
    {
        public CompleteValidator()
        {
            RuleFor(r => r.CreditEarned).MaximumLength(400);
            RuleFor(r => r.CredentialEarned).MaximumLength(400);
            RuleFor(r => r.Reason).MaximumLength(1000);
        }
    }

    private const string Move =
        "UPDATE placements SET status = @To, decision_reason = COALESCE(@Reason, decision_reason), expires_on = COALESCE(@ExpiresOn, expires_on), " +
        "credit_earned = COALESCE(@Credit, credit_earned), credential_earned = COALESCE(@Credential, credential_earned), " +
        "completed_at = CASE WHEN @To = 'completed' THEN @Now ELSE completed_at END, version = version + 1, updated_at = @Now WHERE id = @Id AND status = @From";

    public sealed class Handler(Db db, Outbox outbox, PublicUrl publicUrl, TimeProvider clock) : IRequestHandler<Command, Result<Placement>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [Move, .. PlacementRecord.Statements, .. PlacementMessages.Statements, .. Agreements.AgreementRecords.Statements];

        public async ValueTask<Result<Placement>> Handle(Command command, CancellationToken cancellationToken)
        {
            var caller = command.Caller;
            await using var connection = await db.OpenAsync(cancellationToken);
            var placement = await PlacementRecord.FindVisibleAsync(connection, caller, command.Id, cancellationToken);
            if (placement is null)
            {
                return Error.NotFound($"Placement {command.Id}");
            }

            var part = await PlacementRules.PartOfAsync(connection, caller, placement, cancellationToken, askGuardian: false);
            if (!PlacementRules.MayTake(command.Action, part))
            {
                return Error.Forbidden(command.Action switch
                {
                    PlacementAction.Accept or PlacementAction.Decline => "The employer accepts or declines.",
                    PlacementAction.Approve or PlacementAction.Complete or PlacementAction.Activate => "The school (a coordinator) approves, activates and completes placements.",
                    _ => "Only the student, the school or the employer can withdraw a placement.",
                });
            }

            var (from, to) = PlacementRules.Moves[command.Action];
            if (!from.Contains(placement.PlacementStatus))
            {
                return Error.Conflict($"Cannot {DbEnum.ToText(command.Action)} a placement that is {placement.Status}.");
            }

            var now = clock.GetUtcNow();
            var reason = command.Reason;
            await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
            {
                if (command.Action == PlacementAction.Complete)
                {
                    // Read in the transaction that completes it: an entry submitted meanwhile is counted or waits.
                    var gaps = await PlacementRules.CompletionGapsAsync(connection, command.Id, cancellationToken, transaction);
                    reason = AddressColumns.Normalize(command.Completion?.Reason);
                    if (gaps.Count > 0 && reason is null)
                    {
                        return Error.Unprocessable($"Completing now leaves this undone: {string.Join("; ", gaps)}. Give a reason to complete the placement anyway; it is recorded.");
                    }
                }

                if (command.Action == PlacementAction.Activate)
                {
                    // Read in the transaction that starts it: a document that lapsed or a clearance withdrawn meanwhile counts.
                    var today = DateOnly.FromDateTime(now.UtcDateTime);
                    if (!await Agreements.AgreementRecords.AllAcknowledgedAsync(connection, transaction, placement, today, cancellationToken))
                    {
                        return Error.Conflict("Everyone must acknowledge the training agreement first; the last acknowledgement starts the placement when nothing else is missing.");
                    }

                    var missing = await Agreements.AgreementRecords.ActivationGapsAsync(connection, transaction, placement, today, cancellationToken);
                    if (missing.Count > 0)
                    {
                        return Error.Unprocessable($"The placement cannot start yet: {string.Join("; ", missing)}.");
                    }
                }

                var moved = await connection.ExecuteAsync(new CommandDefinition(Move, new
                {
                    command.Id,
                    From = placement.Status,
                    To = DbEnum.ToText(to),
                    Reason = AddressColumns.Normalize(reason),
                    command.ExpiresOn,
                    Credit = AddressColumns.Normalize(command.Completion?.CreditEarned),
                    Credential = AddressColumns.Normalize(command.Completion?.CredentialEarned),
                    Now = now,
                }, transaction, cancellationToken: cancellationToken));
                if (moved == 0)
                {
                    return Error.Conflict("The placement changed while you acted; fetch it again.");
                }

                // The student (and a minor's guardians) hear of it with the change, or not at all.
                await PlacementMessages.WriteAsync(connection, transaction, outbox, placement, to, command.Reason, publicUrl.Current, caller.UserId, now, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            outbox.Wake();
            var updated = await PlacementRecord.FindVisibleAsync(connection, Caller.System, command.Id, cancellationToken);
            return await updated!.ToContractAsync(connection, caller, now, cancellationToken);
        }
    }

    public static void Map(IEndpointRouteBuilder group)
    {
        static async Task<Answer<Ok<Placement>, Fails.Forbidden, Fails.NotFound, Fails.Conflict>> Send(IMediator mediator, Command command, CancellationToken ct) =>
            (await mediator.Send(command, ct)).Match(placement => TypedResults.Ok(placement));

        Document(group.MapPost("/{id:guid}/accept", (Guid id, Caller caller, IMediator mediator, CancellationToken ct) =>
            Send(mediator, new Command(caller, id, PlacementAction.Accept, null, null, null), ct)), "acceptPlacement", "The employer accepts a request");
        Document(group.MapPost("/{id:guid}/decline", (Guid id, DecisionRequest body, Caller caller, IMediator mediator, CancellationToken ct) =>
            Send(mediator, new Command(caller, id, PlacementAction.Decline, body.Reason, null, null), ct)).Validate<DecisionRequest>(), "declinePlacement", "The employer declines, with a reason");
        Document(group.MapPost("/{id:guid}/approve", (Guid id, ApprovePlacementRequest body, Caller caller, IMediator mediator, CancellationToken ct) =>
            Send(mediator, new Command(caller, id, PlacementAction.Approve, null, body.ExpiresOn, null), ct)).Validate<ApprovePlacementRequest>(), "approvePlacement", "The school approves, with an expiry date");
        Document(group.MapPost("/{id:guid}/withdraw", (Guid id, DecisionRequest body, Caller caller, IMediator mediator, CancellationToken ct) =>
            Send(mediator, new Command(caller, id, PlacementAction.Withdraw, body.Reason, null, null), ct)).Validate<DecisionRequest>(), "withdrawPlacement", "Withdraw, with a reason");
        Document(group.MapPost("/{id:guid}/activate", async Task<Answer<Ok<Placement>, Fails.Forbidden, Fails.NotFound, Fails.Conflict, Fails.Unprocessable>> (Guid id, Caller caller,
                    IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Command(caller, id, PlacementAction.Activate, null, null, null), ct)).Match(placement => TypedResults.Ok(placement)))
            .WithDescription("For a placement everyone acknowledged that waits for what the region requires of the employer (its activationGaps): 422 naming what is " +
                             "still missing — an employer–school agreement in force, a required document, an approved worksite checklist, the supervisor's clearance; 409 " +
                             "before everyone acknowledged."),
            "activatePlacement", "The school starts a placement that waited for the region's requirements");
        Document(group.MapPost("/{id:guid}/complete", async Task<Answer<Ok<Placement>, Fails.Forbidden, Fails.NotFound, Fails.Conflict, Fails.Unprocessable>> (Guid id,
                    CompletePlacementRequest body, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Command(caller, id, PlacementAction.Complete, null, null, body), ct)).Match(placement => TypedResults.Ok(placement)))
            .Validate<CompletePlacementRequest>()
            .WithDescription("422 when hours entries are still undecided or the final evaluation is missing (the placement's completionGaps) and no reason is given; with a reason it completes, and the reason is recorded."),
            "completePlacement", "The school completes an active placement");
    }

    private static void Document(RouteHandlerBuilder builder, string name, string summary) =>
        builder.WithName(name)
            .WithSummary(summary);
}
