using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Roster;
using Mediator;

namespace LaunchPath.Api.Features.Roster;

/// <summary>GET /api/v1/districts/{id}/roster-connection — the district's OneRoster REST connection, its last and next pull; never the secret.</summary>
public static class GetRosterConnection
{
    public sealed record Query(Caller Caller, Guid DistrictId) : IRequest<Result<RosterConnection>>;

    public sealed class Handler(Db db) : IRequestHandler<Query, Result<RosterConnection>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => RosterConnectionRecord.Statements;

        public async ValueTask<Result<RosterConnection>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var (_, refused) = await RosterDistrict.FindAsync(connection, query.Caller, query.DistrictId, cancellationToken);
            if (refused is not null)
            {
                return refused;
            }

            var row = await RosterConnectionRecord.FindAsync(connection, query.DistrictId, cancellationToken);
            return row is null ? Error.NotFound("A roster connection for this district") : row.ToContract();
        }
    }

    public static void Map(IEndpointRouteBuilder group) =>
        group.MapGet("/districts/{id:guid}/roster-connection", async Task<Answer<Ok<RosterConnection>, Fails.Forbidden, Fails.NotFound>> (Guid id, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Query(caller, id), ct)).Match(found => TypedResults.Ok(found)))
            .WithName("getRosterConnection")
            .WithSummary("The district's OneRoster REST connection (never its secret), with its last and next pull");
}
