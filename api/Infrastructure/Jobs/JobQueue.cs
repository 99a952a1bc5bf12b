using System.Data.Common;
using Dapper;
using LaunchPath.Api.Infrastructure.Data;

namespace LaunchPath.Api.Infrastructure.Jobs;

/// <summary>Queues background work as rows in <c>jobs</c>; any node's runner may claim it.</summary>
public sealed class JobQueue(Db db, TimeProvider clock)
{
    internal const string Insert =
        "INSERT INTO jobs (id, kind, subject_id, dedupe_key, status, run_after, attempts, created_at) " +
        "VALUES (@Id, @Kind, @SubjectId, @DedupeKey, 'queued', @RunAfter, 0, @Now)";

    private readonly SemaphoreSlim _wake = new(0, int.MaxValue);

    /// <summary>
    /// Queues a job about <paramref name="subjectId"/> in the caller's transaction (so the job exists exactly when the
    /// change that needs it does). One live job per subject and kind: false when one is already queued or running.
    /// </summary>
    public async Task<bool> EnqueueAsync(DbConnection connection, DbTransaction? transaction, string kind, Guid? subjectId, CancellationToken cancellationToken,
        DateTimeOffset? runAfter = null, string? dedupeKey = null)
    {
        var now = clock.GetUtcNow();
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(Insert, new
            {
                Id = Guid.CreateVersion7(), Kind = kind, SubjectId = subjectId, DedupeKey = dedupeKey ?? (subjectId is { } id ? $"{kind}:{id:D}" : kind),
                RunAfter = runAfter ?? now, Now = now,
            }, transaction, cancellationToken: cancellationToken));
        }
        catch (DbException exception) when (db.Dialect.IsUniqueViolation(exception))
        {
            return false;
        }

        if (transaction is null)
        {
            Wake(); // in a caller's transaction the job is not there until it commits: the caller wakes the runner then
        }

        return true;
    }

    /// <summary>Tells this node's runner to look for work now rather than at its next poll.</summary>
    public void Wake()
    {
        if (_wake.CurrentCount < 4)
        {
            _wake.Release();
        }
    }

    internal async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (await _wake.WaitAsync(timeout, cancellationToken))
        {
            // Several wake-ups while busy mean one more look, not several.
            while (_wake.CurrentCount > 0 && _wake.Wait(0))
            {
            }
        }
    }

    internal static IEnumerable<string> Statements => [Insert];
}
