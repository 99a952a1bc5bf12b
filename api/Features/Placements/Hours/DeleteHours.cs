using System.Data.Common;
using System.Globalization;
using Dapper;
using FluentValidation;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Placements;
using Mediator;

namespace LaunchPath.Api.Features.Placements.Hours;

/// <summary>DELETE /api/v1/hours/{id} — delete an entry that is not approved.</summary>
public static class DeleteHours
{
    public sealed record Command(Caller Caller, Guid EntryId) : IRequest<Result<bool>>;

    private const string Delete = "DELETE FROM hours_entries WHERE id = @Id AND status <> 'approved'";

    public sealed class Handler(Db db) : IRequestHandler<Command, Result<bool>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [Delete, .. HoursEntries.Statements];

        public async ValueTask<Result<bool>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var (entry, placement, part, error) = await HoursEntries.FindAsync(connection, command.Caller, command.EntryId, cancellationToken);
            if (error is not null)
            {
                return error;
            }

            if (!PlacementRules.MayTake(PlacementAction.LogHours, part!))
            {
                return HoursEntries.LoggerOnly;
            }

            return await connection.ExecuteAsync(new CommandDefinition(Delete, new { entry!.Id }, cancellationToken: cancellationToken)) == 0 ? HoursEntries.Locked : true;
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapDelete("/hours/{id:guid}", async Task<Answer<NoContent, Fails.Forbidden, Fails.NotFound, Fails.Conflict>> (Guid id, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Command(caller, id), ct)).Match(_ => TypedResults.NoContent()))
            .WithTags("Hours").WithName("deleteHours").WithSummary("Delete an entry that is not approved");
}
