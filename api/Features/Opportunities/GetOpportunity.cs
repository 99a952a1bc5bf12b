using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Opportunities;
using Mediator;

namespace LaunchPath.Api.Features.Opportunities;

/// <summary>GET /api/v1/opportunities/{id}.</summary>
public static class GetOpportunity
{
    public sealed record Query(Caller Caller, Guid Id) : IRequest<Result<Opportunity>>;

    public sealed class Handler(Db db) : IRequestHandler<Query, Result<Opportunity>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => OpportunityQueries.Statements;

        public async ValueTask<Result<Opportunity>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var row = await OpportunityQueries.FindVisibleAsync(connection, query.Caller, query.Id, cancellationToken);
            return row is null ? Error.NotFound($"Opportunity {query.Id}") : await OpportunityQueries.ToContractAsync(connection, row, query.Caller, cancellationToken);
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/{id:guid}", async Task<Answer<Ok<Opportunity>, Fails.NotFound>> (Guid id, Caller caller, IMediator mediator, HttpResponse response, CancellationToken ct) =>
                (await mediator.Send(new Query(caller, id), ct)).Match(opportunity =>
                {
                    response.SetETag(opportunity.Version);
                    return TypedResults.Ok(opportunity);
                }))
            .WithName("getOpportunity")
            .WithSummary("Get an opportunity");
}
