using Dapper;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Identity;
using Mediator;

namespace LaunchPath.Api.Features.Users;

/// <summary>GET /api/v1/users — accounts with a role inside the organizations the caller manages.</summary>
public static class ListUsers
{
    public sealed record Query(Caller Caller, Guid? OrganizationId, string? Search, int Take, Guid? After) : IRequest<Result<UserPage>>;

    public sealed class Handler(Db db) : IRequestHandler<Query, Result<UserPage>>, ISqlSource
    {
        private static string SelectIds(SqlDialect dialect) => dialect.Limit(
            "SELECT u.id FROM users u WHERE u.id IN (SELECT m.user_id FROM memberships m JOIN organizations o ON o.id = m.organization_id " +
            $"WHERE {TenantScope.CoversSql("o")} AND (@OrganizationId IS NULL OR m.organization_id = @OrganizationId)) " +
            "AND (@Pattern IS NULL OR u.email_normalized LIKE @Pattern ESCAPE '\\' OR UPPER(u.display_name) LIKE @Pattern ESCAPE '\\') " +
            "AND (@After IS NULL OR u.id > @After) ORDER BY u.id");

        public static IEnumerable<string> Statements(SqlDialect dialect) => [SelectIds(dialect), .. UserRecord.Statements];

        public async ValueTask<Result<UserPage>> Handle(Query query, CancellationToken cancellationToken)
        {
            var scope = query.Caller.Scope(Permission.UsersManage);
            if (scope.IsEmpty)
            {
                return Error.Forbidden("Your role does not allow managing users.");
            }

            await using var connection = await db.OpenAsync(cancellationToken);
            if (query.OrganizationId is { } orgId)
            {
                var org = await Authorize.FindOrgAsync(connection, orgId, cancellationToken);
                if (org is null || Authorize.Check(query.Caller, Permission.UsersManage, org.Ref, $"Organization {orgId}") is not null)
                {
                    return Error.NotFound($"Organization {orgId}");
                }
            }

            var parameters = new DynamicParameters(new
            {
                query.OrganizationId,
                Pattern = string.IsNullOrWhiteSpace(query.Search) ? null : "%" + Like.Escape(query.Search.Trim().ToUpperInvariant()) + "%",
                query.After,
                Take = query.Take + 1,
            });
            parameters.AddDynamicParams(scope.Parameters());
            var ids = (await connection.QueryAsync<Guid>(new CommandDefinition(SelectIds(db.Dialect), parameters, cancellationToken: cancellationToken))).ToList();
            var page = ids.Take(query.Take).ToList();
            var items = await UserRecord.LoadAsync(connection, page, scope, cancellationToken);
            return new UserPage { Items = items, NextCursor = ids.Count > query.Take ? Paging.Encode(page[^1].ToString("D")) : null };
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/", async Task<Answer<Ok<UserPage>, Fails.Invalid, Fails.Forbidden, Fails.NotFound>> (Guid? organizationId, string? q, int? limit, string? cursor, Caller caller, IMediator mediator, CancellationToken ct) =>
            {
                var errors = Paging.Check(limit, cursor, key => Guid.TryParse(key, out _), out var take, out var after);
                if (errors.Count > 0)
                {
                    return Error.Invalid(errors);
                }

                var result = await mediator.Send(new Query(caller, organizationId, q, take, after is null ? null : Guid.Parse(after)), ct);
                return result.Match(page => TypedResults.Ok(page));
            })
            .WithName("listUsers")
            .WithSummary("List users you manage");
}
