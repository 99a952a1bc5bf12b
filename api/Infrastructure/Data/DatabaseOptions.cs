using Microsoft.Data.Sqlite;

namespace LaunchPath.Api.Infrastructure.Data;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>SQLite: a file path data source (default ./data/launchpath.db). SQL Server: a full connection string.</summary>
    public string ConnectionString { get; set; } = "Data Source=data/launchpath.db";

    /// <summary>
    /// SQLite only: PRAGMA synchronous on every connection. NORMAL (the default) does not wait for the disk at each commit
    /// in WAL mode: a crash of the process loses nothing, a power cut may lose the last commits but never corrupts the
    /// file (one commit: ≈ 35 µs against ≈ 420 µs with FULL, which waits for the disk every time).
    /// </summary>
    public string SqliteSynchronous { get; set; } = "NORMAL";

    /// <summary>
    /// SQLite only: keep connections open with their statements prepared (<see cref="SqlitePool"/>). On by default; off,
    /// every request opens a pooled connection and prepares its statements again.
    /// </summary>
    public bool SqliteKeepStatements { get; set; } = true;

    /// <summary>
    /// SQLite only: how often <see cref="SqliteCheckpointer"/> copies the write-ahead log into the database file, in
    /// milliseconds (default 500); 0 leaves it to the connections at 1,000 pages, as SQLite does by default.
    /// </summary>
    public int SqliteCheckpointMilliseconds { get; set; } = 500;

    /// <summary>SQLite only: a log this long (pages of 4 KB) is started again from its beginning once copied (default 4,096).</summary>
    public int SqliteCheckpointRestartPages { get; set; } = 4096;

    /// <summary>
    /// SQLite only: the backstop while the checkpointer runs: a connection whose commit takes the log past this many
    /// pages copies it itself (default 20,000, ≈ 80 MB).
    /// </summary>
    public int SqliteAutoCheckpointPages { get; set; } = 20000;

    /// <summary>Run DbUp migrations when the host starts.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>The connection string the engine will actually use (SQLite gets foreign keys and a busy timeout).</summary>
    public string EffectiveConnectionString()
    {
        if (Provider != DatabaseProvider.Sqlite)
        {
            return ConnectionString;
        }

        var builder = new SqliteConnectionStringBuilder(ConnectionString)
        {
            ForeignKeys = true,
            DefaultTimeout = 30,
            Pooling = true,
        };
        return builder.ToString();
    }

    /// <summary>
    /// SQLite: what every connection runs when it opens. SQLite itself waits for a busy database (briefly, retrying
    /// within milliseconds) up to the connection's timeout; without it the driver slept 150 ms at each collision of two
    /// writers.
    /// </summary>
    public string? SqliteSessionSql()
    {
        if (Provider != DatabaseProvider.Sqlite)
        {
            return null;
        }

        var synchronous = SqliteSynchronous.Trim().ToUpperInvariant();
        if (synchronous is not ("OFF" or "NORMAL" or "FULL" or "EXTRA"))
        {
            throw new InvalidOperationException($"Database:SqliteSynchronous must be OFF, NORMAL, FULL or EXTRA, not '{SqliteSynchronous}'.");
        }

        var timeout = new SqliteConnectionStringBuilder(EffectiveConnectionString()).DefaultTimeout;
        var autoCheckpoint = SqliteCheckpointMilliseconds > 0 ? Math.Max(1000, SqliteAutoCheckpointPages) : 1000;
        return $"PRAGMA busy_timeout = {timeout * 1000}; PRAGMA synchronous = {synchronous}; PRAGMA wal_autocheckpoint = {autoCheckpoint}";
    }

    /// <summary>Creates the directory of a file-backed SQLite database, so a fresh clone runs without set-up.</summary>
    public void EnsureSqliteDirectory()
    {
        if (Provider != DatabaseProvider.Sqlite)
        {
            return;
        }

        var dataSource = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
        if (string.IsNullOrEmpty(dataSource) || dataSource == ":memory:" || dataSource.StartsWith("file:", StringComparison.Ordinal))
        {
            return;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
    }
}
