using FluentValidation;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Partners;
using Mediator;

namespace LaunchPath.Api.Features.Partners;

/// <summary>
/// GET and PUT /api/v1/regions/{id}/partnership-requirements — what the region asks of its employer partners: the
/// document kinds (and which are required), the worksite safety checklist, the employer–school agreement template, and
/// which rules block placements (an agreement in force; an approved worksite checklist and a cleared supervisor for
/// minors). A region that has set nothing requires nothing and offers the default templates. Anyone who sees the region
/// reads it (employers need the checklist and the document kinds); its curators change it (If-Match). Changing the
/// checklist or the template raises its version; agreements keep the version and terms they were drawn up with.
/// </summary>
public static class PartnershipRequirementsSettings
{
    public sealed record Query(Caller Caller, Guid RegionId) : IRequest<Result<PartnershipRequirements>>;

    public sealed record Command(Caller Caller, Guid RegionId, int? ExpectedVersion, UpdatePartnershipRequirementsRequest Body) : IRequest<Result<PartnershipRequirements>>;

    public sealed class Validator : AbstractValidator<UpdatePartnershipRequirementsRequest>
    {
        public Validator()
        {
            RuleFor(r => r.Documents).Must(d => d.Count <= 20).WithMessage("At most 20 document kinds.")
                .Must(d => d.Select(k => k.Key).Distinct().Count() == d.Count).WithMessage("Each document kind needs its own key.");
            RuleForEach(r => r.Documents).ChildRules(k =>
            {
                k.RuleFor(x => x.Key).NotEmpty().MaximumLength(40).Matches("^[A-Za-z][A-Za-z0-9]*$").WithMessage("'Key' is letters and digits, starting with a letter.");
                k.RuleFor(x => x.Name).NotEmpty().MaximumLength(200);
                k.RuleFor(x => x.MinimumCoverageCents).GreaterThan(0).When(x => x.MinimumCoverageCents is not null);
                k.RuleFor(x => x.MinimumCoverageCents).Null().When(x => !x.Insurance).WithMessage("Only insurance has a minimum coverage.");
            });
            RuleFor(r => r.Checklist).NotEmpty().Must(c => c.Count <= 60).WithMessage("Between 1 and 60 checklist items.")
                .Must(c => c.Select(i => i.Key).Distinct().Count() == c.Count).WithMessage("Each checklist item needs its own key.");
            RuleForEach(r => r.Checklist).ChildRules(i =>
            {
                i.RuleFor(x => x.Key).NotEmpty().MaximumLength(60).Matches("^[A-Za-z][A-Za-z0-9.]*$").WithMessage("'Key' is letters, digits and dots, starting with a letter.");
                i.RuleFor(x => x.Text).NotEmpty().MaximumLength(500);
                i.RuleFor(x => x.Section).Must(s => Sections.Contains(s)).WithMessage($"'Section' must be one of: {string.Join(", ", Sections)}.");
            });
            RuleFor(r => r.AgreementTemplate).NotNull().ChildRules(t =>
            {
                t.RuleFor(x => x.Title).NotEmpty().MaximumLength(200);
                t.RuleFor(x => x.Clauses).NotEmpty().Must(c => c.Count <= 40).WithMessage("Between 1 and 40 clauses.");
                t.RuleForEach(x => x.Clauses).ChildRules(c =>
                {
                    c.RuleFor(x => x.Heading).NotEmpty().MaximumLength(200);
                    c.RuleFor(x => x.Text).NotEmpty().MaximumLength(4000);
                });
            });
        }
    }

    public static readonly string[] Sections = ["hazards", "protectiveEquipment", "supervision", "emergency", "minors"];

    private const string Insert = "INSERT INTO partnership_requirements (region_id, settings, version, updated_at) VALUES (@RegionId, @Settings, @Version, @Now)";

    private const string Update = "UPDATE partnership_requirements SET settings = @Settings, version = @Version, updated_at = @Now WHERE region_id = @RegionId AND version = @Current";

    public sealed class Handler(Db db, TimeProvider clock)
        : IRequestHandler<Query, Result<PartnershipRequirements>>, IRequestHandler<Command, Result<PartnershipRequirements>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [Insert, Update, .. Partnerships.Statements];

        public async ValueTask<Result<PartnershipRequirements>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            return await RegionSettings.CheckReaderAsync(connection, query.Caller, query.RegionId, cancellationToken) is { } unseen
                ? unseen
                : await Partnerships.RequirementsAsync(connection, query.RegionId, cancellationToken);
        }

        public async ValueTask<Result<PartnershipRequirements>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            if (await RegionSettings.CheckCuratorAsync(connection, command.Caller, command.RegionId, cancellationToken) is { } denied)
            {
                return denied;
            }

            var current = await Partnerships.RequirementsAsync(connection, command.RegionId, cancellationToken);
            var body = command.Body;
            var checklistChanged = DbJson.Write(body.Checklist) != DbJson.Write(current.Checklist);
            var templateChanged = DbJson.Write(body.AgreementTemplate) != DbJson.Write(current.AgreementTemplate);
            var next = new PartnershipRequirements
            {
                AgreementRequired = body.AgreementRequired,
                WorksiteChecklistForMinors = body.WorksiteChecklistForMinors,
                SupervisorClearanceForMinors = body.SupervisorClearanceForMinors,
                Documents = body.Documents.Select(k => k with { Key = k.Key.Trim(), Name = k.Name.Trim() }).ToList(),
                Checklist = body.Checklist,
                ChecklistVersion = current.ChecklistVersion + (checklistChanged ? 1 : 0),
                AgreementTemplate = body.AgreementTemplate,
                AgreementTemplateVersion = current.AgreementTemplateVersion + (templateChanged ? 1 : 0),
                Version = 0,
            };
            if (!await VersionedSave.SaveAsync(connection, db.Dialect, Insert, Update, command.ExpectedVersion, current.Version,
                    new { command.RegionId, Settings = DbJson.Write(next) }, clock.GetUtcNow(), cancellationToken))
            {
                return Error.VersionMismatch;
            }

            return await Partnerships.RequirementsAsync(connection, command.RegionId, cancellationToken);
        }
    }

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/regions/{id:guid}/partnership-requirements", async Task<Answer<Ok<PartnershipRequirements>, Fails.NotFound>> (Guid id, Caller caller, HttpResponse response,
                    IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Query(caller, id), ct)).Match(rules =>
                {
                    response.SetETag(rules.Version);
                    return TypedResults.Ok(rules);
                }))
            .WithTags("Partners")
            .WithName("getPartnershipRequirements")
            .WithSummary("What the region asks of its employer partners");
        api.MapPut("/regions/{id:guid}/partnership-requirements", async Task<Answer<Ok<PartnershipRequirements>, Fails.Forbidden, Fails.NotFound, Fails.Versioned>> (Guid id,
                    UpdatePartnershipRequirementsRequest body, Caller caller, HttpRequest request, IMediator mediator, CancellationToken ct) =>
                await Concurrency.VersionedUpdate(request, expected => mediator.Send(new Command(caller, id, expected, body), ct), r => r.Version))
            .Validate<UpdatePartnershipRequirementsRequest>()
            .WithTags("Partners")
            .WithName("updatePartnershipRequirements")
            .WithSummary("Set what the region asks of its employer partners")
            .WithDescription("Send the ETag from GET in If-Match (\"0\" before the region has set any). 412 when it is stale, 428 when it is missing.");
    }
}
