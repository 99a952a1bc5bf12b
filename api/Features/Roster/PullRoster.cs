using Dapper;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Jobs;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Roster;
using Mediator;
using Microsoft.AspNetCore.DataProtection;

namespace LaunchPath.Api.Features.Roster;

/// <summary>
/// POST /api/v1/districts/{id}/roster-connection/pull — pull the district's roster from its OneRoster REST service now,
/// as an import job (source "rest"): only what changed since the last applied pull (delta), or everything with
/// full=true (bulk: people the SIS no longer has become inactive, under the same confirmation rule as a bulk file).
/// preview=true pulls and shows what would change, writing nothing. Nightly pulls go the same way.
/// </summary>
public static class PullRoster
{
    public sealed record Command(Caller Caller, Guid DistrictId, bool Full, bool Preview) : IRequest<Result<RosterImport>>;

    public sealed class Handler(Db db, RosterJobs jobs, TimeProvider clock) : IRequestHandler<Command, Result<RosterImport>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [.. RosterJobs.Statements, .. RosterConnectionRecord.Statements];

        public async ValueTask<Result<RosterImport>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var (district, refused) = await RosterDistrict.FindAsync(connection, command.Caller, command.DistrictId, cancellationToken);
            if (refused is not null)
            {
                return refused;
            }

            var settings = await RosterConnectionRecord.FindAsync(connection, command.DistrictId, cancellationToken);
            if (settings is null)
            {
                return Error.Unprocessable("Connect the district's OneRoster REST service first (PUT .../roster-connection).");
            }

            var id = await jobs.EnqueuePullAsync(command.DistrictId, district!.Ref.RegionId, command.Full || settings.Watermark is null,
                command.Caller.UserId, command.Caller.ApiKeyId, clock.GetUtcNow(), command.Preview, cancellationToken);
            return RosterJobs.ToContract((await RosterJobs.FindAsync(connection, id, cancellationToken))!, command.Caller, clock.GetUtcNow());
        }
    }

    public static void Map(IEndpointRouteBuilder group) =>
        group.MapPost("/districts/{id:guid}/roster-connection/pull", async Task<Answer<Accepted<RosterImport>, Fails.Forbidden, Fails.NotFound, Fails.Unprocessable>> (Guid id, bool? full, bool? preview, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Command(caller, id, full == true, preview == true), ct)).Match(job => TypedResults.Accepted($"/api/v1/roster-imports/{job.Id}", job)))
            .WithName("pullRoster")
            .WithSummary("Pull the roster from the district's OneRoster REST service now")
            .WithDescription("202 with the import job (source rest); poll it. Delta since the last applied pull, or full=true for everything (bulk). " +
                             "preview=true writes nothing. A pull that cannot finish (the service down, tokens refused, a page failing after retries) fails " +
                             "as a whole and applies nothing.");
}

/// <summary>The district connections' side of a pull: their credentials, and what the last pull left.</summary>
public sealed class RosterConnections(Db db, OneRosterPuller puller, IDataProtectionProvider protection) : ISqlSource
{
    private const string Record =
        "UPDATE roster_connections SET last_pull_at = @Now, last_import_id = @ImportId, watermark = COALESCE(@Watermark, watermark) WHERE district_id = @DistrictId";

    internal const string Due = "SELECT district_id, next_pull_at, pull_hour_utc FROM roster_connections WHERE enabled = 1 AND next_pull_at <= @Now";

    /// <summary>One node claims a due pull: it moves the next pull on only if no other node did.</summary>
    internal const string Claim = "UPDATE roster_connections SET next_pull_at = @Next WHERE district_id = @DistrictId AND next_pull_at = @Due";

    public static IEnumerable<string> Statements(SqlDialect dialect) => [Record, Due, Claim, .. RosterConnectionRecord.Statements];

    internal async Task<OneRosterPuller.Pulled> PullAsync(Guid districtId, bool full, CancellationToken cancellationToken)
    {
        RosterConnectionRecord? settings;
        await using (var connection = await db.OpenAsync(cancellationToken))
        {
            settings = await RosterConnectionRecord.FindAsync(connection, districtId, cancellationToken);
        }

        if (settings is null)
        {
            throw new OneRosterPuller.PullFailed("The district has no OneRoster REST connection any more.");
        }

        OneRosterPuller.Credentials credentials;
        try
        {
            credentials = settings.Credentials(protection);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            throw new OneRosterPuller.PullFailed("The stored client secret cannot be read (the server's data protection keys changed); enter it again.");
        }

        return await puller.PullAsync(credentials, full ? null : settings.Watermark, cancellationToken);
    }

    internal async Task RecordPullAsync(Guid districtId, Guid importId, string? watermark, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(Record, new { DistrictId = districtId, ImportId = importId, Watermark = watermark, Now = now },
            cancellationToken: cancellationToken));
    }
}

/// <summary>
/// Every minute, on one node at a time: starts each connection's nightly pull when it is due, and drops the files of
/// held imports nobody confirmed in time.
/// </summary>
public sealed class RosterPullScheduler(Db db, RosterJobs jobs, TimeProvider clock, ILogger<RosterPullScheduler> logger) : IRecurringJob
{
    internal const string JobKind = "roster-schedule";

    private const string SelectDistrict = "SELECT region_id, watermark FROM organizations o JOIN roster_connections c ON c.district_id = o.id WHERE o.id = @DistrictId";

    public async Task RunAsync(JobContext job, CancellationToken cancellationToken)
    {
        await StartDueAsync(cancellationToken);
        await DropExpiredAsync(cancellationToken);
    }

    internal async Task DropExpiredAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(RosterJobs.DropExpired, new { Cutoff = clock.GetUtcNow() - RosterJobs.HoldFor }, cancellationToken: cancellationToken));
    }

    internal async Task StartDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await db.OpenAsync(cancellationToken);
        var due = (await connection.QueryAsync<DueRow>(new CommandDefinition(RosterConnections.Due, new { Now = now }, cancellationToken: cancellationToken))).ToList();
        foreach (var row in due)
        {
            var claimed = await connection.ExecuteAsync(new CommandDefinition(RosterConnections.Claim, new
            {
                row.DistrictId, Due = row.NextPullAt, Next = RosterConnectionRecord.NextPull(now, row.PullHourUtc),
            }, cancellationToken: cancellationToken));
            if (claimed == 0)
            {
                continue; // another node started it
            }

            var district = await connection.QuerySingleAsync<DistrictRow>(new CommandDefinition(SelectDistrict, new { row.DistrictId }, cancellationToken: cancellationToken));
            await jobs.EnqueuePullAsync(row.DistrictId, district.RegionId, district.Watermark is null, null, null, now, false, cancellationToken);
            logger.LogInformation("Nightly roster pull started for district {DistrictId}", row.DistrictId);
        }
    }

    private sealed class DueRow
    {
        public Guid DistrictId { get; set; }
        public DateTimeOffset NextPullAt { get; set; }
        public int PullHourUtc { get; set; }
    }

    private sealed class DistrictRow
    {
        public Guid RegionId { get; set; }
        public string? Watermark { get; set; }
    }
}
