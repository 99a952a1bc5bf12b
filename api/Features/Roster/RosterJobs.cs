using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using Dapper;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Contracts.Roster;

namespace LaunchPath.Api.Features.Roster;

/// <summary>The roster_imports rows, the live progress of running jobs on this node, and the queue the worker reads.</summary>
public sealed class RosterJobs(Db db)
{
    private readonly Channel<Guid> _queue = Channel.CreateUnbounded<Guid>();
    private readonly ConcurrentDictionary<Guid, int> _progress = new();

    internal const string Columns =
        "id, district_id, source, mode, status, total_rows, processed_rows, counts, errors, error_count, created_at, started_at, finished_at";

    private const string Insert =
        "INSERT INTO roster_imports (id, district_id, region_id, source, mode, status, payload, total_rows, processed_rows, error_count, " +
        "created_by_user_id, api_key_id, created_at) VALUES (@Id, @DistrictId, @RegionId, @Source, @Mode, 'queued', @Payload, 0, 0, 0, @UserId, @ApiKeyId, @Now)";

    private const string SelectPending = "SELECT id FROM roster_imports WHERE status IN ('queued', 'running') ORDER BY created_at";
    private const string SelectPayload = "SELECT district_id, source, mode, payload AS data FROM roster_imports WHERE id = @Id";
    private const string MarkRunning = "UPDATE roster_imports SET status = 'running', started_at = @Now, total_rows = @Total WHERE id = @Id";

    private const string Finish =
        "UPDATE roster_imports SET status = @Status, processed_rows = @Processed, counts = @Counts, errors = @Errors, error_count = @ErrorCount, " +
        "payload = NULL, finished_at = @Now WHERE id = @Id";

    internal static IEnumerable<string> Statements => [Insert, SelectPending, SelectPayload, MarkRunning, Finish];

    internal ChannelReader<Guid> Queue => _queue.Reader;

    internal async Task<Guid> EnqueueAsync(Guid districtId, Guid regionId, string source, RosterMode mode, byte[] payload, Guid? userId, Guid? apiKeyId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        await using (var connection = await db.OpenAsync(cancellationToken))
        {
            await connection.ExecuteAsync(new CommandDefinition(Insert, new
            {
                Id = id, DistrictId = districtId, RegionId = regionId, Source = source, Mode = DbEnum.ToText(mode), Payload = payload,
                UserId = userId, ApiKeyId = apiKeyId, Now = now,
            }, cancellationToken: cancellationToken));
        }

        await _queue.Writer.WriteAsync(id, cancellationToken);
        return id;
    }

    /// <summary>Jobs left queued or running by a stopped process run again (an import is all-or-nothing, so a rerun is safe).</summary>
    internal async Task RequeuePendingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        foreach (var id in await connection.QueryAsync<Guid>(new CommandDefinition(SelectPending, cancellationToken: cancellationToken)))
        {
            await _queue.Writer.WriteAsync(id, cancellationToken);
        }
    }

    internal sealed class Payload
    {
        public Guid DistrictId { get; set; }
        public string Source { get; set; } = "";
        public string Mode { get; set; } = "";
        public byte[]? Data { get; set; }
    }

    internal async Task<Payload?> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Payload>(new CommandDefinition(SelectPayload, new { Id = id }, cancellationToken: cancellationToken));
    }

    internal async Task MarkRunningAsync(Guid id, int total, DateTimeOffset now, CancellationToken cancellationToken)
    {
        _progress[id] = 0;
        await using var connection = await db.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(MarkRunning, new { Id = id, Total = total, Now = now }, cancellationToken: cancellationToken));
    }

    internal void Report(Guid id, int processed) => _progress[id] = processed;

    internal int? LiveProgress(Guid id) => _progress.TryGetValue(id, out var value) ? value : null;

    internal async Task FinishAsync(Guid id, RosterImportStatus status, int processed, RosterCounts? counts, RosterBatch? errors, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using (var connection = await db.OpenAsync(cancellationToken))
        {
            await connection.ExecuteAsync(new CommandDefinition(Finish, new
            {
                Id = id,
                Status = DbEnum.ToText(status),
                Processed = processed,
                Counts = counts is null ? null : DbJson.Write(counts),
                Errors = errors is null || errors.Errors.Count == 0 ? null : DbJson.Write(errors.Errors),
                ErrorCount = errors?.ErrorCount ?? 0,
                Now = now,
            }, cancellationToken: cancellationToken));
        }

        _progress.TryRemove(id, out _);
    }

    internal static RosterImport ToContract(Row row, int? liveProgress) => new()
    {
        Id = row.Id.ToString("D"),
        DistrictId = row.DistrictId.ToString("D"),
        Source = row.Source,
        Mode = DbEnum.Parse<RosterMode>(row.Mode),
        Status = DbEnum.Parse<RosterImportStatus>(row.Status),
        TotalRows = row.TotalRows,
        ProcessedRows = liveProgress ?? row.ProcessedRows,
        Counts = row.Counts is null ? null : DbJson.Read<RosterCounts?>(row.Counts, null),
        Errors = DbJson.Read<List<RosterImportError>>(row.Errors, []),
        ErrorCount = row.ErrorCount,
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
    }
}

