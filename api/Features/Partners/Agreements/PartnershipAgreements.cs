using Dapper;
using FluentValidation;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Organizations;
using LaunchPath.Contracts.Partners;
using Mediator;

namespace LaunchPath.Api.Features.Partners.Agreements;

/// <summary>
/// Employer–school partnership agreements (MOUs). The region's side draws one up for an approved employer with a
/// district (a district's WBL staff, for theirs) or with the region on behalf of all its districts
/// (POST /api/v1/partners/{id}/agreements): the region's current template is copied into it with its version, so what
/// is signed never changes. Each side acknowledges it with a name, a title and the time
/// (POST /api/v1/partnership-agreements/{id}/sign); signed by both, it is in force from its start to its end date, and
/// every placement at the employer for that district (or the region's) uses it. Before it ends, the region's side draws
/// up its renewal (POST .../renew), from the day after, once.
/// </summary>
public static class PartnershipAgreements
{
    public sealed record Draft(Caller Caller, Guid EmployerId, CreatePartnershipAgreementRequest Body) : IRequest<Result<PartnershipAgreement>>;

    public sealed record Sign(Caller Caller, Guid AgreementId, SignAgreementRequest Body) : IRequest<Result<PartnershipAgreement>>;

    public sealed record Renew(Caller Caller, Guid AgreementId, RenewAgreementRequest Body) : IRequest<Result<PartnershipAgreement>>;

    /// <summary>The longest term an agreement may have.</summary>
    public const int MaxYears = 5;

    public sealed class DraftValidator : AbstractValidator<CreatePartnershipAgreementRequest>
    {
        public DraftValidator()
        {
            RuleFor(r => r.DistrictId).MustBeId();
            RuleFor(r => r.EndsOn).GreaterThanOrEqualTo(r => r.StartsOn).WithMessage("'Ends On' must not be before 'Starts On'.")
                .Must((r, end) => end <= r.StartsOn.AddYears(MaxYears)).WithMessage($"An agreement runs for at most {MaxYears} years; renew it after.");
        }
    }

    public sealed class SignValidator : AbstractValidator<SignAgreementRequest>
    {
        public SignValidator()
        {
            RuleFor(r => r.Side).IsInEnum();
            RuleFor(r => r.Name).NotEmpty().MaximumLength(200);
            RuleFor(r => r.Title).NotEmpty().MaximumLength(200);
        }
    }

    private const string Insert =
        "INSERT INTO partnership_agreements (id, employer_id, region_id, district_id, template_version, terms, starts_on, ends_on, renews_id, created_by, created_at) " +
        "VALUES (@Id, @EmployerId, @RegionId, @DistrictId, @TemplateVersion, @Terms, @StartsOn, @EndsOn, @RenewsId, @UserId, @Now)";

    private const string SelectOne =
        $"SELECT {PartnerRecords.AgreementColumns} FROM partnership_agreements a LEFT JOIN organizations d ON d.id = a.district_id WHERE a.id = @Id";

    private const string SignEmployer =
        "UPDATE partnership_agreements SET employer_signer_name = @Name, employer_signer_title = @Title, employer_signed_at = @Now, employer_signed_by = @UserId " +
        "WHERE id = @Id AND employer_signed_at IS NULL AND ends_on >= @Today";

    private const string SignSchool =
        "UPDATE partnership_agreements SET school_signer_name = @Name, school_signer_title = @Title, school_signed_at = @Now, school_signed_by = @UserId " +
        "WHERE id = @Id AND school_signed_at IS NULL AND ends_on >= @Today";

    private const string SelectPartnerStatus = "SELECT partner_status FROM organizations WHERE id = @Id";

    public sealed class Handler(Db db, TimeProvider clock)
        : IRequestHandler<Draft, Result<PartnershipAgreement>>, IRequestHandler<Sign, Result<PartnershipAgreement>>, IRequestHandler<Renew, Result<PartnershipAgreement>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [Insert, SelectOne, SignEmployer, SignSchool, SelectPartnerStatus, .. PartnerRecords.Statements];

