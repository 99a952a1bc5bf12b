using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Partners;
using Mediator;

namespace LaunchPath.Api.Features.Partners;

/// <summary>
/// GET /api/v1/partners/{id} — an employer's whole partnership (its application, worksites and checklists, documents,
/// agreements, clearances, and what the region requires that it lacks), for its admins and the region's side.
/// </summary>
public static class GetPartnership
{
    public sealed record Query(Caller Caller, Guid EmployerId) : IRequest<Result<Partnership>>;

    public sealed class Handler(Db db, TimeProvider clock) : IRequestHandler<Query, Result<Partnership>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => PartnerRecords.Statements;

        public async ValueTask<Result<Partnership>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var (standing, refused) = await PartnerRecords.OpenAsync(connection, query.Caller, query.EmployerId, cancellationToken);
            return refused is not null ? refused : await PartnerRecords.LoadAsync(connection, standing!, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), cancellationToken);
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapGet("/partners/{id:guid}", async Task<Answer<Ok<Partnership>, Fails.Forbidden, Fails.NotFound>> (Guid id, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Query(caller, id), ct)).Match(p => TypedResults.Ok(p)))
            .WithTags("Partners")
            .WithName("getPartnership")
            .WithSummary("An employer's partnership: application, worksites, documents, agreements, clearances and what is missing");
}
