using Dapper;
using FluentValidation;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Messaging;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Partners;
using Mediator;
using Microsoft.AspNetCore.Identity;

namespace LaunchPath.Api.Features.Partners;

/// <summary>
/// The public "Become a partner" form, signed out. POST /api/v1/partner-applications creates a pending employer in the
/// chosen region with its worksites, and an account for its contact as the employer's admin, whose invitation link
/// (the one-time link of account invitations) proves the address and sets the password. The convener or a district's
/// WBL staff then review it; until approved it cannot post opportunities. The answer is the same whatever happened, so
/// the form never tells whether an address has an account (that address is emailed instead). A filled honeypot field
/// is answered alike and nothing is kept; the form is limited per client address and in size.
/// GET /api/v1/partner-applications/regions lists the regions to choose from.
/// </summary>
public static class ApplyAsPartner
{
    /// <summary>The most a form may weigh: a profile and up to 20 worksites are a few KB.</summary>
    public const long MaxBodyBytes = 64 * 1024;

    public sealed record Command(PartnerApplicationRequest Body, string BaseUrl) : IRequest<Result<PartnerApplicationReceipt>>;

    public sealed record RegionsQuery : IRequest<List<PartnerRegion>>;

    public sealed class Validator : AbstractValidator<PartnerApplicationRequest>
    {
        public Validator()
        {
            RuleFor(r => r.RegionId).NotEmpty().MustBeId();
            RuleFor(r => r.Profile).NotNull().SetValidator(new PartnerRules.ProfileValidator());
            RuleFor(r => r.Worksites).NotEmpty().WithMessage("Name at least one worksite (a remote one will do).")
                .Must(w => w.Count <= 20).WithMessage("At most 20 worksites on the form; add more once approved.");
            RuleForEach(r => r.Worksites).SetValidator(new PartnerRules.WorksiteValidator());
            RuleFor(r => r.Homepage).MaximumLength(300);
        }
    }

    private const string SelectRegions = "SELECT id, name FROM organizations WHERE type = 'region' ORDER BY name, id";

    private const string SelectRegion = "SELECT name FROM organizations WHERE id = @Id AND type = 'region'";

    private static readonly string InsertEmployer =
        "INSERT INTO organizations (id, type, name, parent_id, region_id, district_id, scope_key, sourced_id, identifier, " + AddressColumns.Select +
        ", industry, career_cluster, partner_status, partner_profile, partner_applied_at, version, created_at, updated_at) VALUES (@Id, 'employer', @Name, @RegionId, @RegionId, NULL, " +
        "@ScopeKey, NULL, NULL, " + AddressColumns.InsertParameters + ", @Industry, @Cluster, 'pending', @Profile, @Now, 1, @Now, @Now)";