        public async ValueTask<Result<PartnershipAgreement>> Handle(Draft command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var (standing, refused) = await PartnerRecords.OpenAsync(connection, command.Caller, command.EmployerId, cancellationToken, regionSideOnly: true);
            if (refused is not null)
            {
                return refused;
            }

            Guid? districtId = command.Body.DistrictId is { } named ? Guid.Parse(named) : null;
            if (districtId is { } district)
            {
                var org = await Authorize.FindOrgAsync(connection, district, cancellationToken);
                if (org is null || org.Ref.Type != OrganizationType.District || org.Ref.RegionId != standing!.Employer.Ref.RegionId)
                {
                    return Error.Unprocessable($"District {district} was not found in the employer's region.");
                }
            }

            if (!standing!.ForDistrict(districtId))
            {
                return Error.Forbidden(districtId is null
                    ? "The region's convener draws up agreements on behalf of all its districts; a district's staff, for their own district."
                    : "A district's work-based learning staff draw up agreements for their own district.");
            }

            if (await connection.ExecuteScalarAsync<string>(new CommandDefinition(SelectPartnerStatus, new { Id = command.EmployerId }, cancellationToken: cancellationToken)) != "approved")
            {
                return Error.Unprocessable($"{standing.Employer.Name} is not an approved partner yet: review its application first.");
            }

            return await InsertAsync(connection, standing, districtId, command.Body.StartsOn, command.Body.EndsOn, null, command.Caller, cancellationToken);
        }

        public async ValueTask<Result<PartnershipAgreement>> Handle(Sign command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var (row, standing, refused) = await OpenAsync(connection, command.Caller, command.AgreementId, cancellationToken);
            if (refused is not null)
            {
                return refused;
            }

            var employerSide = command.Body.Side == AgreementSide.Employer;
            if (employerSide ? !standing!.EmployerAdmin : !standing!.ForDistrict(row!.DistrictId))
            {
                return Error.Forbidden(employerSide
                    ? "The employer's admins sign for the employer."
                    : "The district's work-based learning staff sign for its schools (the region's convener for the region's agreements).");
            }

            var now = clock.GetUtcNow();
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            if (await connection.ExecuteAsync(new CommandDefinition(employerSide ? SignEmployer : SignSchool, new
                {
                    Id = command.AgreementId, Name = command.Body.Name.Trim(), Title = command.Body.Title.Trim(), Now = now, command.Caller.UserId, Today = today,
                }, cancellationToken: cancellationToken)) == 0)
            {
                return Error.Conflict(row!.EndsOn < today ? $"The agreement ended on {row.EndsOn:yyyy-MM-dd}; sign its renewal instead." : $"The {(employerSide ? "employer" : "school")} has already signed it.");
            }

            return await ReadAsync(connection, command.AgreementId, standing, today, cancellationToken);
        }

        public async ValueTask<Result<PartnershipAgreement>> Handle(Renew command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var (row, standing, refused) = await OpenAsync(connection, command.Caller, command.AgreementId, cancellationToken);
            if (refused is not null)
            {
                return refused;
            }

            if (!standing!.ForDistrict(row!.DistrictId))
            {
                return Error.Forbidden("The region's side that made the agreement renews it.");
            }

            if (!row.Signed)
            {
                return Error.Conflict("Only an agreement both sides signed is renewed; this one still waits for a signature.");
            }

            var startsOn = row.EndsOn.AddDays(1);
            if (command.Body.EndsOn < startsOn || command.Body.EndsOn > startsOn.AddYears(MaxYears))
            {
                return Error.Validation("endsOn", $"The renewal runs from {startsOn:yyyy-MM-dd}: 'endsOn' must be on or after it, and within {MaxYears} years.");
            }

            try
            {
                return await InsertAsync(connection, standing, row.DistrictId, startsOn, command.Body.EndsOn, row.Id, command.Caller, cancellationToken);
            }
            catch (System.Data.Common.DbException exception) when (db.Dialect.IsUniqueViolation(exception))
            {
                return Error.Conflict("This agreement has already been renewed.");
            }
        }

