using Dapper;
using FluentValidation;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Placements;
using Mediator;

namespace LaunchPath.Api.Features.Placements;

/// <summary>
/// PUT /api/v1/placements/{id}/class — the student or school staff name the class (from the SIS roster) a placement
/// connects to, or unlink it with null: the Linked Learning criterion "connected to classroom learning", which outcomes
/// then count by course. The student must be enrolled in the class.
/// </summary>
public static class SetPlacementClass
{
    public sealed record Command(Caller Caller, Guid Id, PlacementClassRequest Body) : IRequest<Result<Placement>>;

    public sealed class Validator : AbstractValidator<PlacementClassRequest>
    {
        public Validator() => RuleFor(r => r.ClassId).MustBeId();
    }

    private const string Link = "UPDATE placements SET class_id = @ClassId, version = version + 1, updated_at = @Now WHERE id = @Id";

    public sealed class Handler(Db db, TimeProvider clock) : IRequestHandler<Command, Result<Placement>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [Link, .. PlacementRecord.Statements];

        public async ValueTask<Result<Placement>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var placement = await PlacementRecord.FindVisibleAsync(connection, command.Caller, command.Id, cancellationToken);
            if (placement is null)
            {
                return Error.NotFound($"Placement {command.Id}");
            }

            var part = await PlacementRules.PartOfAsync(connection, command.Caller, placement, cancellationToken, askGuardian: false);
            if (!PlacementRules.MayTake(PlacementAction.ConnectClass, part))
            {
                return Error.Forbidden("The student or the school's staff connect a placement to a class.");
            }

            Guid? classId = command.Body.ClassId is { } named ? Guid.Parse(named) : null;
            if (!await PlacementRecord.MayNameClassAsync(connection, classId, placement.StudentId, cancellationToken))
            {
                return Error.Unprocessable($"The student is not enrolled in class {command.Body.ClassId}.");
            }

            var now = clock.GetUtcNow();
            await connection.ExecuteAsync(new CommandDefinition(Link, new { ClassId = classId, command.Id, Now = now }, cancellationToken: cancellationToken));
            var updated = await PlacementRecord.FindVisibleAsync(connection, Caller.System, command.Id, cancellationToken);
            return await updated!.ToContractAsync(connection, command.Caller, now, cancellationToken);
        }
    }

    public static void Map(IEndpointRouteBuilder group) =>
        group.MapPut("/{id:guid}/class", async Task<Answer<Ok<Placement>, Fails.Invalid, Fails.Forbidden, Fails.NotFound, Fails.Unprocessable>> (Guid id, PlacementClassRequest body, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Command(caller, id, body), ct)).Match(placement => TypedResults.Ok(placement)))
            .Validate<PlacementClassRequest>()
            .WithName("setPlacementClass")
            .WithSummary("Connect a placement to a class the student takes (or unlink it)");
}