    public sealed class Handler(Db db, Outbox outbox, PasswordHasher<Accounts.Account> hasher, TimeProvider clock, ILogger<Handler> logger)
        : IRequestHandler<Command, Result<PartnerApplicationReceipt>>, IRequestHandler<RegionsQuery, List<PartnerRegion>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) =>
            [SelectRegions, SelectRegion, InsertEmployer, PartnerRules.InsertWorksite, .. Accounts.Statements, .. AccountLinks.Statements, .. Outbox.Statements];

        public async ValueTask<List<PartnerRegion>> Handle(RegionsQuery query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            return (await connection.QueryAsync<(Guid Id, string Name)>(new CommandDefinition(SelectRegions, cancellationToken: cancellationToken)))
                .Select(r => new PartnerRegion { Id = r.Id.ToString("D"), Name = r.Name }).ToList();
        }

        public async ValueTask<Result<PartnerApplicationReceipt>> Handle(Command command, CancellationToken cancellationToken)
        {
            var (body, profile) = (command.Body, command.Body.Profile);
            var email = profile.Contact.Email.Trim();
            var receipt = new PartnerApplicationReceipt
            {
                Message = $"Thank you. We sent an email to {email}: follow its link to confirm the address and choose your password. " +
                          "The region reviews your application and writes to you; you can post opportunities once it is approved.",
            };
            if (!string.IsNullOrEmpty(body.Homepage))
            {
                logger.LogInformation("A partner application filled the honeypot field and was dropped");
                return receipt;
            }

            await using var connection = await db.OpenAsync(cancellationToken);
            var regionId = Guid.Parse(body.RegionId);
            var regionName = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(SelectRegion, new { Id = regionId }, cancellationToken: cancellationToken));
            if (regionName is null)
            {
                return Error.Unprocessable($"Region {body.RegionId} was not found.");
            }

            var now = clock.GetUtcNow();
            if (await Accounts.ExistsAsync(connection, email, cancellationToken))
            {
                // Said to the address's owner, not to whoever filled the form.
                await outbox.EnqueueAsync(connection, null, new Envelope("partner.existingAccount", MessageTemplates.DefaultLanguage, email, profile.Contact.Name.Trim(),
                    new Dictionary<string, object>
                    {
                        ["recipient"] = profile.Contact.Name.Trim(),
                        ["organization"] = profile.OrganizationName.Trim(),
                        ["region"] = regionName,
                        ["link"] = $"{command.BaseUrl.TrimEnd('/')}/",
                    }), cancellationToken);
                outbox.Wake();
                return receipt;
            }

            var employerId = Guid.CreateVersion7();
            await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
            {
                var parameters = new DynamicParameters(AddressColumns.Parameters(profile.Address));
                parameters.AddDynamicParams(new
                {
                    Id = employerId,
                    Name = profile.OrganizationName.Trim(),
                    RegionId = regionId,
                    ScopeKey = regionId.ToString("D"),
                    Industry = profile.Industry.Trim(),
                    Cluster = DbEnum.ToText(profile.CareerClusters[0]),
                    Profile = DbJson.Write(profile),
                    Now = now,
                });
                await connection.ExecuteAsync(new CommandDefinition(InsertEmployer, parameters, transaction, cancellationToken: cancellationToken));
                foreach (var worksite in body.Worksites)
                {
                    var site = PartnerRules.WorksiteParameters(worksite);
                    site.AddDynamicParams(new { Id = Guid.CreateVersion7(), EmployerId = employerId, RegionId = regionId, Now = now });
                    await connection.ExecuteAsync(new CommandDefinition(PartnerRules.InsertWorksite, site, transaction, cancellationToken: cancellationToken));
                }

                var account = await Accounts.CreateAsync(connection, transaction, db.Dialect, hasher,
                    new Accounts.NewAccount(email, profile.Contact.Name, null, null, employerId, Role.EmployerAdmin), now, cancellationToken);
                if (!account.IsSuccess)
                {
                    return receipt; // the same address applied a moment ago: that application stands
                }

                await AccountLinks.SendAsync(connection, transaction, outbox, AccountLinks.Invitation, account.Value!, command.BaseUrl, null, now, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            outbox.Wake();
            logger.LogInformation("Partner application {EmployerId} received in region {RegionId}", employerId, regionId);
            return receipt;
        }
    }

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/partner-applications/regions", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new RegionsQuery(), ct)))
            .AllowAnonymous()
            .WithTags("Partners")
            .WithName("listPartnerRegions")
            .WithSummary("The regions an employer can apply to (public)");
        api.MapPost("/partner-applications", async Task<Answer<Accepted<PartnerApplicationReceipt>, Fails.Invalid, Fails.Unprocessable>> (PartnerApplicationRequest body,
                    HttpRequest request, PublicUrl publicUrl, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Command(body, publicUrl.For(request)), ct)).Match(receipt => TypedResults.Accepted((string?)null, receipt)))
            .Validate<PartnerApplicationRequest>()
            .AllowAnonymous()
            .RequirePublicFormRateLimit()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxBodyBytes))
            .WithTags("Partners")
            .WithName("applyAsPartner")
            .WithSummary("Ask to become a partner employer (public)")
            .WithDescription("Signed out. Creates a pending employer, its worksites and an invited admin account for the contact (the emailed link confirms the address " +
                             "and sets the password). The answer does not say whether the address already has an account: that address is emailed instead. " +
                             $"Limited per client address (429) and to {MaxBodyBytes / 1024} KB (413).");
    }
}
