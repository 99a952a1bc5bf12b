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
/// POST /api/v1/placements/{id}/reflections — the student reflects on an active or completed placement, optionally
/// naming the class it connects to.
/// </summary>
public static class SubmitReflection
{
    public sealed record Command(Caller Caller, Guid PlacementId, SubmitReflectionRequest Body) : IRequest<Result<Reflection>>;

    public sealed class ReflectionValidator : AbstractValidator<SubmitReflectionRequest>
    {
        public ReflectionValidator()
        {
            RuleFor(r => r.Text).NotEmpty().MaximumLength(4000);
            RuleFor(r => r.Rating).InclusiveBetween(1, 5);
            RuleFor(r => r.ClassId).MustBeId();
        }
    }

    private const string InsertReflection =
        "INSERT INTO reflections (id, placement_id, student_id, text, rating, class_id, created_at) VALUES (@Id, @PlacementId, @StudentId, @Text, @Rating, @ClassId, @Now)";

    public sealed class Handler(Db db, TimeProvider clock) : IRequestHandler<Command, Result<Reflection>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [InsertReflection, .. PlacementRecord.Statements, .. PlacementEvidence.Statements];

        public async ValueTask<Result<Reflection>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var placement = await PlacementRecord.FindVisibleAsync(connection, command.Caller, command.PlacementId, cancellationToken);
            if (placement is null)
            {
                return Error.NotFound($"Placement {command.PlacementId}");
            }

            if (!PlacementRules.MayTake(PlacementAction.Reflect, await PlacementRules.PartOfAsync(connection, command.Caller, placement, cancellationToken, askGuardian: false)))
            {
                return Error.Forbidden("Reflections are written by the student.");
            }

            if (placement.PlacementStatus is not (PlacementStatus.Active or PlacementStatus.Completed))
            {
                return Error.Conflict($"Reflections are for active or completed placements; this one is {placement.Status}.");
            }

            Guid? classId = command.Body.ClassId is { } named ? Guid.Parse(named) : null;
            if (!await PlacementRecord.MayNameClassAsync(connection, classId, placement.StudentId, cancellationToken))
            {
                return Error.Unprocessable($"You are not enrolled in class {command.Body.ClassId}.");
            }

            var id = Guid.CreateVersion7();
            await connection.ExecuteAsync(new CommandDefinition(InsertReflection, new
            {
                Id = id, PlacementId = placement.Id, placement.StudentId, Text = command.Body.Text.Trim(), command.Body.Rating, ClassId = classId, Now = clock.GetUtcNow(),
            }, cancellationToken: cancellationToken));
            return (await PlacementEvidence.ReflectionsAsync(connection, placement.Id, cancellationToken)).Single(r => r.Id == id.ToString("D"));
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapPost("/placements/{id:guid}/reflections", async Task<Answer<Created<Reflection>, Fails.Invalid, Fails.Forbidden, Fails.NotFound, Fails.Conflict, Fails.Unprocessable>> (Guid id, SubmitReflectionRequest body, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Command(caller, id, body), ct)).Match(r => TypedResults.Created($"/api/v1/placements/{id}/reflections", r)))
            .Validate<SubmitReflectionRequest>().WithTags("Evaluations").WithName("submitReflection").WithSummary("The student's reflection");
}
