using Dapper;
using FluentValidation;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Organizations;
using LaunchPath.Contracts.Partners;
using Mediator;

namespace LaunchPath.Api.Features.Partners.Clearances;

/// <summary>
/// POST /api/v1/partners/{id}/clearances — records a supervisor's or mentor's clearance at an employer: a background
/// check (its date and the provider's reference), a signed safety attestation, or a district's own clearance (valid for
/// that district's students), with its result and expiry. Only the result, dates and reference are kept, never the
/// check's content. The employer's admins record checks and attestations; a district's clearance is recorded by that
/// district's WBL staff (or the convener). Where the region says so, a minor's placement becomes active only with its
/// supervisor (the training agreement's supervisor, by email) cleared. A newer record does not erase an older one; any
/// record in force clears.
/// </summary>
public static class RecordClearance
{
    public sealed record Command(Caller Caller, Guid EmployerId, RecordClearanceRequest Body) : IRequest<Result<SupervisorClearance>>;

    public sealed class Validator : AbstractValidator<RecordClearanceRequest>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(r => r.Name).NotEmpty().MaximumLength(200);
            RuleFor(r => r.Email).NotEmpty().EmailAddress().MaximumLength(320);
            RuleFor(r => r.Kind).IsInEnum();
            RuleFor(r => r.DistrictId).MustBeId();
            RuleFor(r => r.DistrictId).NotEmpty().When(r => r.Kind == ClearanceKind.DistrictClearance).WithMessage("A district's clearance names its district.");
            RuleFor(r => r.Reference).MaximumLength(200);
            RuleFor(r => r.Reference).NotEmpty().When(r => r.Kind == ClearanceKind.BackgroundCheck).WithMessage("A background check's result has the provider's reference.");
            RuleFor(r => r.CheckedOn).LessThanOrEqualTo(_ => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)).WithMessage("'Checked On' cannot be in the future.");
            RuleFor(r => r.ExpiresOn).GreaterThan(r => r.CheckedOn).When(r => r.ExpiresOn is not null).WithMessage("'Expires On' must be after 'Checked On'.");
        }
    }

    private const string Insert =
        "INSERT INTO supervisor_clearances (id, employer_id, region_id, email_normalized, email, name, kind, district_id, cleared, reference, checked_on, expires_on, recorded_by, created_at) " +
        "VALUES (@Id, @EmployerId, @RegionId, @EmailNormalized, @Email, @Name, @Kind, @DistrictId, @Cleared, @Reference, @CheckedOn, @ExpiresOn, @UserId, @Now)";

    private const string SelectOne = $"SELECT {PartnerRecords.ClearanceColumns} FROM supervisor_clearances WHERE id = @Id";

    public sealed class Handler(Db db, TimeProvider clock) : IRequestHandler<Command, Result<SupervisorClearance>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [Insert, SelectOne, .. PartnerRecords.Statements];

        public async ValueTask<Result<SupervisorClearance>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var (standing, refused) = await PartnerRecords.OpenAsync(connection, command.Caller, command.EmployerId, cancellationToken);
            if (refused is not null)
            {
                return refused;
            }

            var body = command.Body;
            Guid? districtId = body.DistrictId is { } named ? Guid.Parse(named) : null;
            if (districtId is { } district)
            {
                var org = await Authorize.FindOrgAsync(connection, district, cancellationToken);
                if (org is null || org.Ref.Type != OrganizationType.District || org.Ref.RegionId != standing!.Employer.Ref.RegionId)
                {
                    return Error.Unprocessable($"District {district} was not found in the employer's region.");
                }
            }

            if (body.Kind == ClearanceKind.DistrictClearance ? !standing!.ForDistrict(districtId) : !(standing!.EmployerAdmin || standing.RegionSide))
            {
                return Error.Forbidden("A district's clearance is recorded by that district's work-based learning staff or the region's convener.");
            }

            var id = Guid.CreateVersion7();
            var now = clock.GetUtcNow();
            await connection.ExecuteAsync(new CommandDefinition(Insert, new
            {
                Id = id, command.EmployerId, standing.Employer.Ref.RegionId, EmailNormalized = Partnerships.NormalizeEmail(body.Email), Email = body.Email.Trim(), Name = body.Name.Trim(),
                Kind = DbEnum.ToText(body.Kind), DistrictId = districtId, body.Cleared, Reference = AddressColumns.Normalize(body.Reference), body.CheckedOn, body.ExpiresOn,
                command.Caller.UserId, Now = now,
            }, cancellationToken: cancellationToken));
            return (await connection.QuerySingleAsync<PartnerRecords.ClearanceRow>(new CommandDefinition(SelectOne, new { Id = id }, cancellationToken: cancellationToken)))
                .ToContract(DateOnly.FromDateTime(now.UtcDateTime));
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapPost("/partners/{id:guid}/clearances", async Task<Answer<Created<SupervisorClearance>, Fails.Invalid, Fails.Forbidden, Fails.NotFound, Fails.Unprocessable>> (Guid id,
                    RecordClearanceRequest body, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Command(caller, id, body), ct)).Match(c => TypedResults.Created($"/api/v1/partners/{id}", c)))
            .Validate<RecordClearanceRequest>()
            .WithTags("Partners")
            .WithName("recordSupervisorClearance")
            .WithSummary("Record a supervisor's or mentor's clearance (result and dates only)");
}
