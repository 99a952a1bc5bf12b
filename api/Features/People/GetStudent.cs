using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.People;
using Mediator;

namespace LaunchPath.Api.Features.People;

/// <summary>GET /api/v1/students/{id} — subgroups included only for callers allowed to see them.</summary>
public static class GetStudent
{
    public sealed record Query(Caller Caller, Guid Id) : IRequest<Result<Student>>;

    public sealed class Handler(Db db) : IRequestHandler<Query, Result<Student>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => StudentAccess.Statements;

        public async ValueTask<Result<Student>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var row = await StudentAccess.FindVisibleAsync(connection, query.Caller, query.Id, cancellationToken);
            return row is null ? Error.NotFound($"Student {query.Id}") : row.ToContract(StudentAccess.CanSeeSubgroups(query.Caller, row));
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/{id:guid}", async Task<Answer<Ok<Student>, Fails.NotFound>> (Guid id, Caller caller, IMediator mediator, HttpResponse response, CancellationToken ct) =>
                (await mediator.Send(new Query(caller, id), ct)).Match(student =>
                {
                    response.SetETag(student.Version);
                    return TypedResults.Ok(student);
                }))
            .WithName("getStudent")
            .WithSummary("Get a student");
}
