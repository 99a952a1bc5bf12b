using Dapper;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Organizations;
using Mediator;

namespace LaunchPath.Api.Features.Organizations;

/// <summary>GET /api/v1/organizations — filter by type, parent and name; keyset-paged by id.</summary>
public static class ListOrganizations
{
    public sealed record Query(Caller Caller, OrganizationType? Type, Guid? ParentId, string? Search, int Take, Guid? After) : IRequest<OrganizationPage>;

    public sealed class Handler(Db db) : IRequestHandler<Query, OrganizationPage>, ISqlSource
    {
        private static string Select(SqlDialect dialect, string visible) => dialect.Limit(
            $"SELECT {OrganizationRecord.Columns} FROM organizations o " +
            $"WHERE {visible} AND (@Type IS NULL OR type = @Type) " +
            "AND (@ParentId IS NULL OR parent_id = @ParentId) " +
            "AND (@Pattern IS NULL OR name LIKE @Pattern ESCAPE '\\') " +
            "AND (@After IS NULL OR id > @After) " +
            "ORDER BY id");

        public static IEnumerable<string> Statements(SqlDialect dialect) => [Select(dialect, Authorize.VisibleSql(Caller.Anonymous, "o").Sql)];

        public async ValueTask<OrganizationPage> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var (visible, parameters) = Authorize.VisibleSql(query.Caller, "o");
            parameters.AddDynamicParams(new
            {
                Type = query.Type is null ? null : DbEnum.ToText(query.Type.Value),
                query.ParentId,
                Pattern = string.IsNullOrWhiteSpace(query.Search) ? null : "%" + Like.Escape(query.Search.Trim()) + "%",
                query.After,
                Take = query.Take + 1,
            });
            var rows = (await connection.QueryAsync<OrganizationRecord>(
                new CommandDefinition(Select(db.Dialect, visible), parameters, cancellationToken: cancellationToken))).ToList();

            var hasMore = rows.Count > query.Take;
            var items = rows.Take(query.Take).Select(row => row.ToContract()).ToList();
            return new OrganizationPage
            {
                Items = items,
                NextCursor = hasMore ? Paging.Encode(items[^1].Id) : null,
            };
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/", async Task<Answer<Ok<OrganizationPage>, Fails.Invalid>> (string? type, Guid? parentId, string? q, int? limit, string? cursor, Caller caller, IMediator mediator, CancellationToken ct) =>
            {
                var errors = Paging.Check(limit, cursor, key => Guid.TryParse(key, out _), out var take, out var after);
                QueryEnums.TryParse<OrganizationType>(type, "type", errors, out var organizationType);
                if (q is { Length: > 200 })
                {
                    errors["q"] = ["q must be at most 200 characters."];
                }

                if (errors.Count > 0)
                {
                    return Error.Invalid(errors);
                }

                var page = await mediator.Send(new Query(caller, organizationType, parentId, q, take, after is null ? null : Guid.Parse(after)), ct);
                return TypedResults.Ok(page);
            })
            .WithQueryEnum<OrganizationType>("type")
            .WithName("listOrganizations")
            .WithSummary("List organizations")
            .WithDescription("Pages with a cursor: pass the previous page's nextCursor as cursor. limit is 1–200 (default 50).");
}
