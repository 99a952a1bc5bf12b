using Dapper;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Placements;
using Mediator;

namespace LaunchPath.Api.Features.Placements;

/// <summary>
/// GET /api/v1/placements/{id} and GET /api/v1/placements — placements the caller may see (school staff, the student,
/// guardians, the employer). What an employer is shown is recorded as a disclosure.
/// </summary>
public static class GetPlacements
{
    public sealed record Query(Caller Caller, Guid Id) : IRequest<Result<Placement>>;

    public sealed record ListQuery(Caller Caller, Guid? StudentId, Guid? OpportunityId, PlacementStatus? Status, int Take, Guid? After) : IRequest<PlacementPage>;

    private static string SelectPage(SqlDialect dialect, string visible) => dialect.Limit(
        $"SELECT {PlacementRecord.Columns} FROM {PlacementRecord.From} WHERE {visible} " +
        "AND (@StudentId IS NULL OR pl.student_id = @StudentId) AND (@OpportunityId IS NULL OR pl.opportunity_id = @OpportunityId) " +
        "AND (@Status IS NULL OR pl.status = @Status) AND (@After IS NULL OR pl.id > @After) ORDER BY pl.id");

    public sealed class Handler(Db db, TimeProvider clock) : IRequestHandler<Query, Result<Placement>>, IRequestHandler<ListQuery, PlacementPage>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) =>
            [SelectPage(dialect, PlacementRecord.VisibleSql(Caller.Anonymous).Sql), .. PlacementRecord.Statements];

        public async ValueTask<Result<Placement>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var row = await PlacementRecord.FindVisibleAsync(connection, query.Caller, query.Id, cancellationToken);
            if (row is null)
            {
                return Error.NotFound($"Placement {query.Id}");
            }

            return await row.ToContractAsync(connection, query.Caller, clock.GetUtcNow(), cancellationToken);
        }

        public async ValueTask<PlacementPage> Handle(ListQuery query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var (visible, parameters) = PlacementRecord.VisibleSql(query.Caller);
            parameters.AddDynamicParams(new
            {
                query.StudentId,
                query.OpportunityId,
                Status = query.Status is null ? null : DbEnum.ToText(query.Status.Value),
                query.After,
                Take = query.Take + 1,
            });
            var rows = (await connection.QueryAsync<PlacementRecord>(new CommandDefinition(SelectPage(db.Dialect, visible), parameters, cancellationToken: cancellationToken))).ToList();
            var items = await PlacementRecord.ToContractsAsync(connection, query.Caller, rows.Take(query.Take).ToList(), clock.GetUtcNow(), cancellationToken);

            return new PlacementPage { Items = items, NextCursor = rows.Count > query.Take ? Paging.Encode(items[^1].Id) : null };
        }
    }

    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapGet("/{id:guid}", async Task<Answer<Ok<Placement>, Fails.NotFound>> (Guid id, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Query(caller, id), ct)).Match(placement => TypedResults.Ok(placement)))
            .WithName("getPlacement")
            .WithSummary("A placement, with its agreement and acknowledgements");
        group.MapGet("/", async Task<Answer<Ok<PlacementPage>, Fails.Invalid>> (Guid? studentId, Guid? opportunityId, string? status, int? limit, string? cursor, Caller caller, IMediator mediator, CancellationToken ct) =>
            {
                var errors = Paging.Check(limit, cursor, key => Guid.TryParse(key, out _), out var take, out var after);
                QueryEnums.TryParse<PlacementStatus>(status, "status", errors, out var statusValue);
                if (errors.Count > 0)
                {
                    return Error.Invalid(errors);
                }

                return TypedResults.Ok(await mediator.Send(new ListQuery(caller, studentId, opportunityId, statusValue, take, after is null ? null : Guid.Parse(after)), ct));
            })
            .WithQueryEnum<PlacementStatus>("status")
            .WithName("listPlacements")
            .WithSummary("Placements you may see");
    }
}
