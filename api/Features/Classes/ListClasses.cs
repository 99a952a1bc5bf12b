using Dapper;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Classes;
using Mediator;

namespace LaunchPath.Api.Features.Classes;

/// <summary>
/// GET /api/v1/classes — the classes the caller may see (those of schools whose people it may read), or with mine=true
/// the classes the caller teaches (by the roster's teacher enrolments), optionally of one school; up to 500, by title.
/// </summary>
public static class ListClasses
{
    public const int Max = 500;

    public sealed record Query(Caller Caller, Guid? SchoolId, bool Mine) : IRequest<List<ClassSummary>>;

    private static string SelectList(SqlDialect dialect) => dialect.Limit(ClassRecord.Select(
        "(@SchoolId IS NULL OR cl.school_id = @SchoolId) AND (@Mine = 0 OR " + ClassRecord.TaughtByCaller + ") ORDER BY cl.title, cl.id"));

    public sealed class Handler(Db db) : IRequestHandler<Query, List<ClassSummary>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [SelectList(dialect), .. ClassRecord.Statements];

        public async ValueTask<List<ClassSummary>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var parameters = ClassRecord.Parameters(query.Caller);
            parameters.Add("SchoolId", query.SchoolId);
            parameters.Add("Mine", query.Mine ? 1 : 0);
            parameters.Add("Take", Max);
            var rows = (await connection.QueryAsync<ClassRecord>(new CommandDefinition(SelectList(db.Dialect), parameters, cancellationToken: cancellationToken))).ToList();
            return await ClassRecord.ToContractsAsync(connection, rows, cancellationToken);
        }
    }

    public static void Map(IEndpointRouteBuilder group) =>
        group.MapGet("/", async Task<Ok<List<ClassSummary>>> (Guid? schoolId, bool? mine, Caller caller, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new Query(caller, schoolId, mine == true), ct)))
            .WithName("listClasses")
            .WithSummary("Classes from the SIS roster: those you may see, or (mine=true) those you teach");
}
