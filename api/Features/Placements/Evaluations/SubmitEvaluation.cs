using System.Data.Common;
using Dapper;
using FluentValidation;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Organizations;
using LaunchPath.Contracts.Placements;
using Mediator;

namespace LaunchPath.Api.Features.Placements.Evaluations;

/// <summary>
/// POST /api/v1/placements/{id}/evaluations — the employer's staff rate the student against the region's rubric,
/// midpoint and final, once each, on active or completed placements.
/// </summary>
public static class SubmitEvaluation
{
    public sealed record Command(Caller Caller, Guid PlacementId, SubmitEvaluationRequest Body) : IRequest<Result<Evaluation>>;

    public sealed class EvaluationValidator : AbstractValidator<SubmitEvaluationRequest>
    {
        public EvaluationValidator()
        {
            RuleFor(r => r.Kind).IsInEnum();
            RuleFor(r => r.Ratings).NotEmpty();
            RuleFor(r => r.Comments).MaximumLength(4000);
        }
    }

    private const string InsertEvaluation =
        "INSERT INTO evaluations (id, placement_id, kind, rubric_name, ratings, average_level, comments, evaluator_id, evaluator_name, submitted_at) " +
        "VALUES (@Id, @PlacementId, @Kind, @RubricName, @Ratings, @Average, @Comments, @UserId, @Name, @Now)";

    public sealed class Handler(Db db, TimeProvider clock) : IRequestHandler<Command, Result<Evaluation>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [InsertEvaluation, .. Rubrics.Statements, .. PlacementRecord.Statements, .. PlacementEvidence.Statements];

        public async ValueTask<Result<Evaluation>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var placement = await PlacementRecord.FindVisibleAsync(connection, command.Caller, command.PlacementId, cancellationToken);
            if (placement is null)
            {
                return Error.NotFound($"Placement {command.PlacementId}");
            }

            if (!PlacementRules.MayTake(PlacementAction.Evaluate, await PlacementRules.PartOfAsync(connection, command.Caller, placement, cancellationToken, askGuardian: false)))
            {
                return Error.Forbidden("The employer's staff evaluate the student.");
            }

            if (placement.PlacementStatus is not (PlacementStatus.Active or PlacementStatus.Completed))
            {
                return Error.Conflict($"Evaluations are for active or completed placements; this one is {placement.Status}.");
            }

            var rubric = await Rubrics.ForRegionAsync(connection, placement.RegionId, cancellationToken);
            var criteria = rubric.Criteria.Select(c => c.Id).ToHashSet();
            var maxLevel = rubric.Levels.Max(l => l.Level);
            var problems = command.Body.Ratings.Where(r => !criteria.Contains(r.CriterionId)).Select(r => $"'{r.CriterionId}' is not in the rubric")
                .Concat(command.Body.Ratings.Where(r => r.Level is { } level && (level < 1 || level > maxLevel)).Select(r => $"'{r.CriterionId}' must be rated 1–{maxLevel} or N/A"))
                .Concat(criteria.Except(command.Body.Ratings.Select(r => r.CriterionId)).Select(id => $"'{id}' is not rated"))
                .ToList();
            if (problems.Count > 0)
            {
                return Error.Validation("ratings", string.Join("; ", problems) + ".");
            }

            var rated = command.Body.Ratings.Where(r => r.Level is not null).Select(r => (double)r.Level!.Value).ToList();
            var id = Guid.CreateVersion7();
            try
            {
                await connection.ExecuteAsync(new CommandDefinition(InsertEvaluation, new
                {
                    Id = id, PlacementId = placement.Id, Kind = DbEnum.ToText(command.Body.Kind), RubricName = rubric.Name, Ratings = DbJson.Write(command.Body.Ratings),
                    Average = rated.Count == 0 ? (double?)null : Math.Round(rated.Average(), 2), Comments = AddressColumns.Normalize(command.Body.Comments),
                    command.Caller.UserId, Name = command.Caller.DisplayName ?? command.Caller.Email ?? "employer", Now = clock.GetUtcNow(),
                }, cancellationToken: cancellationToken));
            }
            catch (DbException exception) when (db.Dialect.IsUniqueViolation(exception))
            {
                return Error.Conflict($"The {DbEnum.ToText(command.Body.Kind)} evaluation was already submitted.");
            }

            return (await PlacementEvidence.EvaluationsAsync(connection, placement.Id, cancellationToken)).Single(e => e.Id == id.ToString("D"));
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapPost("/placements/{id:guid}/evaluations", async Task<Answer<Created<Evaluation>, Fails.Invalid, Fails.Forbidden, Fails.NotFound, Fails.Conflict>> (Guid id, SubmitEvaluationRequest body, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Command(caller, id, body), ct)).Match(e => TypedResults.Created($"/api/v1/placements/{id}/evaluations", e)))
            .Validate<SubmitEvaluationRequest>().WithTags("Evaluations").WithName("submitEvaluation")
            .WithSummary("The employer's midpoint or final evaluation against the rubric");
}
