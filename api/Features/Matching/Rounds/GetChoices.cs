using Dapper;
using FluentValidation;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Matching;
using LaunchPath.Contracts.Matching;
using LaunchPath.Contracts.Organizations;
using Mediator;

namespace LaunchPath.Api.Features.Matching.Rounds;

/// <summary>GET /api/v1/match-rounds/{id}/choices/{studentId} — a student's ranked choices in a round.</summary>
public static class GetChoices
{
    public sealed record Query(Caller Caller, Guid RoundId, Guid StudentId) : IRequest<Result<StudentChoices>>;

    public sealed class Handler(Db db) : IRequestHandler<Query, Result<StudentChoices>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [.. RoundChoices.Statements, .. MatchRoundRecord.Statements, .. StudentAccess.Statements];

        public async ValueTask<Result<StudentChoices>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var (round, _, error) = await MatchRoundRecord.LoadAsync(connection, query.Caller, query.RoundId, cancellationToken);
            if (error is not null)
            {
                return error;
            }

            if (await StudentAccess.FindVisibleAsync(connection, query.Caller, query.StudentId, cancellationToken) is null)
            {
                return Error.NotFound($"Student {query.StudentId}");
            }

            return await RoundChoices.ReadAsync(connection, round!.Id, query.StudentId, cancellationToken);
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/{id:guid}/choices/{studentId:guid}", async Task<Answer<Ok<StudentChoices>, Fails.NotFound>> (Guid id, Guid studentId, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Query(caller, id, studentId), ct)).Match(choices => TypedResults.Ok(choices)))
            .WithName("getChoices")
            .WithSummary("A student's ranked choices in a round");
}