/// <summary>Runs queued roster imports one at a time, each in one transaction.</summary>
public sealed class RosterImportWorker(RosterJobs jobs, Db db, TimeProvider clock, ILogger<RosterImportWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await jobs.RequeuePendingAsync(stoppingToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "Could not requeue pending roster imports");
        }

        await foreach (var id in jobs.Queue.ReadAllAsync(stoppingToken))
        {
            try
            {
                await RunAsync(id, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.LogError(exception, "Roster import {ImportId} failed unexpectedly", id);
                var batch = new RosterBatch();
                batch.Error("", 0, null, "The import failed unexpectedly; nothing was written. Quote the import id when reporting it.");
                await jobs.FinishAsync(id, RosterImportStatus.Failed, 0, null, batch, clock.GetUtcNow(), CancellationToken.None);
            }
        }
    }

    private async Task RunAsync(Guid id, CancellationToken cancellationToken)
    {
        var payload = await jobs.LoadAsync(id, cancellationToken);
        if (payload?.Data is null)
        {
            return; // already finished (payloads are dropped when a job ends)
        }

        var started = clock.GetUtcNow();
        var mode = DbEnum.Parse<RosterMode>(payload.Mode);
        RosterBatch batch;
        try
        {
            batch = payload.Source == "json"
                ? RosterBatch.FromJson(JsonSerializer.Deserialize<RosterJsonImportRequest>(payload.Data, RosterJson.Options)!)
                : RosterBatch.FromZip(payload.Data, mode);
        }
        catch (Exception exception) when (exception is System.IO.InvalidDataException or JsonException)
        {
            batch = new RosterBatch();
            batch.Error("", 0, null, "The upload is not a readable zip of OneRoster CSV files.");
        }

        await jobs.MarkRunningAsync(id, batch.TotalRows, started, cancellationToken);
        logger.LogInformation("Roster import {ImportId} started: {Rows} rows, {Mode}", id, batch.TotalRows, batch.Mode);
        RosterCounts? counts = null;
        if (batch.ErrorCount == 0)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var applier = new RosterApplier(connection, transaction, db.Dialect, clock);
            counts = await applier.ApplyAsync(payload.DistrictId, batch, processed => jobs.Report(id, processed), cancellationToken);
            if (counts is null)
            {
                await transaction.RollbackAsync(cancellationToken);
            }
            else
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }

        var status = counts is null ? RosterImportStatus.Failed : RosterImportStatus.Succeeded;
        var finished = clock.GetUtcNow();
        await jobs.FinishAsync(id, status, counts is null ? 0 : batch.TotalRows, counts, batch, finished, CancellationToken.None);
        logger.LogInformation("Roster import {ImportId} {Status} in {Seconds:0.00} s with {Errors} errors", id, status, (finished - started).TotalSeconds, batch.ErrorCount);
    }
}

internal static class RosterJson
{
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        return options;
    }
}
