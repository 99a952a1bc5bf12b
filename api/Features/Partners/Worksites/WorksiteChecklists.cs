using Dapper;
using FluentValidation;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Partners;
using Mediator;

namespace LaunchPath.Api.Features.Partners.Worksites;

/// <summary>
/// PUT /api/v1/worksites/{id}/checklist — the employer answers the region's worksite safety checklist (every item of
/// its current version; hazards, protective equipment, supervision ratio, emergency procedures, and which federal
/// hazardous occupations orders apply at the site); POST .../checklist/review — the region's side approves it or asks
/// for changes with a reason. Where the region says so, a minor's in-person placement needs the worksite's checklist
/// approved.
/// </summary>
public static class WorksiteChecklists
{
    public sealed record Submit(Caller Caller, Guid WorksiteId, WorksiteChecklistRequest Body) : IRequest<Result<Worksite>>;

    public sealed record Review(Caller Caller, Guid WorksiteId, ReviewRequest Body) : IRequest<Result<Worksite>>;

    public static readonly string[] Answers = ["yes", "no", "notApplicable"];

    public sealed class Validator : AbstractValidator<WorksiteChecklistRequest>
    {
        public Validator()
        {
            RuleFor(r => r.Answers).NotEmpty().Must(a => a.Count <= 60 && a.Select(x => x.Key).Distinct().Count() == a.Count).WithMessage("Answer each item once.");
            RuleForEach(r => r.Answers).ChildRules(a =>
            {
                a.RuleFor(x => x.Key).NotEmpty().MaximumLength(60);
                a.RuleFor(x => x.Answer).Must(x => Answers.Contains(x)).WithMessage($"'Answer' must be one of: {string.Join(", ", Answers)}.");
                a.RuleFor(x => x.Note).MaximumLength(1000);
            });
            RuleFor(r => r.StudentsPerSupervisor).InclusiveBetween(1, 50);
            RuleFor(r => r.EmergencyProcedures).NotEmpty().MaximumLength(2000);
            RuleFor(r => r.ProtectiveEquipment).NotEmpty().MaximumLength(1000);
            RuleFor(r => r.HazardousOrders).Must(h => h.Distinct().Count() == h.Count).WithMessage("Name each order once.");
            RuleForEach(r => r.HazardousOrders).InclusiveBetween(1, 17).WithMessage("Hazardous occupations orders are numbered 1 to 17 (29 CFR 570 subpart E).");
        }
    }

    public sealed class ReviewValidator : AbstractValidator<ReviewRequest>
    {
        public ReviewValidator()
        {
            RuleFor(r => r.Reason).NotEmpty().When(r => !r.Approve).WithMessage("Say what to change.");
            RuleFor(r => r.Reason).MaximumLength(1000);
        }
    }

    private const string Save =
        "UPDATE worksites SET checklist_status = 'submitted', checklist = @Checklist, checklist_version = @TemplateVersion, checklist_submitted_at = @Now, " +
        "checklist_note = NULL, version = version + 1, updated_at = @Now WHERE id = @Id";

    private const string Decide =
        "UPDATE worksites SET checklist_status = @To, checklist_note = @Reason, checklist_reviewed_at = @Now, checklist_reviewed_by = @UserId, version = version + 1, updated_at = @Now " +
        "WHERE id = @Id AND checklist_status = 'submitted'";

    public sealed class Handler(Db db, TimeProvider clock) : IRequestHandler<Submit, Result<Worksite>>, IRequestHandler<Review, Result<Worksite>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [Save, Decide, .. PartnerRecords.Statements];

