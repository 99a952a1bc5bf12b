using Dapper;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Identity;
using Mediator;

namespace LaunchPath.Api.Features.ApiKeys;

/// <summary>GET /api/v1/organizations/{id}/api-keys — the organization's keys, without secrets.</summary>
public static class ListApiKeys
{
    public sealed record Query(Caller Caller, Guid OrganizationId) : IRequest<Result<List<ApiKeyInfo>>>;

    public sealed class Handler(Db db) : IRequestHandler<Query, Result<List<ApiKeyInfo>>>, ISqlSource
    {
        private static readonly string Select = $"SELECT {ApiKeyRecord.Columns} FROM api_keys WHERE organization_id = @OrganizationId ORDER BY id";

        public static IEnumerable<string> Statements(SqlDialect dialect) => [Select];

        public async ValueTask<Result<List<ApiKeyInfo>>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var org = await Authorize.FindOrgAsync(connection, query.OrganizationId, cancellationToken);
            if (org is null)
            {
                return Error.NotFound($"Organization {query.OrganizationId}");
            }

            if (Authorize.Check(query.Caller, Permission.UsersManage, org.Ref, $"Organization {query.OrganizationId}") is { } denied)
            {
                return denied;
            }

            var rows = await connection.QueryAsync<ApiKeyRecord>(new CommandDefinition(Select, new { query.OrganizationId }, cancellationToken: cancellationToken));
            return rows.Select(r => r.ToContract()).ToList();
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/organizations/{id:guid}/api-keys", async Task<Answer<Ok<List<ApiKeyInfo>>, Fails.Forbidden, Fails.NotFound>> (Guid id, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Query(caller, id), ct)).Match(keys => TypedResults.Ok(keys)))
            .WithName("listApiKeys")
            .WithSummary("List an organization's API keys");
}
