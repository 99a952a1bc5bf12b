using Dapper;
using FluentValidation;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Identity;
using Mediator;

namespace LaunchPath.Api.Features.ApiKeys;

/// <summary>
/// POST /api/v1/organizations/{id}/api-keys — an admin of the organization creates a key for an integration (SIS roster
/// sync, convener scripts). The key's permissions can be no more than the admin's own there. The secret is shown once.
/// </summary>
public static class CreateApiKey
{
    public sealed record Command(Caller Caller, Guid OrganizationId, CreateApiKeyRequest Body) : IRequest<Result<CreatedApiKey>>;

    public sealed class Validator : AbstractValidator<CreateApiKeyRequest>
    {
        public Validator()
        {
            RuleFor(r => r.Name).NotEmpty().MaximumLength(200);
            RuleFor(r => r.Permissions).NotEmpty();
            RuleForEach(r => r.Permissions).IsInEnum();
        }
    }

    public sealed class Handler(Db db, TimeProvider clock) : IRequestHandler<Command, Result<CreatedApiKey>>, ISqlSource
    {
        private const string Insert =
            "INSERT INTO api_keys (id, organization_id, name, prefix, secret_hash, permissions, created_by_user_id, created_at) " +
            "VALUES (@Id, @OrganizationId, @Name, @Prefix, @SecretHash, @Permissions, @CreatedBy, @Now)";

        private static readonly string Select = $"SELECT {ApiKeyRecord.Columns} FROM api_keys WHERE id = @Id";

        public static IEnumerable<string> Statements(SqlDialect dialect) => [Insert, Select];

        public async ValueTask<Result<CreatedApiKey>> Handle(Command command, CancellationToken cancellationToken)
        {
            var (caller, body) = (command.Caller, command.Body);
            await using var connection = await db.OpenAsync(cancellationToken);
            var org = await Authorize.FindOrgAsync(connection, command.OrganizationId, cancellationToken);
            if (org is null)
            {
                return Error.NotFound($"Organization {command.OrganizationId}");
            }

            if (Authorize.Check(caller, Permission.UsersManage, org.Ref, $"Organization {command.OrganizationId}") is { } denied)
            {
                return denied;
            }

            if (caller.UserId is null)
            {
                return Error.Forbidden("API keys are created by a signed-in administrator, not by another API key.");
            }

            var held = caller.PermissionsAt(org.Ref);
            var excess = body.Permissions.Where(p => !held.Contains(p)).Distinct().ToList();
            if (excess.Count > 0)
            {
                return Error.Forbidden($"You cannot give a key permissions you do not hold here: {string.Join(", ", excess.Select(p => DbEnum.ToText(p)))}.");
            }

            var (key, prefix, hash) = ApiKeyFormat.Generate();
            var id = Guid.CreateVersion7();
            await connection.ExecuteAsync(new CommandDefinition(Insert, new
            {
                Id = id,
                OrganizationId = org.Ref.Id,
                Name = body.Name.Trim(),
                Prefix = prefix,
                SecretHash = hash,
                Permissions = ApiKeyFormat.FormatPermissions(body.Permissions),
                CreatedBy = caller.UserId,
                Now = clock.GetUtcNow(),
            }, cancellationToken: cancellationToken));
            var created = await connection.QuerySingleAsync<ApiKeyRecord>(new CommandDefinition(Select, new { Id = id }, cancellationToken: cancellationToken));
            return new CreatedApiKey { Info = created.ToContract(), Key = key };
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/organizations/{id:guid}/api-keys", async Task<Answer<Created<CreatedApiKey>, Fails.Invalid, Fails.Forbidden, Fails.NotFound>> (Guid id, CreateApiKeyRequest body, Caller caller, IMediator mediator, HttpResponse response, CancellationToken ct) =>
                (await mediator.Send(new Command(caller, id, body), ct)).Match(created =>
                {
                    response.Headers.CacheControl = "no-store";
                    return TypedResults.Created($"/api/v1/api-keys/{created.Info.Id}", created);
                }))
            .Validate<CreateApiKeyRequest>()
            .WithName("createApiKey")
            .WithSummary("Create an API key for an integration")
            .WithDescription("The key is returned once, in this response; store it in the integration's secret store.");
}
