using Dapper;
using FluentValidation;
using System.Security.Cryptography;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Matching;
using LaunchPath.Contracts.Organizations;
using Mediator;

namespace LaunchPath.Api.Features.Matching.Rounds;

/// <summary>
/// PUT /api/v1/match-rounds/{id}/opportunities/{opportunityId}/ranking — the employer ranks applicants (by applicant
/// id) and marks any unacceptable, while the round is open or matched.
/// </summary>
public static class RankApplicants
{
    public sealed record Command(Caller Caller, Guid RoundId, Guid OpportunityId, EmployerRankingRequest Body) : IRequest<Result<List<RoundApplicant>>>;

    public sealed class RankingValidator : AbstractValidator<EmployerRankingRequest>
    {
        public RankingValidator()
        {
            RuleForEach(r => r.Ranked).NotEmpty().MustBeId().WithMessage("'{PropertyName}' must be an applicant id from the applicants list.");
            RuleForEach(r => r.Unacceptable).NotEmpty().MustBeId().WithMessage("'{PropertyName}' must be an applicant id from the applicants list.");
            RuleFor(r => r).Must(r => !r.Ranked.Intersect(r.Unacceptable).Any()).WithName("unacceptable").WithMessage("A student cannot be both ranked and unacceptable.");
            RuleFor(r => r.Ranked).Must(ids => ids.Distinct().Count() == ids.Count).WithMessage("Rank each student once.");
        }
    }

    private const string DeleteRanking = "DELETE FROM match_round_rankings WHERE round_id = @RoundId AND opportunity_id = @OpportunityId";

    private const string InsertRanking =
        "INSERT INTO match_round_rankings (round_id, opportunity_id, student_id, rank, unacceptable) VALUES (@RoundId, @OpportunityId, @StudentId, @Rank, @Unacceptable)";

    public sealed class Handler(Db db, TimeProvider clock, SigningKeys signingKeys) : IRequestHandler<Command, Result<List<RoundApplicant>>>, ISqlSource
    {
        private readonly byte[] _key = RoundApplicants.PseudonymKey(signingKeys);

        public static IEnumerable<string> Statements(SqlDialect dialect) => [DeleteRanking, InsertRanking, .. RoundApplicants.Statements];

        public async ValueTask<Result<List<RoundApplicant>>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var access = await RoundApplicants.CheckAsync(connection, command.Caller, command.RoundId, command.OpportunityId, cancellationToken);
            if (access.Error is not null)
            {
                return access.Error;
            }

            if (MatchRoundRecord.CheckOpen(access.Round!) is { } closed)
            {
                return closed;
            }

            var applicants = (await connection.QueryAsync<RoundApplicants.ApplicantRow>(new CommandDefinition(RoundApplicants.SelectApplicants,
                new { command.RoundId, command.OpportunityId }, cancellationToken: cancellationToken)))
                .ToDictionary(a => RoundApplicants.ApplicantId(_key, command.RoundId, command.OpportunityId, a.StudentId), a => a.StudentId);
            var named = command.Body.Ranked.Concat(command.Body.Unacceptable).Select(Guid.Parse).ToList();
            var strangers = named.Where(id => !applicants.ContainsKey(id)).ToList();
            if (strangers.Count > 0)
            {
                return Error.Unprocessable("Only applicants of this opportunity in this round can be ranked; these applicant ids are not: " +
                                           string.Join(", ", strangers.Take(10)) + ".");
            }

            await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
            {
                await connection.ExecuteAsync(new CommandDefinition(DeleteRanking, new { command.RoundId, command.OpportunityId }, transaction, cancellationToken: cancellationToken));
                for (var i = 0; i < command.Body.Ranked.Count; i++)
                {
                    await connection.ExecuteAsync(new CommandDefinition(InsertRanking, new
                    {
                        command.RoundId, command.OpportunityId, StudentId = applicants[Guid.Parse(command.Body.Ranked[i])], Rank = (int?)(i + 1), Unacceptable = false,
                    }, transaction, cancellationToken: cancellationToken));
                }

                foreach (var id in command.Body.Unacceptable)
                {
                    await connection.ExecuteAsync(new CommandDefinition(InsertRanking, new
                    {
                        command.RoundId, command.OpportunityId, StudentId = applicants[Guid.Parse(id)], Rank = (int?)null, Unacceptable = true,
                    }, transaction, cancellationToken: cancellationToken));
                }

                await transaction.CommitAsync(cancellationToken);
            }

            return await RoundApplicants.ListAsync(connection, command.Caller, command.RoundId, command.OpportunityId, access.EmployerId, _key, clock.GetUtcNow(), cancellationToken);
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPut("/{id:guid}/opportunities/{opportunityId:guid}/ranking", async Task<Answer<Ok<List<RoundApplicant>>, Fails.Invalid, Fails.Forbidden, Fails.NotFound, Fails.Conflict, Fails.Unprocessable>> (Guid id, Guid opportunityId, EmployerRankingRequest body, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Command(caller, id, opportunityId, body), ct)).Match(list => TypedResults.Ok(list)))
            .Validate<EmployerRankingRequest>()
            .WithName("rankApplicants")
            .WithSummary("The employer's ranking of applicants (and those it will not take)");
}
