using Dapper;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Roster;
using Mediator;

namespace LaunchPath.Api.Features.Roster;

/// <summary>GET /api/v1/roster-imports/{id} and GET /api/v1/districts/{id}/roster-imports — status, progress, counts and row errors.</summary>
public static class GetRosterImport
{
    public sealed record Query(Caller Caller, Guid Id) : IRequest<Result<RosterImport>>;

    public sealed record ListQuery(Caller Caller, Guid DistrictId) : IRequest<Result<List<RosterImport>>>;

    private static string SelectRecent(SqlDialect dialect) =>
        dialect.Limit($"SELECT {RosterJobs.Columns} FROM roster_imports WHERE district_id = @DistrictId ORDER BY created_at DESC, id DESC");

    public sealed class Handler(Db db, TimeProvider clock) : IRequestHandler<Query, Result<RosterImport>>, IRequestHandler<ListQuery, Result<List<RosterImport>>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [.. RosterJobs.Statements, SelectRecent(dialect)];

        public async ValueTask<Result<RosterImport>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var row = await RosterJobs.FindAsync(connection, query.Id, cancellationToken);
            var district = row is null ? null : await Authorize.FindOrgAsync(connection, row.DistrictId, cancellationToken);
            if (row is null || district is null || !query.Caller.PermissionsAt(district.Ref).Contains(Permission.RosterImport))
            {
                return Error.NotFound($"Roster import {query.Id}");
            }

            return RosterJobs.ToContract(row, query.Caller, clock.GetUtcNow());
        }

        public async ValueTask<Result<List<RosterImport>>> Handle(ListQuery query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var (_, refused) = await RosterDistrict.FindAsync(connection, query.Caller, query.DistrictId, cancellationToken);
            if (refused is not null)
            {
                return refused;
            }

            var rows = await connection.QueryAsync<RosterJobs.Row>(new CommandDefinition(SelectRecent(db.Dialect),
                new { query.DistrictId, Take = 50 }, cancellationToken: cancellationToken));
            var now = clock.GetUtcNow();
            return rows.Select(r => RosterJobs.ToContract(r, query.Caller, now)).ToList();
        }
    }

    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapGet("/roster-imports/{id:guid}", async Task<Answer<Ok<RosterImport>, Fails.NotFound>> (Guid id, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Query(caller, id), ct)).Match(job => TypedResults.Ok(job)))
            .WithName("getRosterImport")
            .WithSummary("A roster import's status, progress and result");
        group.MapGet("/districts/{id:guid}/roster-imports", async Task<Answer<Ok<List<RosterImport>>, Fails.Forbidden, Fails.NotFound>> (Guid id, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new ListQuery(caller, id), ct)).Match(jobs => TypedResults.Ok(jobs)))
            .WithName("listRosterImports")
            .WithSummary("The district's 50 most recent roster imports");
    }
}
