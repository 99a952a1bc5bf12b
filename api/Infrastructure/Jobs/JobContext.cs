using System.Data.Common;
using Dapper;
using LaunchPath.Api.Infrastructure.Data;

namespace LaunchPath.Api.Infrastructure.Jobs;

/// <summary>One run of a job: what it is about, which attempt this is, and the fence that lets only the lease holder finish it.</summary>
public sealed class JobContext(Guid id, string kind, Guid? subjectId, int attempt, string node, bool takenOver, TimeProvider clock)
{
    internal const string Complete =
        "UPDATE jobs SET status = 'done', progress = @Progress, finished_at = @Now, lease_until = NULL " +
        "WHERE id = @Id AND lease_owner = @Node AND attempts = @Attempt AND status = 'running'";

    private int _progress;

    public Guid Id { get; } = id;

    public string Kind { get; } = kind;

    public Guid? SubjectId { get; } = subjectId;

    /// <summary>1 for the first run; more after a failure or a takeover.</summary>
    public int Attempt { get; } = attempt;

    public string Node { get; } = node;

    /// <summary>This run took the job over from a node whose lease expired.</summary>
    public bool TakenOver { get; } = takenOver;

    internal bool Completed { get; private set; }

    internal int Progress => Volatile.Read(ref _progress);

    /// <summary>Work done so far (rows, steps); written to the job's row with each heartbeat, so any node can show it.</summary>
    public void Report(int progress) => Volatile.Write(ref _progress, progress);

    /// <summary>
    /// Marks the job done inside the caller's transaction, only if this run still holds the lease; otherwise throws
    /// <see cref="LeaseLostException"/>, so the caller's transaction is rolled back and the other run's result stands.
    /// </summary>
    public async Task CompleteAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var done = await connection.ExecuteAsync(new CommandDefinition(Complete,
            new { Id, Node, Attempt, Progress, Now = clock.GetUtcNow() }, transaction, cancellationToken: cancellationToken));
        if (done == 0)
        {
            throw new LeaseLostException(Id);
        }

        Completed = true;
    }

    internal static IEnumerable<string> Statements => [Complete];
}
