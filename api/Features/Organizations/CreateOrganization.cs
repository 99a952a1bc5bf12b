using Dapper;
using FluentValidation;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Organizations;
using Mediator;

namespace LaunchPath.Api.Features.Organizations;

/// <summary>POST /api/v1/organizations — create a region, district, school or employer.</summary>
public static class CreateOrganization
{
    public sealed record Command(Caller Caller, CreateOrganizationRequest Body) : IRequest<Result<Organization>>;

    public sealed class Validator : AbstractValidator<CreateOrganizationRequest>
    {
        public Validator()
        {
            OrganizationRules.EditableFields(this, r => r.Name, r => r.SourcedId, r => r.Identifier, r => r.Address, r => r.Industry);
            RuleFor(r => r.Type).IsInEnum();
            RuleFor(r => r.ParentId).MustBeId();
            RuleFor(r => r.ParentId).Null().When(r => r.Type == OrganizationType.Region)
                .WithMessage("A region has no parent.");
            RuleFor(r => r.ParentId).NotEmpty().When(r => r.Type != OrganizationType.Region)
                .WithMessage(r => r.Type == OrganizationType.School ? "A school needs its district as parentId." : $"A {DbEnum.ToText(r.Type)} needs its region as parentId.");
            RuleFor(r => r.Industry).Empty().When(r => r.Type != OrganizationType.Employer).WithMessage("Only employers have an industry.");
            RuleFor(r => r.CareerCluster).Null().When(r => r.Type != OrganizationType.Employer).WithMessage("Only employers have a career cluster.");
            RuleFor(r => r.CareerCluster).IsInEnum();
        }
    }

    public sealed class Handler(Db db, TimeProvider clock) : IRequestHandler<Command, Result<Organization>>, ISqlSource
    {
        private const string SelectDuplicate =
            "SELECT COUNT(*) FROM organizations WHERE scope_key = @ScopeKey AND sourced_id = @SourcedId";

        private static readonly string Insert =
            "INSERT INTO organizations (id, type, name, parent_id, region_id, district_id, scope_key, sourced_id, identifier, " +
            AddressColumns.Select + ", industry, career_cluster, version, created_at, updated_at) " +
            "VALUES (@Id, @Type, @Name, @ParentId, @RegionId, @DistrictId, @ScopeKey, @SourcedId, @Identifier, " +
            AddressColumns.InsertParameters + ", @Industry, @CareerCluster, 1, @Now, @Now)";

        private static readonly string SelectCreated = $"SELECT {OrganizationRecord.Columns} FROM organizations WHERE id = @Id";

        public static IEnumerable<string> Statements(SqlDialect dialect) => [SelectDuplicate, Insert, SelectCreated];

        public async ValueTask<Result<Organization>> Handle(Command command, CancellationToken cancellationToken)
        {
            var body = command.Body;
            await using var connection = await db.OpenAsync(cancellationToken);

            Guid? parentId = body.ParentId is null ? null : Guid.Parse(body.ParentId);
            Guid? regionId = null, districtId = null;
            var id = Guid.CreateVersion7();
            if (parentId is { } pid)
            {
                var parent = await Authorize.FindOrgAsync(connection, pid, cancellationToken);
                if (parent is null || !Authorize.CanSee(command.Caller, parent.Ref))
                {
                    return Error.Unprocessable($"Parent organization {pid} was not found.");
                }

                var expected = body.Type == OrganizationType.School ? OrganizationType.District : OrganizationType.Region;
                if (parent.Ref.Type != expected)
                {
                    return Error.Unprocessable(
                        $"A {DbEnum.ToText(body.Type)}'s parent must be a {DbEnum.ToText(expected)}, but {pid} is a {DbEnum.ToText(parent.Ref.Type)}.");
                }

                if (!command.Caller.PermissionsAt(parent.Ref).Contains(Permission.OrganizationsWrite))
                {
                    return Error.Forbidden($"Your role does not allow adding a {DbEnum.ToText(body.Type)} to {parent.Name}.");
                }

                regionId = parent.Ref.RegionId;
                districtId = body.Type == OrganizationType.School ? parent.Ref.Id : null;
            }
            else if (!command.Caller.IsPlatformAdmin)
            {
                return Error.Forbidden("Only a platform administrator can create a region.");
            }
            else
            {
                regionId = id;
            }

            if (body.Type == OrganizationType.District)
            {
                districtId = id;
            }

            var scopeKey = OrganizationRecord.ScopeKey(parentId);
            var sourcedId = string.IsNullOrWhiteSpace(body.SourcedId) ? null : body.SourcedId.Trim();
            if (sourcedId is not null && await connection.ExecuteScalarAsync<int>(
                    new CommandDefinition(SelectDuplicate, new { ScopeKey = scopeKey, SourcedId = sourcedId }, cancellationToken: cancellationToken)) > 0)
            {
                return DuplicateSourcedId(sourcedId);
            }

            var parameters = OrganizationRecord.EditableParameters(
                body.Name, body.SourcedId, body.Identifier, body.Address, body.Industry, body.CareerCluster);
            parameters.AddDynamicParams(new
            {
                Id = id,
                Type = DbEnum.ToText(body.Type),
                ParentId = parentId,
                RegionId = regionId,
                DistrictId = districtId,
                ScopeKey = scopeKey,
                Now = clock.GetUtcNow(),
            });

            try
            {
                await connection.ExecuteAsync(new CommandDefinition(Insert, parameters, cancellationToken: cancellationToken));
            }
            catch (System.Data.Common.DbException exception) when (db.Dialect.IsUniqueViolation(exception))
            {
                return DuplicateSourcedId(sourcedId ?? "");
            }

            var created = await connection.QuerySingleAsync<OrganizationRecord>(
                new CommandDefinition(SelectCreated, new { Id = id }, cancellationToken: cancellationToken));
            return created.ToContract();
        }

        internal static Error DuplicateSourcedId(string sourcedId) =>
            Error.Conflict($"Another organization under the same parent already has sourcedId '{sourcedId}'.");
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/", async Task<Answer<Created<Organization>, Fails.Invalid, Fails.Forbidden, Fails.Conflict, Fails.Unprocessable>> (CreateOrganizationRequest body, Caller caller, IMediator mediator, HttpResponse response, CancellationToken ct) =>
            {
                var result = await mediator.Send(new Command(caller, body), ct);
                return result.Match(organization =>
                {
                    response.SetETag(organization.Version);
                    return TypedResults.Created($"/api/v1/organizations/{organization.Id}", organization);
                });
            })
            .Validate<CreateOrganizationRequest>()
            .WithName("createOrganization")
            .WithSummary("Create an organization")
            .WithDescription("Creates a region, district, school or employer. Districts and employers belong to a region, schools to a district.");
}
