using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Roster;
using Mediator;

namespace LaunchPath.Api.Features.Roster;

/// <summary>
/// POST /api/v1/roster-imports/{id}/confirm — a district admin (a person signed in, never an integration's key) applies
/// a previewed import, or one held because it would deactivate much of the district, exactly as it was previewed: the
/// confirmation names the import, so another file cannot be confirmed by mistake. Once only, within 7 days.
/// </summary>
public static class ConfirmRosterImport
{
    public sealed record Command(Caller Caller, Guid Id) : IRequest<Result<RosterImport>>;

    public sealed class Handler(Db db, RosterJobs jobs, TimeProvider clock) : IRequestHandler<Command, Result<RosterImport>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => RosterJobs.Statements;

        public async ValueTask<Result<RosterImport>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var row = await RosterJobs.FindAsync(connection, command.Id, cancellationToken);
            var district = row is null ? null : await Authorize.FindOrgAsync(connection, row.DistrictId, cancellationToken);
            if (row is null || district is null || !command.Caller.PermissionsAt(district.Ref).Contains(Permission.RosterImport))
            {
                return Error.NotFound($"Roster import {command.Id}");
            }

            if (command.Caller.UserId is null)
            {
                return Error.Forbidden("A district admin confirms an import, signed in; an integration's API key cannot.");
            }

            var now = clock.GetUtcNow();
            if (!await jobs.ConfirmAsync(command.Id, command.Caller.UserId, now, cancellationToken))
            {
                return RosterJobs.Waiting(row) && RosterJobs.Dropped(row, now)
                    ? Error.Conflict($"This import waited more than {RosterJobs.HoldFor.TotalDays:0} days and its files were dropped; send them again.")
                    : Error.Conflict($"Only a previewed import, or one awaiting confirmation, can be confirmed; this one is {row.Status}.");
            }

            return RosterJobs.ToContract((await RosterJobs.FindAsync(connection, command.Id, cancellationToken))!, command.Caller, clock.GetUtcNow());
        }
    }

    public static void Map(IEndpointRouteBuilder group) =>
        group.MapPost("/roster-imports/{id:guid}/confirm", async Task<Answer<Accepted<RosterImport>, Fails.Forbidden, Fails.NotFound, Fails.Conflict>> (Guid id, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Command(caller, id), ct)).Match(job => TypedResults.Accepted($"/api/v1/roster-imports/{job.Id}", job)))
            .WithName("confirmRosterImport")
            .WithSummary("Apply a previewed roster import, or one awaiting confirmation")
            .WithDescription("Applies exactly the files that were previewed (202; poll the import). 409 unless the import is previewed or needsConfirmation. " +
                             "A person with roster rights for the district confirms; API keys cannot.");
}
