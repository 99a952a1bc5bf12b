using System.Data.Common;
using System.Diagnostics;
using Dapper;
using LaunchPath.Api.Infrastructure.Data;

namespace LaunchPath.Api.Infrastructure.Jobs;

/// <summary>
/// Each node's job runner. It claims due jobs from the <c>jobs</c> table with a conditional update (the claim is the
/// database's to decide, so two nodes never hold the same job), renews the lease while the job runs, and finishes it
/// only while it still holds the lease. A job whose node died (lease expired) is claimed again by any node: a takeover.
/// </summary>
public sealed class JobRunner(IServiceScopeFactory scopes, Db db, JobQueue queue, JobRegistry registry, JobOptions options, JobMetrics metrics,
    TimeProvider clock, ILogger<JobRunner> logger) : BackgroundService, ISqlSource
{
    private const string Due =
        "SELECT id, kind, subject_id, status, attempts, lease_owner FROM jobs " +
        "WHERE kind IN (SELECT value FROM json_each(@Kinds)) AND ((status = 'queued' AND run_after <= @Now) OR (status = 'running' AND lease_until < @Now)) ORDER BY run_after";

    /// <summary>The claim: it changes the row only if it is still what this node saw (queued and due, or its lease expired).</summary>
    private const string Claim =
        "UPDATE jobs SET status = 'running', lease_owner = @Node, lease_until = @Until, attempts = attempts + 1, started_at = @Now, progress = NULL " +
        "WHERE id = @Id AND attempts = @Attempts AND ((status = 'queued' AND run_after <= @Now) OR (status = 'running' AND lease_until < @Now))";

    private const string Heartbeat =
        "UPDATE jobs SET lease_until = @Until, progress = @Progress WHERE id = @Id AND lease_owner = @Node AND attempts = @Attempt AND status = 'running'";

    private const string Retry =
        "UPDATE jobs SET status = 'queued', run_after = @RunAfter, lease_owner = NULL, lease_until = NULL, last_error = @Error " +
        "WHERE id = @Id AND lease_owner = @Node AND attempts = @Attempt AND status = 'running'";

    private const string Fail =
        "UPDATE jobs SET status = 'failed', finished_at = @Now, lease_until = NULL, last_error = @Error " +
        "WHERE id = @Id AND lease_owner = @Node AND attempts = @Attempt AND status = 'running'";

    /// <summary>A job whose node died on its last allowed attempt is given up, by whichever node sees it first.</summary>
    private const string Abandon =
        "UPDATE jobs SET status = 'failed', finished_at = @Now, lease_until = NULL, last_error = @Error " +
        "WHERE id = @Id AND attempts = @Attempts AND status = 'running' AND lease_until < @Now";

    /// <summary>On shutdown a running job is handed back at once, not left for its lease to expire.</summary>
    private const string Release =
        "UPDATE jobs SET status = 'queued', lease_owner = NULL, lease_until = NULL, attempts = attempts - 1 " +
        "WHERE id = @Id AND lease_owner = @Node AND attempts = @Attempt AND status = 'running'";

    private const string Count = "SELECT kind, status, COUNT(*) AS n FROM jobs WHERE status IN ('queued', 'running') GROUP BY kind, status";

    public static IEnumerable<string> Statements(SqlDialect dialect) =>
        [dialect.Limit(Due), Claim, Heartbeat, Retry, Fail, Abandon, Release, Count, .. JobContext.Statements, .. JobQueue.Statements];

    private readonly string _node = options.NodeName is { Length: > 0 } name ? name : $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";
    private int _running;
    private long _lastLoop;
    private long _lastCount;

    public string Node => _node;

    /// <summary>Jobs this node is running now.</summary>
    public int Running => Volatile.Read(ref _running);

    /// <summary>When the runner last looked for work (null before it started, or when jobs are off on this node).</summary>
    public DateTimeOffset? LastLookedAt => Interlocked.Read(ref _lastLoop) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    public bool Stopped { get; private set; }

    private TimeSpan Lease => TimeSpan.FromSeconds(options.LeaseSeconds);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
        {
            logger.LogInformation("Jobs are off on this node ({Node})", _node);
            return;
        }

        logger.LogInformation("Job runner {Node} started: {Slots} slots, {Lease} s lease", _node, options.Slots, options.LeaseSeconds);
        var recurringScheduled = false;
        var running = new List<Task>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                Interlocked.Exchange(ref _lastLoop, clock.GetUtcNow().UtcTicks);
                running.RemoveAll(task => task.IsCompleted);
                try
                {
                    recurringScheduled = recurringScheduled || await ScheduleRecurringAsync(stoppingToken);
                    while (running.Count < options.Slots && await ClaimAsync(stoppingToken) is { } claimed)
                    {
                        running.Add(RunAsync(claimed, stoppingToken));
                    }

                    await CountAsync(stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    logger.LogWarning(exception, "Could not look for due jobs");
                }

                await queue.WaitAsync(TimeSpan.FromMilliseconds(options.PollMilliseconds), stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await Task.WhenAll(running);
            Stopped = true;
        }
    }

    private async Task<bool> ScheduleRecurringAsync(CancellationToken cancellationToken)
    {
        if (!options.Recurring)
        {
            return true;
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        foreach (var (kind, _) in registry.Recurring)
        {
            await queue.EnqueueAsync(connection, null, kind, null, cancellationToken);
        }

        return true;
    }

    private sealed class Candidate
    {
        public Guid Id { get; set; }
        public string Kind { get; set; } = "";
        public Guid? SubjectId { get; set; }
        public string Status { get; set; } = "";
        public int Attempts { get; set; }
        public string? LeaseOwner { get; set; }
    }

    private sealed class CountRow
    {
        public string Kind { get; set; } = "";
        public string Status { get; set; } = "";
        public long N { get; set; }
    }

    private async Task<JobContext?> ClaimAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await db.OpenAsync(cancellationToken);
        var due = await connection.QueryAsync<Candidate>(new CommandDefinition(db.Dialect.Limit(Due),
            new { Kinds = DbIds.Texts(registry.Kinds), Now = now, Take = options.Slots * 4 }, cancellationToken: cancellationToken));
        foreach (var job in due)
        {
            var takeover = job.Status == "running";
            if (takeover && job.Attempts >= options.MaxAttempts)
            {
                await AbandonAsync(connection, job, now, cancellationToken);
                continue;
            }

            var claimed = await connection.ExecuteAsync(new CommandDefinition(Claim,
                new { job.Id, job.Attempts, Node = _node, Now = now, Until = now + Lease }, cancellationToken: cancellationToken));
            if (claimed == 0)
            {
                continue; // another node claimed it first
            }

            if (takeover)
            {
                logger.LogWarning("Took over {Kind} job {JobId} from {PreviousNode}, whose lease expired (attempt {Attempt})", job.Kind, job.Id, job.LeaseOwner, job.Attempts + 1);
            }

            metrics.Started(job.Kind, takeover);
            return new JobContext(job.Id, job.Kind, job.SubjectId, job.Attempts + 1, _node, takeover, clock);
        }

        return null;
    }

    private async Task AbandonAsync(DbConnection connection, Candidate job, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var error = $"Its node stopped during each of {job.Attempts} attempts.";
        if (await connection.ExecuteAsync(new CommandDefinition(Abandon, new { job.Id, job.Attempts, Now = now, Error = error }, cancellationToken: cancellationToken)) == 1)
        {
            logger.LogError("Gave up {Kind} job {JobId}: {Reason}", job.Kind, job.Id, error);
            await GiveUpAsync(new JobContext(job.Id, job.Kind, job.SubjectId, job.Attempts, _node, true, clock), cancellationToken);
            await FinishAsync(null, job.Kind, cancellationToken);
        }
    }

    private async Task RunAsync(JobContext job, CancellationToken stoppingToken)
    {
        Interlocked.Increment(ref _running);
        var started = Stopwatch.GetTimestamp();
        using var run = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        using var ended = new CancellationTokenSource();
        var lost = false;
        var heartbeat = Task.Run(() => HeartbeatAsync(job, () => { lost = true; run.Cancel(); }, ended.Token), CancellationToken.None);
        try
        {
            logger.LogInformation("Running {Kind} job {JobId} (attempt {Attempt})", job.Kind, job.Id, job.Attempt);
            await using (var scope = scopes.CreateAsyncScope())
            {
                var handler = scope.ServiceProvider.GetRequiredKeyedService<IJobHandler>(job.Kind);
                await handler.RunAsync(job, run.Token);
            }

            if (!job.Completed)
            {
                await FinishAsync(job, job.Kind, CancellationToken.None);
            }

            metrics.Completed(job.Kind, Stopwatch.GetElapsedTime(started));
            logger.LogInformation("Finished {Kind} job {JobId} in {Seconds:0.00} s", job.Kind, job.Id, Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
        catch (Exception exception) when (exception is LeaseLostException || (lost && exception is OperationCanceledException))
        {
            logger.LogWarning("Stopped {Kind} job {JobId}: its lease was lost and another node runs it; nothing of this run was kept", job.Kind, job.Id);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await HandBackAsync(job);
        }
        catch (Exception exception)
        {
            metrics.Failed(job.Kind, Stopwatch.GetElapsedTime(started));
            await FailedAsync(job, exception);
        }
        finally
        {
            await ended.CancelAsync();
            await heartbeat;
            Interlocked.Decrement(ref _running);
        }
    }

    private async Task HeartbeatAsync(JobContext job, Action onLost, CancellationToken ended)
    {
        var every = TimeSpan.FromSeconds(options.HeartbeatSeconds);
        while (!ended.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(every, clock, ended);
                var now = clock.GetUtcNow();
                await using var connection = await db.OpenAsync(ended);
                // A short timeout: on SQLite the job's own write transaction may hold the lock; the next beat tries again.
                var renewed = await connection.ExecuteAsync(new CommandDefinition(Heartbeat,
                    new { job.Id, Node = _node, job.Attempt, job.Progress, Until = now + Lease },
                    commandTimeout: Math.Max(1, (int)Math.Ceiling(every.TotalSeconds)), cancellationToken: ended));
                if (renewed == 0)
                {
                    onLost();
                    return;
                }
            }
            catch (OperationCanceledException) when (ended.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.LogDebug(exception, "Could not renew the lease on job {JobId}; trying again", job.Id);
            }
        }
    }

    /// <summary>
    /// Marks <paramref name="job"/> done (when given: only while this node holds its lease) and queues the next run of a
    /// recurring kind, in one transaction.
    /// </summary>
    private async Task FinishAsync(JobContext? job, string kind, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (job is not null)
        {
            await job.CompleteAsync(connection, transaction, cancellationToken);
        }

        if (registry.EveryOf(kind) is { } defaultEvery)
        {
            var every = options.Every.TryGetValue(kind, out var configured) && configured > TimeSpan.Zero ? configured : defaultEvery;
            await queue.EnqueueAsync(connection, transaction, kind, null, cancellationToken, runAfter: clock.GetUtcNow() + every);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private async Task FailedAsync(JobContext job, Exception exception)
    {
        var retry = job.Attempt < options.MaxAttempts && registry.EveryOf(job.Kind) is null;
        var error = exception.GetType().Name + ": " + exception.Message;
        error = error.Length > 1000 ? error[..1000] : error;
        try
        {
            var now = clock.GetUtcNow();
            await using var connection = await db.OpenAsync(CancellationToken.None);
            if (retry)
            {
                var after = now + TimeSpan.FromSeconds(5 * job.Attempt * job.Attempt);
                await connection.ExecuteAsync(new CommandDefinition(Retry, new { job.Id, Node = _node, job.Attempt, RunAfter = after, Error = error }));
                logger.LogWarning(exception, "{Kind} job {JobId} failed (attempt {Attempt}); it runs again after {RunAfter:O}", job.Kind, job.Id, job.Attempt, after);
                return;
            }

            if (await connection.ExecuteAsync(new CommandDefinition(Fail, new { job.Id, Node = _node, job.Attempt, Now = now, Error = error })) == 1)
            {
                logger.LogError(exception, "{Kind} job {JobId} failed on attempt {Attempt}; it is given up", job.Kind, job.Id, job.Attempt);
                await GiveUpAsync(job, CancellationToken.None);
                await FinishAsync(null, job.Kind, CancellationToken.None);
            }
        }
        catch (Exception recording)
        {
            logger.LogError(recording, "Could not record the failure of job {JobId}; its lease will expire and another run will follow", job.Id);
        }
    }

    private async Task GiveUpAsync(JobContext job, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredKeyedService<IJobHandler>(job.Kind).GiveUpAsync(job, cancellationToken);
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Could not give up job {JobId} cleanly", job.Id);
        }
    }

    private async Task HandBackAsync(JobContext job)
    {
        try
        {
            await using var connection = await db.OpenAsync(CancellationToken.None);
            await connection.ExecuteAsync(new CommandDefinition(Release, new { job.Id, Node = _node, job.Attempt }));
            logger.LogInformation("Handed {Kind} job {JobId} back on shutdown; another node (or this one, restarted) runs it", job.Kind, job.Id);
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Could not hand job {JobId} back; its lease expires in {Lease} s", job.Id, options.LeaseSeconds);
        }
    }

    private async Task CountAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetTimestamp();
        if (_lastCount != 0 && clock.GetElapsedTime(_lastCount, now) < TimeSpan.FromSeconds(10))
        {
            return;
        }

        _lastCount = now;
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<CountRow>(new CommandDefinition(Count, cancellationToken: cancellationToken));
        metrics.Counted(rows.GroupBy(r => r.Kind).ToDictionary(
            g => g.Key,
            g => (g.Where(r => r.Status == "queued").Sum(r => r.N), g.Where(r => r.Status == "running").Sum(r => r.N))));
    }
}
