using Dapper;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Identity;
using Mediator;

namespace LaunchPath.Api.Features.ApiKeys;

/// <summary>DELETE /api/v1/api-keys/{id} — revoke a key; it stops working on its next request. Revoking twice is fine.</summary>
public static class RevokeApiKey
{
    public sealed record Command(Caller Caller, Guid Id) : IRequest<Result<bool>>;

    public sealed class Handler(Db db, TimeProvider clock) : IRequestHandler<Command, Result<bool>>, ISqlSource
    {
        private const string SelectOrg = "SELECT organization_id FROM api_keys WHERE id = @Id";
        private const string Revoke = "UPDATE api_keys SET revoked_at = @Now WHERE id = @Id AND revoked_at IS NULL";

        public static IEnumerable<string> Statements(SqlDialect dialect) => [SelectOrg, Revoke];

        public async ValueTask<Result<bool>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var orgId = await connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(SelectOrg, new { command.Id }, cancellationToken: cancellationToken));
            var org = orgId is null ? null : await Authorize.FindOrgAsync(connection, orgId.Value, cancellationToken);
            if (org is null)
            {
                return Error.NotFound($"API key {command.Id}");
            }

            if (Authorize.Check(command.Caller, Permission.UsersManage, org.Ref, $"API key {command.Id}") is { } denied)
            {
                return denied;
            }

            await connection.ExecuteAsync(new CommandDefinition(Revoke, new { command.Id, Now = clock.GetUtcNow() }, cancellationToken: cancellationToken));
            await AccessChanges.RecordAsync(connection, null, AccessChanges.ApiKey, command.Id, clock.GetUtcNow(), cancellationToken);
            return true;
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapDelete("/api-keys/{id:guid}", async Task<Answer<NoContent, Fails.Forbidden, Fails.NotFound>> (Guid id, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Command(caller, id), ct)).Match(_ => TypedResults.NoContent()))
            .WithName("revokeApiKey")
            .WithSummary("Revoke an API key");
}
