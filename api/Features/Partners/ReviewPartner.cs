using Dapper;
using FluentValidation;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Messaging;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Partners;
using Mediator;

namespace LaunchPath.Api.Features.Partners;

/// <summary>
/// POST /api/v1/partners/{id}/review — the convener or a district's WBL staff approve an employer's application, ask for
/// changes (with a reason the employer reads) or decline it (with a reason). Approval is what lets it post
/// opportunities. The employer's admins are emailed the decision.
/// </summary>
public static class ReviewPartner
{
    public sealed record Command(Caller Caller, Guid EmployerId, PartnerReviewRequest Body) : IRequest<Result<Partnership>>;

    public sealed class Validator : AbstractValidator<PartnerReviewRequest>
    {
        public Validator()
        {
            RuleFor(r => r.Decision).IsInEnum();
            RuleFor(r => r.Reason).NotEmpty().When(r => r.Decision != PartnerDecision.Approve).WithMessage("Say why, for the employer: what to change, or why not.");
            RuleFor(r => r.Reason).MaximumLength(1000);
        }
    }

    private const string Decide =
        "UPDATE organizations SET partner_status = @To, partner_note = @Reason, partner_reviewed_at = @Now, partner_reviewed_by = @UserId, version = version + 1, updated_at = @Now " +
        "WHERE id = @Id AND type = 'employer' AND partner_status = @From";

    private const string SelectStatus = "SELECT partner_status FROM organizations WHERE id = @Id";

    public sealed class Handler(Db db, Outbox outbox, PublicUrl publicUrl, TimeProvider clock) : IRequestHandler<Command, Result<Partnership>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [Decide, SelectStatus, .. EmployerMessages.Statements, .. PartnerRecords.Statements];

        public async ValueTask<Result<Partnership>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var (standing, refused) = await PartnerRecords.OpenAsync(connection, command.Caller, command.EmployerId, cancellationToken, regionSideOnly: true);
            if (refused is not null)
            {
                return refused;
            }

            var from = await connection.ExecuteScalarAsync<string>(new CommandDefinition(SelectStatus, new { Id = command.EmployerId }, cancellationToken: cancellationToken));
            var decision = command.Body.Decision;
            var to = decision switch
            {
                PartnerDecision.Approve => PartnerStatus.Approved,
                PartnerDecision.RequestChanges => PartnerStatus.ChangesRequested,
                _ => PartnerStatus.Declined,
            };
            var allowed = decision switch
            {
                PartnerDecision.Approve => from is "pending" or "changesRequested" or "declined",
                PartnerDecision.RequestChanges => from is "pending",
                _ => from is "pending" or "changesRequested",
            };
            if (!allowed)
            {
                return Error.Conflict($"The employer's application is {from}; it cannot be {(decision == PartnerDecision.RequestChanges ? "sent back for changes" : decision == PartnerDecision.Approve ? "approved" : "declined")} now.");
            }

            var now = clock.GetUtcNow();
            await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
            {
                if (await connection.ExecuteAsync(new CommandDefinition(Decide, new
                    {
                        Id = command.EmployerId, From = from, To = DbEnum.ToText(to), Reason = AddressColumns.Normalize(command.Body.Reason), Now = now, command.Caller.UserId,
                    }, transaction, cancellationToken: cancellationToken)) == 0)
                {
                    return Error.Conflict("Someone else reviewed the application meanwhile; fetch it again.");
                }

                await EmployerMessages.WriteAsync(connection, transaction, outbox, command.EmployerId, "partner.reviewed", new Dictionary<string, object>
                {
                    ["employer"] = standing!.Employer.Name,
                    ["decision"] = DbEnum.ToText(to),
                    ["reason"] = command.Body.Reason?.Trim() ?? "",
                    ["link"] = $"{publicUrl.Current}/#/partnership",
                }, null, null, now, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            outbox.Wake();
            return await PartnerRecords.LoadAsync(connection, standing, DateOnly.FromDateTime(now.UtcDateTime), cancellationToken);
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapPost("/partners/{id:guid}/review", async Task<Answer<Ok<Partnership>, Fails.Invalid, Fails.Forbidden, Fails.NotFound, Fails.Conflict>> (Guid id,
                    PartnerReviewRequest body, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Command(caller, id, body), ct)).Match(p => TypedResults.Ok(p)))
            .Validate<PartnerReviewRequest>()
            .WithTags("Partners")
            .WithName("reviewPartner")
            .WithSummary("Approve an employer's application, ask for changes, or decline it")
            .WithDescription("The region's convener or a district's WBL staff. Asking for changes or declining needs a reason, which the employer's admins are emailed.");
}