        private async Task<PartnershipAgreement> InsertAsync(System.Data.Common.DbConnection connection, PartnerRecords.Standing standing, Guid? districtId, DateOnly startsOn,
            DateOnly endsOn, Guid? renews, Caller caller, CancellationToken cancellationToken)
        {
            var rules = await Partnerships.RequirementsAsync(connection, standing.Employer.Ref.RegionId, cancellationToken);
            var id = Guid.CreateVersion7();
            var now = clock.GetUtcNow();
            await connection.ExecuteAsync(new CommandDefinition(Insert, new
            {
                Id = id, EmployerId = standing.Employer.Ref.Id, standing.Employer.Ref.RegionId, DistrictId = districtId, TemplateVersion = rules.AgreementTemplateVersion,
                Terms = DbJson.Write(rules.AgreementTemplate), StartsOn = startsOn, EndsOn = endsOn, RenewsId = renews, caller.UserId, Now = now,
            }, cancellationToken: cancellationToken));
            return await ReadAsync(connection, id, standing, DateOnly.FromDateTime(now.UtcDateTime), cancellationToken);
        }

        private static async Task<PartnershipAgreement> ReadAsync(System.Data.Common.DbConnection connection, Guid id, PartnerRecords.Standing standing, DateOnly today,
            CancellationToken cancellationToken) =>
            (await connection.QuerySingleAsync<PartnerRecords.AgreementRow>(new CommandDefinition(SelectOne, new { Id = id }, cancellationToken: cancellationToken)))
            .ToContract(standing, today);

        private static async Task<(PartnerRecords.AgreementRow? Row, PartnerRecords.Standing? Standing, Error? Error)> OpenAsync(System.Data.Common.DbConnection connection,
            Caller caller, Guid id, CancellationToken cancellationToken) =>
            await PartnerRecords.OpenOwnedAsync(connection, caller,
                await connection.QuerySingleOrDefaultAsync<PartnerRecords.AgreementRow>(new CommandDefinition(SelectOne, new { Id = id }, cancellationToken: cancellationToken)),
                a => a.EmployerId, $"Agreement {id}", cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/partners/{id:guid}/agreements", async Task<Answer<Created<PartnershipAgreement>, Fails.Invalid, Fails.Forbidden, Fails.NotFound, Fails.Unprocessable>> (Guid id,
                    CreatePartnershipAgreementRequest body, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Draft(caller, id, body), ct)).Match(a => TypedResults.Created($"/api/v1/partnership-agreements/{a.Id}", a)))
            .Validate<CreatePartnershipAgreementRequest>()
            .WithTags("Partners")
            .WithName("createPartnershipAgreement")
            .WithSummary("Draw up an employer–school agreement from the region's template")
            .WithDescription("With a district (its WBL staff, or the convener), or without one for the region on behalf of all its districts (the convener). The template's " +
                             $"terms and version are fixed into the agreement. At most {MaxYears} years.");
        api.MapPost("/partnership-agreements/{id:guid}/sign", async Task<Answer<Ok<PartnershipAgreement>, Fails.Invalid, Fails.Forbidden, Fails.NotFound, Fails.Conflict>> (Guid id,
                    SignAgreementRequest body, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Sign(caller, id, body), ct)).Match(a => TypedResults.Ok(a)))
            .Validate<SignAgreementRequest>()
            .WithTags("Partners")
            .WithName("signPartnershipAgreement")
            .WithSummary("Sign an employer–school agreement for one side")
            .WithDescription("Recorded with the name, title and time. Signed by both sides, it is in force from its start date to its end date. 409 when that side has signed or the agreement ended.");
        api.MapPost("/partnership-agreements/{id:guid}/renew", async Task<Answer<Created<PartnershipAgreement>, Fails.Invalid, Fails.Forbidden, Fails.NotFound, Fails.Conflict>> (Guid id,
                    RenewAgreementRequest body, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Renew(caller, id, body), ct)).Match(a => TypedResults.Created($"/api/v1/partnership-agreements/{a.Id}", a)))
            .WithTags("Partners")
            .WithName("renewPartnershipAgreement")
            .WithSummary("Draw up the renewal of a signed agreement, from the day after it ends")
            .WithDescription("With the region's current template. Once per agreement (409 after).");
    }
}
