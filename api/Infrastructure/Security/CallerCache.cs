using System.Collections.Concurrent;
using System.Data.Common;
using Dapper;
using LaunchPath.Api.Infrastructure.Data;

namespace LaunchPath.Api.Infrastructure.Security;

/// <summary>What changed what a caller may do: a user (memberships, account), an API key, or an organization (its name or place).</summary>
public static class AccessChanges
{
    public const string User = "user";
    public const string ApiKey = "apiKey";
    public const string Organization = "organization";

    private const string Insert = "INSERT INTO access_changes (kind, subject_id, changed_at) VALUES (@Kind, @Subject, @Now)";

    internal const string SelectSince = "SELECT kind, subject_id FROM access_changes WHERE changed_at >= @Since";

    internal const string Expire = "DELETE FROM access_changes WHERE changed_at < @Cutoff";

    internal static IEnumerable<string> Statements => [Insert, SelectSince, Expire];

    /// <summary>Every caller cache in this process hears of a change at once; other nodes read it from the table.</summary>
    internal static event Action<string, Guid>? Changed;

    /// <summary>
    /// Records the change in the caller's transaction (other nodes read it within a second) and tells this process's
    /// caches now. A cache that reloads between now and the commit is corrected by the next read of the table.
    /// </summary>
    public static async Task RecordAsync(DbConnection connection, DbTransaction? transaction, string kind, Guid subject, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(Insert, new { Kind = kind, Subject = subject, Now = now }, transaction, cancellationToken: cancellationToken));
        Changed?.Invoke(kind, subject);
    }
}

/// <summary>
/// Signed-in callers and API keys, kept for a few minutes so that a request does not load its caller from the database.
/// Forgotten at once when <see cref="AccessChanges"/> records a change in this process, and within a second of one made
/// on another node (<see cref="AccessChangeWatcher"/>); an organization change forgets everyone.
/// </summary>
public sealed class CallerCache : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<(string Kind, Guid Id), (Caller Caller, long Expires)> _entries = new();
    private readonly TimeProvider _clock;

    public CallerCache(TimeProvider clock)
    {
        _clock = clock;
        AccessChanges.Changed += Forget;
    }

    public Caller? Find(string kind, Guid id) =>
        _entries.TryGetValue((kind, id), out var entry) && entry.Expires > _clock.GetUtcNow().UtcTicks ? entry.Caller : null;

    public void Keep(string kind, Guid id, Caller caller) => _entries[(kind, id)] = (caller, (_clock.GetUtcNow() + Lifetime).UtcTicks);

    public void Forget(string kind, Guid id)
    {
        if (kind == AccessChanges.Organization)
        {
            _entries.Clear();
            return;
        }

        _entries.TryRemove((kind, id), out _);
    }

    public void Dispose() => AccessChanges.Changed -= Forget;
}

/// <summary>Reads the access changes other nodes recorded, each second, and forgets those callers here.</summary>
public sealed class AccessChangeWatcher(Db db, CallerCache cache, TimeProvider clock, IConfiguration configuration, ILogger<AccessChangeWatcher> logger) : BackgroundService, ISqlSource
{
    public static IEnumerable<string> Statements(SqlDialect dialect) => AccessChanges.Statements;

    private sealed class Row
    {
        public string Kind { get; set; } = "";
        public Guid SubjectId { get; set; }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = TimeSpan.FromMilliseconds(configuration.GetValue("Security:AccessPollMilliseconds", 1000));
        // Each read covers the last ten seconds: a transaction that commits late, or a node whose clock runs a few seconds
        // apart, is not missed (a row is read, and its callers forgotten, a few times over; that costs a reload each).
        var overlap = TimeSpan.FromSeconds(10);
        using var timer = new PeriodicTimer(every, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var connection = await db.OpenAsync(stoppingToken);
                var rows = await connection.QueryAsync<Row>(new CommandDefinition(AccessChanges.SelectSince, new { Since = clock.GetUtcNow() - overlap },
                    cancellationToken: stoppingToken));
                foreach (var row in rows)
                {
                    cache.Forget(row.Kind, row.SubjectId);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Could not read access changes; cached callers expire within 5 minutes regardless");
            }
        }
    }
}
