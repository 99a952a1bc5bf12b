using Dapper;
using FluentValidation;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Messaging;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Opportunities;
using Mediator;

namespace LaunchPath.Api.Features.Opportunities;

/// <summary>
/// The curation workflow: POST /api/v1/opportunities/{id}/submit | approve | reject | close.
/// draft or rejected → submitted (the employer); submitted → published or rejected with a reason (a curator);
/// published → closed (the employer or a curator). Any other move is a 409 naming the current status.
/// </summary>
public static class TransitionOpportunity
{
    /// <summary>Action is one of the moves of <see cref="OpportunityRules.Moves"/>.</summary>
    public sealed record Command(Caller Caller, Guid Id, OpportunityAction Action, string? Reason) : IRequest<Result<Opportunity>>;

    public sealed class RejectValidator : AbstractValidator<RejectOpportunityRequest>
    {
        public RejectValidator() => RuleFor(r => r.Reason).NotEmpty().MaximumLength(1000);
    }

    public sealed class Handler(Db db, Outbox outbox, PublicUrl publicUrl, TimeProvider clock, RegionOpportunities regionOpportunities) : IRequestHandler<Command, Result<Opportunity>>, ISqlSource
    {
        private const string Move =
            "UPDATE opportunities SET status = @To, rejection_reason = @Reason, " +
            "submitted_at = CASE WHEN @To = 'submitted' THEN @Now ELSE submitted_at END, " +
            "decided_at = CASE WHEN @To IN ('published', 'rejected') THEN @Now ELSE decided_at END, " +
            "decided_by_user_id = CASE WHEN @To IN ('published', 'rejected') THEN @UserId ELSE decided_by_user_id END, " +
            "version = version + 1, updated_at = @Now WHERE id = @Id AND status = @From";

        public static IEnumerable<string> Statements(SqlDialect dialect) => [Move, .. OpportunityQueries.Statements, .. EmployerMessages.Statements, .. Partnerships.Statements];

        public async ValueTask<Result<Opportunity>> Handle(Command command, CancellationToken cancellationToken)
        {
            var caller = command.Caller;
            await using var connection = await db.OpenAsync(cancellationToken);
            var current = await OpportunityQueries.FindVisibleAsync(connection, caller, command.Id, cancellationToken);
            if (current is null)
            {
                return Error.NotFound($"Opportunity {command.Id}");
            }

            var audience = (await OpportunityRecord.AudiencesAsync(connection, [current.Id], null, cancellationToken))[current.Id];
            var part = OpportunityRules.PartOf(caller, current.EmployerId, current.RegionId, current.AudienceScope, audience);
            if (!OpportunityRules.MayTake(command.Action, part))
            {
                return Error.Forbidden(command.Action is OpportunityAction.Approve or OpportunityAction.Reject
                    ? "Only a curator for this opportunity's audience (the convener, or the district's or school's coordinator) can approve or reject it."
                    : "Your role does not allow this for this opportunity.");
            }

            if (!OpportunityRules.OpenTo(command.Action, current.OpportunityStatus))
            {
                return Error.Conflict($"Cannot {DbEnum.ToText(command.Action)} an opportunity that is {current.Status}.");
            }

            // Only an approved partner's opportunities reach students: a declined or pending employer's cannot be submitted or published.
            if (command.Action is OpportunityAction.Submit or OpportunityAction.Approve
                && await Partnerships.NotPostingAsync(connection, current.EmployerId, cancellationToken) is { } notPartner)
            {
                return Error.Unprocessable(notPartner);
            }

            var to = OpportunityRules.Moves[command.Action].To;
            var now = clock.GetUtcNow();
            await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
            {
                var moved = await connection.ExecuteAsync(new CommandDefinition(Move, new
                {
                    command.Id,
                    From = current.Status,
                    To = DbEnum.ToText(to),
                    Reason = command.Action == OpportunityAction.Reject ? command.Reason!.Trim() : null,
                    UserId = caller.UserId,
                    Now = now,
                }, transaction, cancellationToken: cancellationToken));
                if (moved == 0)
                {
                    return Error.Conflict("The opportunity changed while you acted; fetch it again.");
                }

                // A curation decision reaches the employer's admins with the change.
                if (command.Action is OpportunityAction.Approve or OpportunityAction.Reject)
                {
                    await EmployerMessages.WriteAsync(connection, transaction, outbox, current.EmployerId, "opportunity.decided", new Dictionary<string, object>
                    {
                        ["approved"] = command.Action == OpportunityAction.Approve,
                        ["opportunity"] = current.Title,
                        ["reason"] = command.Reason?.Trim() ?? "",
                        ["link"] = $"{publicUrl.Current}/#/our-opportunities",
                    }, null, null, now, cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
            }

            if (to is OpportunityStatus.Published or OpportunityStatus.Closed)
            {
                regionOpportunities.Changed(current.RegionId); // students on this node find it (or see it closed) at once
            }

            outbox.Wake();
            var row = await OpportunityQueries.FindVisibleAsync(connection, Caller.System, command.Id, cancellationToken);
            return row!.ToContract(audience, caller); // a move leaves the audience as it was
        }
    }

    public static void Map(IEndpointRouteBuilder group)
    {
        static async Task<Answer<Ok<Opportunity>, Fails.Forbidden, Fails.NotFound, Fails.Conflict>> Send(IMediator mediator, Command command, CancellationToken ct) =>
            (await mediator.Send(command, ct)).Match(opportunity => TypedResults.Ok(opportunity));

        // Submitting and publishing also ask whether the employer is an approved partner (422 when not).
        static async Task<Answer<Ok<Opportunity>, Fails.Forbidden, Fails.NotFound, Fails.Conflict, Fails.Unprocessable>> SendChecked(IMediator mediator, Command command, CancellationToken ct) =>
            (await mediator.Send(command, ct)).Match(opportunity => TypedResults.Ok(opportunity));

        Document(group.MapPost("/{id:guid}/submit", (Guid id, Caller caller, IMediator mediator, CancellationToken ct) =>
                SendChecked(mediator, new Command(caller, id, OpportunityAction.Submit, null), ct)),
            "submitOpportunity", "Submit for curation", "draft or rejected → submitted. By the employer (or the convener on its behalf). 422 while the employer is not an approved partner.");
        Document(group.MapPost("/{id:guid}/approve", (Guid id, Caller caller, IMediator mediator, CancellationToken ct) =>
                SendChecked(mediator, new Command(caller, id, OpportunityAction.Approve, null), ct)),
            "approveOpportunity", "Approve and publish", "submitted → published. By a curator for the opportunity's audience. 422 while the employer is not an approved partner.");
        Document(group.MapPost("/{id:guid}/reject", (Guid id, RejectOpportunityRequest body, Caller caller, IMediator mediator, CancellationToken ct) =>
                    Send(mediator, new Command(caller, id, OpportunityAction.Reject, body.Reason), ct))
                .Validate<RejectOpportunityRequest>(),
            "rejectOpportunity", "Reject with a reason", "submitted → rejected. The employer can edit and resubmit.");
        Document(group.MapPost("/{id:guid}/close", (Guid id, Caller caller, IMediator mediator, CancellationToken ct) =>
                Send(mediator, new Command(caller, id, OpportunityAction.Close, null), ct)),
            "closeOpportunity", "Close a published opportunity", "published → closed. No new students; existing placements continue.");
    }

    private static void Document(RouteHandlerBuilder builder, string name, string summary, string description) =>
        builder.WithName(name)
            .WithSummary(summary)
            .WithDescription(description);
}
