using Dapper;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Organizations;
using Mediator;

namespace LaunchPath.Api.Features.Organizations;

/// <summary>GET /api/v1/organizations/{id} — one organization, with its version as ETag.</summary>
public static class GetOrganization
{
    public sealed record Query(Caller Caller, Guid Id) : IRequest<Result<Organization>>;

    public sealed class Handler(Db db) : IRequestHandler<Query, Result<Organization>>, ISqlSource
    {
        private static readonly string Select = $"SELECT {OrganizationRecord.Columns} FROM organizations WHERE id = @Id";

        public static IEnumerable<string> Statements(SqlDialect dialect) => [Select];

        public async ValueTask<Result<Organization>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var row = await connection.QuerySingleOrDefaultAsync<OrganizationRecord>(
                new CommandDefinition(Select, new { query.Id }, cancellationToken: cancellationToken));
            return row is null || !Authorize.CanSee(query.Caller, row.ToOrgRef()) ? Error.NotFound($"Organization {query.Id}") : row.ToContract();
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/{id:guid}", async Task<Answer<Ok<Organization>, Fails.NotFound>> (Guid id, Caller caller, IMediator mediator, HttpResponse response, CancellationToken ct) =>
            {
                var result = await mediator.Send(new Query(caller, id), ct);
                return result.Match(organization =>
                {
                    response.SetETag(organization.Version);
                    return TypedResults.Ok(organization);
                });
            })
            .WithName("getOrganization")
            .WithSummary("Get an organization");
}
