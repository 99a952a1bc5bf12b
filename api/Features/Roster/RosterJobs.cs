using System.Data.Common;
using System.Text.Json;
using Dapper;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Jobs;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Roster;

namespace LaunchPath.Api.Features.Roster;

/// <summary>
/// The roster_imports rows. Each import runs as a job (<see cref="RosterImportJob"/>) on whichever node claims it; its
/// live progress is the job's, read from the database by any node.
/// </summary>
public sealed class RosterJobs(Db db, JobQueue queue)
{
    internal const string JobKind = "roster-import";

    internal const string Columns =
        "id, district_id, source, mode, status, total_rows, processed_rows, counts, errors, error_count, created_at, started_at, finished_at, " +
        "preview_only, changes, notes, oneroster_version, confirmed_at, " +
        "(SELECT MAX(j.progress) FROM jobs j WHERE j.subject_id = roster_imports.id AND j.status = 'running') AS live_progress";

    private const string Insert =
        "INSERT INTO roster_imports (id, district_id, region_id, source, mode, status, payload, total_rows, processed_rows, error_count, " +
        "created_by_user_id, api_key_id, created_at, preview_only, pull_spec) " +
        "VALUES (@Id, @DistrictId, @RegionId, @Source, @Mode, 'queued', @Payload, 0, 0, 0, @UserId, @ApiKeyId, @Now, @PreviewOnly, @PullSpec)";

    /// <summary>A pull's data becomes its payload, so a confirmation applies exactly what was previewed, not a new pull.</summary>
    private const string StorePulled = "UPDATE roster_imports SET payload = @Payload, mode = @Mode, pull_spec = @PullSpec WHERE id = @Id";

    private const string SelectPayload = "SELECT district_id, source, mode, payload AS data, preview_only, confirmed, pull_spec FROM roster_imports WHERE id = @Id";

    private const string MarkRunning = "UPDATE roster_imports SET status = 'running', started_at = @Now, total_rows = @Total, processed_rows = 0 WHERE id = @Id";

    /// <summary>An import that ended: applied or rejected, its payload dropped.</summary>
    private const string Finish =
        "UPDATE roster_imports SET status = @Status, processed_rows = @Processed, counts = @Counts, errors = @Errors, error_count = @ErrorCount, " +
        "changes = @Changes, notes = @Notes, oneroster_version = @Version, payload = NULL, finished_at = @Now WHERE id = @Id";

    /// <summary>A preview, or an import awaiting confirmation: the payload stays, to be applied as it is when confirmed.</summary>
    private const string Hold =
        "UPDATE roster_imports SET status = @Status, processed_rows = @Processed, counts = @Counts, errors = @Errors, error_count = @ErrorCount, " +
        "changes = @Changes, notes = @Notes, oneroster_version = @Version, finished_at = @Now WHERE id = @Id";

    /// <summary>Confirming applies exactly the previewed payload: only a held import of this id, once.</summary>
    internal const string Confirm =
        "UPDATE roster_imports SET status = 'queued', confirmed = 1, preview_only = 0, confirmed_by_user_id = @UserId, confirmed_at = @Now, " +
        "processed_rows = 0, finished_at = NULL WHERE id = @Id AND status IN ('previewed', 'needsConfirmation') AND payload IS NOT NULL AND finished_at >= @Cutoff";

    /// <summary>How long a preview, or an import awaiting confirmation, can be confirmed; then its files are dropped.</summary>
    internal static readonly TimeSpan HoldFor = TimeSpan.FromDays(7);

    /// <summary>Drops the files of held imports nobody confirmed in time (a roster is student data: it is not kept without a purpose).</summary>
    internal const string DropExpired =
        "UPDATE roster_imports SET payload = NULL WHERE status IN ('previewed', 'needsConfirmation') AND payload IS NOT NULL AND finished_at < @Cutoff";

    private const string SelectOne = "SELECT " + Columns + " FROM roster_imports WHERE id = @Id";

    internal static IEnumerable<string> Statements => [Insert, SelectPayload, MarkRunning, Finish, Hold, Confirm, StorePulled, DropExpired, SelectOne];

    /// <summary>One import's row, or null.</summary>
    internal static Task<Row?> FindAsync(System.Data.Common.DbConnection connection, Guid id, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(SelectOne, new { Id = id }, cancellationToken: cancellationToken));