        public async ValueTask<Result<Worksite>> Handle(Submit command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var (site, standing, refused) = await OpenAsync(connection, command.Caller, command.WorksiteId, cancellationToken);
            if (refused is not null)
            {
                return refused;
            }

            if (!standing!.EmployerAdmin)
            {
                return Error.Forbidden("The employer's admins complete its worksites' safety checklists.");
            }

            var rules = await Partnerships.RequirementsAsync(connection, standing.Employer.Ref.RegionId, cancellationToken);
            var template = rules.Checklist.Select(i => i.Key).ToHashSet(StringComparer.Ordinal);
            var answered = command.Body.Answers.Select(a => a.Key).ToHashSet(StringComparer.Ordinal);
            var unknown = answered.Except(template).ToList();
            var missing = rules.Checklist.Where(i => !answered.Contains(i.Key)).ToList();
            if (unknown.Count > 0 || missing.Count > 0)
            {
                return Error.Unprocessable(string.Join(" ", new[]
                {
                    unknown.Count > 0 ? $"Not on the region's checklist (version {rules.ChecklistVersion}): {string.Join(", ", unknown)}." : null,
                    missing.Count > 0 ? $"Not answered: {string.Join("; ", missing.Select(i => i.Text))}" : null,
                }.OfType<string>()));
            }

            await connection.ExecuteAsync(new CommandDefinition(Save, new
            {
                Id = site!.Id, Checklist = DbJson.Write(command.Body with { HazardousOrders = command.Body.HazardousOrders.Order().ToList() }),
                TemplateVersion = rules.ChecklistVersion, Now = clock.GetUtcNow(),
            }, cancellationToken: cancellationToken));
            return (await PartnerRecords.FindWorksiteAsync(connection, site.Id, cancellationToken))!.ToContract();
        }

        public async ValueTask<Result<Worksite>> Handle(Review command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var (site, standing, refused) = await OpenAsync(connection, command.Caller, command.WorksiteId, cancellationToken);
            if (refused is not null)
            {
                return refused;
            }

            if (!standing!.RegionSide)
            {
                return Error.Forbidden("The region's convener or a district's work-based learning staff review worksite checklists.");
            }

            if (await connection.ExecuteAsync(new CommandDefinition(Decide, new
                {
                    Id = site!.Id, To = command.Body.Approve ? "approved" : "changesRequested", Reason = AddressColumns.Normalize(command.Body.Reason),
                    command.Caller.UserId, Now = clock.GetUtcNow(),
                }, cancellationToken: cancellationToken)) == 0)
            {
                return Error.Conflict($"The checklist is {DbEnum.ToText(DbEnum.Parse<ChecklistStatus>(site.ChecklistStatus))}, not submitted: there is nothing to review.");
            }

            return (await PartnerRecords.FindWorksiteAsync(connection, site.Id, cancellationToken))!.ToContract();
        }

        private static async Task<(PartnerRecords.WorksiteRow? Site, PartnerRecords.Standing? Standing, Error? Error)> OpenAsync(System.Data.Common.DbConnection connection,
            Caller caller, Guid id, CancellationToken cancellationToken) =>
            await PartnerRecords.OpenOwnedAsync(connection, caller, await PartnerRecords.FindWorksiteAsync(connection, id, cancellationToken), w => w.EmployerId, $"Worksite {id}",
                cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPut("/worksites/{id:guid}/checklist", async Task<Answer<Ok<Worksite>, Fails.Invalid, Fails.Forbidden, Fails.NotFound, Fails.Unprocessable>> (Guid id,
                    WorksiteChecklistRequest body, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Submit(caller, id, body), ct)).Match(site => TypedResults.Ok(site)))
            .Validate<WorksiteChecklistRequest>()
            .WithTags("Partners")
            .WithName("submitWorksiteChecklist")
            .WithSummary("Answer the region's worksite safety checklist (the employer's admins)")
            .WithDescription("Every item of the region's current checklist, once (422 naming the items missing or unknown). Sent again, it replaces the answers and waits for review.");
        api.MapPost("/worksites/{id:guid}/checklist/review", async Task<Answer<Ok<Worksite>, Fails.Invalid, Fails.Forbidden, Fails.NotFound, Fails.Conflict>> (Guid id,
                    ReviewRequest body, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Review(caller, id, body), ct)).Match(site => TypedResults.Ok(site)))
            .Validate<ReviewRequest>()
            .WithTags("Partners")
            .WithName("reviewWorksiteChecklist")
            .WithSummary("Approve a worksite's safety checklist, or ask for changes")
            .WithDescription("The region's convener or a district's WBL staff; 409 when no checklist waits for review.");
    }
}
