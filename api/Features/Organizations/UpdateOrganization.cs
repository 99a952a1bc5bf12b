using Dapper;
using FluentValidation;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Organizations;
using Mediator;

namespace LaunchPath.Api.Features.Organizations;

/// <summary>PUT /api/v1/organizations/{id} — replace the editable fields; needs If-Match with the current ETag.</summary>
public static class UpdateOrganization
{
    /// <summary>ExpectedVersion is the If-Match version; null for If-Match: * (any version).</summary>
    public sealed record Command(Caller Caller, Guid Id, int? ExpectedVersion, UpdateOrganizationRequest Body) : IRequest<Result<Organization>>;

    public sealed class Validator : AbstractValidator<UpdateOrganizationRequest>
    {
        public Validator()
        {
            OrganizationRules.EditableFields(this, r => r.Name, r => r.SourcedId, r => r.Identifier, r => r.Address, r => r.Industry);
            RuleFor(r => r.CareerCluster).IsInEnum();
        }
    }

    public sealed class Handler(Db db, TimeProvider clock) : IRequestHandler<Command, Result<Organization>>, ISqlSource
    {
        private static readonly string Select = $"SELECT {OrganizationRecord.Columns} FROM organizations WHERE id = @Id";

        private const string SelectDuplicate =
            "SELECT COUNT(*) FROM organizations WHERE scope_key = @ScopeKey AND sourced_id = @SourcedId AND id <> @Id";

        private static readonly string Update =
            "UPDATE organizations SET name = @Name, sourced_id = @SourcedId, identifier = @Identifier, " + AddressColumns.Assignments +
            ", industry = @Industry, career_cluster = @CareerCluster, version = version + 1, updated_at = @Now " +
            "WHERE id = @Id AND version = @Version";

        public static IEnumerable<string> Statements(SqlDialect dialect) => [Select, SelectDuplicate, Update];

        public async ValueTask<Result<Organization>> Handle(Command command, CancellationToken cancellationToken)
        {
            var body = command.Body;
            await using var connection = await db.OpenAsync(cancellationToken);
            var current = await connection.QuerySingleOrDefaultAsync<OrganizationRecord>(
                new CommandDefinition(Select, new { command.Id }, cancellationToken: cancellationToken));
            if (current is null)
            {
                return Error.NotFound($"Organization {command.Id}");
            }

            if (Authorize.Check(command.Caller, Permission.OrganizationsWrite, current.ToOrgRef(), $"Organization {command.Id}") is { } denied)
            {
                return denied;
            }

            var misplaced = OrganizationRules.EmployerOnlyFields(current.OrganizationType, body.Industry, body.CareerCluster).ToList();
            if (misplaced.Count > 0)
            {
                return new Error(ErrorKind.Validation, "One or more validation errors occurred.", misplaced[0].Message,
                    misplaced.ToDictionary(m => m.Field, m => new[] { m.Message }));
            }

            if (command.ExpectedVersion is { } expected && expected != current.Version)
            {
                return Error.VersionMismatch;
            }

            var scopeKey = OrganizationRecord.ScopeKey(current.ParentId);
            var sourcedId = string.IsNullOrWhiteSpace(body.SourcedId) ? null : body.SourcedId.Trim();
            if (sourcedId is not null && await connection.ExecuteScalarAsync<int>(new CommandDefinition(SelectDuplicate,
                    new { ScopeKey = scopeKey, SourcedId = sourcedId, command.Id }, cancellationToken: cancellationToken)) > 0)
            {
                return CreateOrganization.Handler.DuplicateSourcedId(sourcedId);
            }

            var parameters = OrganizationRecord.EditableParameters(
                body.Name, body.SourcedId, body.Identifier, body.Address, body.Industry, body.CareerCluster);
            parameters.AddDynamicParams(new { command.Id, current.Version, Now = clock.GetUtcNow() });

            int changed;
            try
            {
                changed = await connection.ExecuteAsync(new CommandDefinition(Update, parameters, cancellationToken: cancellationToken));
            }
            catch (System.Data.Common.DbException exception) when (db.Dialect.IsUniqueViolation(exception))
            {
                return CreateOrganization.Handler.DuplicateSourcedId(sourcedId ?? "");
            }

            if (changed == 0)
            {
                // Someone else updated it between our read and our write.
                return Error.VersionMismatch;
            }

            // Callers hold their organizations' names: every node forgets its cached callers.
            await AccessChanges.RecordAsync(connection, null, AccessChanges.Organization, command.Id, clock.GetUtcNow(), cancellationToken);

            var updated = await connection.QuerySingleAsync<OrganizationRecord>(
                new CommandDefinition(Select, new { command.Id }, cancellationToken: cancellationToken));
            return updated.ToContract();
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPut("/{id:guid}", async Task<Answer<Ok<Organization>, Fails.Forbidden, Fails.NotFound, Fails.Conflict, Fails.Versioned>> (Guid id, UpdateOrganizationRequest body, Caller caller, HttpRequest request, IMediator mediator, CancellationToken ct) =>
                await Concurrency.VersionedUpdate(request, expected => mediator.Send(new Command(caller, id, expected, body), ct), o => o.Version))
            .Validate<UpdateOrganizationRequest>()
            .WithName("updateOrganization")
            .WithSummary("Update an organization")
            .WithDescription("Send the ETag from GET in If-Match. 412 when it is stale, 428 when it is missing.");
}