    /// <summary>Queues a pull from the district's OneRoster REST service: everything (bulk) when <paramref name="full"/>, else changes since the watermark (delta).</summary>
    internal Task<Guid> EnqueuePullAsync(Guid districtId, Guid regionId, bool full, Guid? userId, Guid? apiKeyId, DateTimeOffset now, bool previewOnly,
        CancellationToken cancellationToken) =>
        EnqueueAsync(districtId, regionId, "rest", full ? RosterMode.Bulk : RosterMode.Delta, null, userId, apiKeyId, now, previewOnly, cancellationToken, new PullSpec(full));

    internal async Task<Guid> EnqueueAsync(Guid districtId, Guid regionId, string source, RosterMode mode, byte[]? payload, Guid? userId, Guid? apiKeyId, DateTimeOffset now,
        bool previewOnly, CancellationToken cancellationToken, PullSpec? pull = null)
    {
        var id = Guid.CreateVersion7();
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(Insert, new
        {
            Id = id, DistrictId = districtId, RegionId = regionId, Source = source, Mode = DbEnum.ToText(mode), Payload = payload,
            UserId = userId, ApiKeyId = apiKeyId, Now = now, PreviewOnly = previewOnly, PullSpec = pull is null ? null : DbJson.Write(pull),
        }, transaction, cancellationToken: cancellationToken));
        await queue.EnqueueAsync(connection, transaction, JobKind, id, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        queue.Wake();
        return id;
    }

    /// <summary>Puts a confirmed import back on the queue; false when it is not (or no longer) awaiting confirmation.</summary>
    internal async Task<bool> ConfirmAsync(Guid id, Guid? userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await connection.ExecuteAsync(new CommandDefinition(Confirm, new { Id = id, UserId = userId, Now = now, Cutoff = now - HoldFor }, transaction,
                cancellationToken: cancellationToken)) == 0)
        {
            return false;
        }

        await queue.EnqueueAsync(connection, transaction, JobKind, id, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        queue.Wake();
        return true;
    }

    /// <summary>What a REST pull asks for (everything, or changes since the watermark), and, once pulled, the new watermark.</summary>
    internal sealed record PullSpec(bool Full, bool Pulled = false, string? Watermark = null);

    internal async Task StorePulledAsync(Guid id, byte[] data, RosterMode mode, PullSpec spec, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(StorePulled, new { Id = id, Payload = data, Mode = DbEnum.ToText(mode), PullSpec = DbJson.Write(spec) },
            cancellationToken: cancellationToken));
    }

    internal sealed class Payload
    {
        public Guid DistrictId { get; set; }
        public string Source { get; set; } = "";
        public string Mode { get; set; } = "";
        public byte[]? Data { get; set; }
        public bool PreviewOnly { get; set; }
        public bool Confirmed { get; set; }
        public string? PullSpec { get; set; }

        public PullSpec? Pull => PullSpec is null ? null : DbJson.Read<PullSpec?>(PullSpec, null);
    }

    internal async Task<Payload?> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Payload>(new CommandDefinition(SelectPayload, new { Id = id }, cancellationToken: cancellationToken));
    }

    internal async Task MarkRunningAsync(Guid id, int total, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(MarkRunning, new { Id = id, Total = total, Now = now }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Records how an import ended: applied or rejected (its payload dropped), or held (previewed, awaiting confirmation).
    /// With <paramref name="job"/>, in the caller's transaction and only while that run holds the job's lease.
    /// </summary>
    internal static async Task FinishAsync(DbConnection connection, DbTransaction? transaction, JobContext? job, Guid id, RosterImportStatus status, int processed,
        RosterCounts? counts, RosterBatch? errors, DateTimeOffset now, CancellationToken cancellationToken, RosterChanges? changes = null, IReadOnlyList<string>? notes = null)
    {
        var held = status is RosterImportStatus.Previewed or RosterImportStatus.NeedsConfirmation;
        await connection.ExecuteAsync(new CommandDefinition(held ? Hold : Finish, new
        {
            Id = id,
            Status = DbEnum.ToText(status),
            Processed = processed,
            Counts = counts is null ? null : DbJson.Write(counts),
            Errors = errors is null || errors.Errors.Count == 0 ? null : DbJson.Write(errors.Errors),
            ErrorCount = errors?.ErrorCount ?? 0,
            Changes = changes is null ? null : DbJson.Write(changes),
            Notes = notes is null || notes.Count == 0 ? null : DbJson.Write(notes),
            Version = errors?.Version,
            Now = now,
        }, transaction, cancellationToken: cancellationToken));
        if (job is not null)
        {
            await job.CompleteAsync(connection, transaction, cancellationToken);
        }
    }

    /// <summary>
    /// Whether the import can be confirmed now: previewed or held for confirmation, its files still kept, and a person
    /// (not an API key) confirming.
    /// </summary>
    internal static bool Confirmable(Row row, Caller caller, DateTimeOffset now) =>
        Waiting(row) && caller.UserId is not null && !Dropped(row, now);

    /// <summary>Previewed or held: the import waits for a person to confirm it.</summary>
    internal static bool Waiting(Row row) => row.Status is "previewed" or "needsConfirmation";

    /// <summary>A waiting import whose files were kept longer than <see cref="HoldFor"/> and are dropped.</summary>
    internal static bool Dropped(Row row, DateTimeOffset now) => row.FinishedAt is not { } finished || finished < now - HoldFor;

    /// <summary>The import as a caller who may import the district's roster sees it.</summary>
    internal static RosterImport ToContract(Row row, Caller caller, DateTimeOffset now) => new()
    {
        AllowedActions = Confirmable(row, caller, now) ? [RosterImportAction.Confirm] : [],
        Id = row.Id.ToString("D"),
        DistrictId = row.DistrictId.ToString("D"),
        Source = row.Source,
        Mode = DbEnum.Parse<RosterMode>(row.Mode),
        Status = DbEnum.Parse<RosterImportStatus>(row.Status),
        TotalRows = row.TotalRows,
        ProcessedRows = row.Status == "running" && row.LiveProgress is { } live ? live : row.ProcessedRows,
        Counts = row.Counts is null ? null : DbJson.Read<RosterCounts?>(row.Counts, null),
        Errors = DbJson.Read<List<RosterImportError>>(row.Errors, []),
        ErrorCount = row.ErrorCount,
        Changes = row.Changes is null ? null : DbJson.Read<RosterChanges?>(row.Changes, null),
        Notes = DbJson.Read<List<string>>(row.Notes, []),
        Preview = row.PreviewOnly,
        OneRosterVersion = row.OneRosterVersion,
        ConfirmedAt = row.ConfirmedAt,
        CreatedAt = row.CreatedAt,
        StartedAt = row.StartedAt,
        FinishedAt = row.FinishedAt,
    };

    internal sealed class Row
    {
        public Guid Id { get; set; }
        public Guid DistrictId { get; set; }
        public string Source { get; set; } = "";
        public string Mode { get; set; } = "";
        public string Status { get; set; } = "";
        public int TotalRows { get; set; }
        public int ProcessedRows { get; set; }
        public string? Counts { get; set; }
        public string? Errors { get; set; }
        public int ErrorCount { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset? StartedAt { get; set; }
        public DateTimeOffset? FinishedAt { get; set; }
        public bool PreviewOnly { get; set; }
        public string? Changes { get; set; }
        public string? Notes { get; set; }
        public string? OneRosterVersion { get; set; }
        public DateTimeOffset? ConfirmedAt { get; set; }

        /// <summary>The running job's progress, written by the node that runs it with each heartbeat.</summary>
        public int? LiveProgress { get; set; }
    }
}

/// <summary>
/// Runs one roster import (or pull) as a job, on whichever node claims it. All-or-nothing: the district's changes, the
/// import's result and the job's completion commit in one transaction, only while this run holds the lease, so a run
/// taken over after its node died simply runs again from the stored payload, and exactly one result is kept.
/// </summary>
public sealed class RosterImportJob(RosterJobs jobs, Db db, TimeProvider clock, IConfiguration configuration, RosterConnections connections,
    ILogger<RosterImportJob> logger) : IJobHandler
{
    public async Task RunAsync(JobContext job, CancellationToken cancellationToken)
    {
        var id = job.SubjectId!.Value;
        try
        {
            await RunAsync(job, id, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException and not LeaseLostException)
        {
            logger.LogError(exception, "Roster import {ImportId} failed unexpectedly", id);
            var batch = new RosterBatch();
            batch.Error("", 0, null, "The import failed unexpectedly; nothing was written. Quote the import id when reporting it.");
            await FinishAsync(job, id, RosterImportStatus.Failed, 0, null, batch, CancellationToken.None);
        }
    }

    public async Task GiveUpAsync(JobContext job, CancellationToken cancellationToken)
    {
        var batch = new RosterBatch();
        batch.Error("", 0, null, "The import was stopped several times before it could finish; nothing was written. Send it again.");
        await FinishAsync(null, job.SubjectId!.Value, RosterImportStatus.Failed, 0, null, batch, cancellationToken);
    }

    private async Task FinishAsync(JobContext? job, Guid id, RosterImportStatus status, int processed, RosterCounts? counts, RosterBatch? batch,
        CancellationToken cancellationToken, RosterChanges? changes = null, IReadOnlyList<string>? notes = null)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await RosterJobs.FinishAsync(connection, transaction, job, id, status, processed, counts, batch, clock.GetUtcNow(), cancellationToken, changes, notes);
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task RunAsync(JobContext job, Guid id, CancellationToken cancellationToken)
    {
        var payload = await jobs.LoadAsync(id, cancellationToken);
        var pull = payload?.Pull;
        if (payload is null || (payload.Data is null && pull is not { Pulled: false }))
        {
            return; // already finished (payloads are dropped when an import ends)
        }

        var started = clock.GetUtcNow();
        if (pull is { Pulled: false })
        {
            // A REST pull: fetch everything first; only a complete pull is applied.
            await jobs.MarkRunningAsync(id, 0, started, cancellationToken);
            var pulled = await PullAsync(payload.DistrictId, pull, cancellationToken);
            if (pulled.Error is { } failed)
            {
                var rejected = new RosterBatch();
                rejected.Error("rest", 0, null, failed);
                await FinishAsync(job, id, RosterImportStatus.Failed, 0, null, rejected, CancellationToken.None);
                await connections.RecordPullAsync(payload.DistrictId, id, null, clock.GetUtcNow(), CancellationToken.None);
                logger.LogWarning("Roster pull {ImportId} failed: {Reason}", id, failed);
                return;
            }

            payload.Data = RosterJson.Pack(pulled.Roster!);
            payload.Mode = DbEnum.ToText(pulled.Roster!.Mode);
            pull = pull with { Pulled = true, Watermark = pulled.Watermark };
            await jobs.StorePulledAsync(id, payload.Data, pulled.Roster.Mode, pull, cancellationToken);
        }

        var mode = DbEnum.Parse<RosterMode>(payload.Mode);
        RosterBatch batch;
        try
        {
            batch = payload.Source is "json" or "rest"
                ? RosterBatch.FromJson(RosterJson.Unpack(payload.Data!))
                : RosterBatch.FromZip(payload.Data!, mode);
        }
        catch (Exception exception) when (exception is System.IO.InvalidDataException or JsonException)
        {
            batch = new RosterBatch();
            batch.Error("", 0, null, "The upload is not a readable zip of OneRoster CSV files.");
        }

        await jobs.MarkRunningAsync(id, batch.TotalRows, started, cancellationToken);
        logger.LogInformation("Roster import {ImportId} started: {Rows} rows, {Mode}{TakenOver}", id, batch.TotalRows, batch.Mode, job.TakenOver ? " (taken over)" : "");
        RosterCounts? counts = null;
        RosterChanges? changes = null;
        var notes = new List<string>(batch.Notes);
        var status = RosterImportStatus.Failed;
        var finished = clock.GetUtcNow();
        if (batch.ErrorCount == 0)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var bulk = await BulkSession.StartAsync(connection, db.Dialect, cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var applier = new RosterApplier(connection, transaction, db.Dialect, clock);
            counts = await applier.ApplyAsync(payload.DistrictId, batch, job.Report, cancellationToken);
            changes = applier.Changes;
            status = counts is null ? RosterImportStatus.Failed : Decide(payload, batch, counts, changes!, applier.PeopleInInput, notes);
            finished = clock.GetUtcNow();
            if (status == RosterImportStatus.Succeeded && counts!.SchoolsUpdated > 0)
            {
                // Renamed schools: callers holding them by name are forgotten on every node.
                await AccessChanges.RecordAsync(connection, transaction, AccessChanges.Organization, payload.DistrictId, finished, cancellationToken);
            }

            if (status == RosterImportStatus.Succeeded)
            {
                // The district's changes, the result and the job's completion commit together, or not at all.
                await RosterJobs.FinishAsync(connection, transaction, job, id, status, batch.TotalRows, counts, batch, finished, cancellationToken, changes, notes);
                await transaction.CommitAsync(cancellationToken);
            }
            else
            {
                // A preview, an import awaiting confirmation, or a rejected one: the district is as it was.
                await transaction.RollbackAsync(cancellationToken);
            }
        }

        if (status != RosterImportStatus.Succeeded)
        {
            await FinishAsync(job, id, status, counts is null ? 0 : batch.TotalRows, counts, batch, CancellationToken.None, changes, notes);
        }

        if (pull is not null)
        {
            // The watermark moves only when the pulled roster was applied: a held or failed pull is asked for again.
            await connections.RecordPullAsync(payload.DistrictId, id, status == RosterImportStatus.Succeeded ? pull.Watermark : null, finished, CancellationToken.None);
        }

        logger.LogInformation("Roster import {ImportId} {Status} in {Seconds:0.00} s with {Errors} errors", id, status, (finished - started).TotalSeconds, batch.ErrorCount);
    }

    private async Task<(RosterJsonImportRequest? Roster, string? Watermark, string? Error)> PullAsync(Guid districtId, RosterJobs.PullSpec pull, CancellationToken cancellationToken)
    {
        try
        {
            var pulled = await connections.PullAsync(districtId, pull.Full, cancellationToken);
            return (pulled.Roster, pulled.Watermark, null);
        }
        catch (OneRosterPuller.PullFailed failed)
        {
            return (null, null, failed.Message);
        }
    }

    /// <summary>
    /// Whether a clean import is applied: a preview never is; one that imports nobody fails with the reasons; a bulk
    /// import that would deactivate more than the allowed share of the district's active people (or anyone, while
    /// importing nobody) waits for a district admin to confirm it, unless this run is that confirmation.
    /// </summary>
    private RosterImportStatus Decide(RosterJobs.Payload payload, RosterBatch batch, RosterCounts counts, RosterChanges changes, int peopleInInput, List<string> notes)
    {
        if (batch.Users.Count > 0 && peopleInInput == 0)
        {
            var reasons = changes.Skipped.Select(s => $"{s.Count} × {s.Reason}").ToList();
            var hint = batch.Version == "1.1" || batch.Roles.Count > 0 ? "" : " Is this a OneRoster package whose roles are missing (roles.csv in 1.2, a role column in users.csv in 1.1)?";
            batch.Error("users.csv", 0, null, $"No one was imported: none of the {batch.Users.Count} users has a role LaunchPath uses at this district's schools " +
                                             $"({string.Join("; ", reasons.Take(5))}).{hint}");
            return RosterImportStatus.Failed;
        }

        var share = configuration.GetValue("Roster:MaxDeactivationShare", 0.10);
        var wipes = counts.PeopleDeactivated > 0 && (peopleInInput == 0 || changes.DeactivatedShare > share);
        if (payload.PreviewOnly)
        {
            if (wipes)
            {
                notes.Add($"Applying this import would deactivate {counts.PeopleDeactivated} of the district's {changes.ActiveBefore} active people " +
                          $"({changes.DeactivatedShare:P0}); confirming it applies it anyway.");
            }

            notes.Add("This is a preview: nothing was written. Confirm it (POST /api/v1/roster-imports/{id}/confirm) to apply exactly these files.");
            return RosterImportStatus.Previewed;
        }

        if (wipes && !payload.Confirmed && batch.Mode == RosterMode.Bulk)
        {
            notes.Add($"Nothing was written: this bulk import would deactivate {counts.PeopleDeactivated} of the district's {changes.ActiveBefore} active " +
                      $"people ({changes.DeactivatedShare:P0}, over the {share:P0} limit) — everyone absent from users.csv. If that is right, a district " +
                      "admin confirms this import; otherwise send the complete roster, or a delta.");
            return RosterImportStatus.NeedsConfirmation;
        }

        return RosterImportStatus.Succeeded;
    }
}

internal static class RosterJson
{
    public static readonly JsonSerializerOptions Options = Create();

    /// <summary>A JSON roster as a job's payload: gzip-compressed as it is written, so a large pull is not held (or stored) uncompressed.</summary>
    public static byte[] Pack(RosterJsonImportRequest roster)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(buffer, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            JsonSerializer.Serialize(gzip, roster, Options);
        }

        return buffer.ToArray();
    }

    /// <summary>Reads a payload back, decompressing as it parses; payloads stored before compression (plain JSON) are read as they are.</summary>
    public static RosterJsonImportRequest Unpack(byte[] payload)
    {
        Stream stream = new MemoryStream(payload, writable: false);
        if (payload is [0x1F, 0x8B, ..])
        {
            stream = new System.IO.Compression.GZipStream(stream, System.IO.Compression.CompressionMode.Decompress);
        }

        using (stream)
        {
            return JsonSerializer.Deserialize<RosterJsonImportRequest>(stream, Options)!;
        }
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        return options;
    }
}
