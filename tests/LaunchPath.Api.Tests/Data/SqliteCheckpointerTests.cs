using Dapper;
using LaunchPath.Api.Infrastructure.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LaunchPath.Api.Tests.Data;

/// <summary>
/// The write-ahead log is copied back in the background, not by the commit of whichever request takes it past 1,000
/// pages: request connections leave it alone up to the backstop, and the checkpointer copies it and starts it again.
/// </summary>
public sealed class SqliteCheckpointerTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "launchpath-tests", Guid.NewGuid().ToString("N"));
    private readonly string _file;

    public SqliteCheckpointerTests() => _file = Path.Combine(_directory, "wal.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private IOptions<DatabaseOptions> Options(int milliseconds) => Microsoft.Extensions.Options.Options.Create(new DatabaseOptions
    {
        ConnectionString = $"Data Source={_file}",
        SqliteCheckpointMilliseconds = milliseconds,
        SqliteCheckpointRestartPages = 200,
    });

    /// <summary>Writes about <paramref name="pages"/> pages of 4 KB, one commit per page.</summary>
    private static async Task WritePagesAsync(Db db, int pages)
    {
        await using var connection = await db.OpenAsync(CancellationToken.None);
        for (var i = 0; i < pages; i++)
        {
            await connection.ExecuteAsync("INSERT INTO notes (text) VALUES (@Text)", new { Text = new string('x', 3900) });
        }
    }

    private long WalPages() => File.Exists(_file + "-wal") ? new FileInfo(_file + "-wal").Length / 4096 : 0;

    [Fact]
    public async Task Request_connections_leave_the_log_to_the_checkpointer_which_copies_it_and_starts_it_again()
    {
        var options = Options(50);
        new DatabaseMigrator(options, NullLogger<DatabaseMigrator>.Instance).Migrate();
        using var db = new Db(options);
        await using (var connection = await db.OpenAsync(CancellationToken.None))
        {
            (await connection.QuerySingleAsync<long>("PRAGMA wal_autocheckpoint")).Should().Be(20000, "request connections only checkpoint past the backstop");
            await connection.ExecuteAsync("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)");
        }

        // Without the checkpointer nothing copies the log back: 1,200 pages written stay in it.
        await WritePagesAsync(db, 1200);
        WalPages().Should().BeGreaterThan(1200, "SQLite's own checkpoint at 1,000 pages is off on request connections");
        await using (var connection = await db.OpenAsync(CancellationToken.None))
        {
            var (_, log, copied) = await connection.QuerySingleAsync<(long, long, long)>("PRAGMA wal_checkpoint(PASSIVE)");
            copied.Should().Be(log);
        }

        // With it, the log is copied and started again: the next writes go to its beginning, so the file stops growing.
        using var checkpointer = new SqliteCheckpointer(options, NullLogger<SqliteCheckpointer>.Instance);
        await checkpointer.StartAsync(CancellationToken.None);
        try
        {
            var sizeBefore = WalPages();
            for (var round = 0; round < 5; round++)
            {
                await WritePagesAsync(db, 150);
                await Task.Delay(200);
            }

            WalPages().Should().BeLessThanOrEqualTo(sizeBefore, "750 more pages were written into the same log from its beginning");
            await using var connection = await db.OpenAsync(CancellationToken.None);
            var (_, log, _) = await connection.QuerySingleAsync<(long, long, long)>("PRAGMA wal_checkpoint(PASSIVE)");
            log.Should().BeLessThan(600, "the log was started again since the first 1,200 pages");
            (await connection.QuerySingleAsync<long>("SELECT COUNT(*) FROM notes")).Should().Be(1950);
        }
        finally
        {
            await checkpointer.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public void Without_the_checkpointer_connections_checkpoint_as_SQLite_does_by_default()
    {
        Options(0).Value.SqliteSessionSql().Should().Contain("wal_autocheckpoint = 1000");
        Options(500).Value.SqliteSessionSql().Should().Contain("wal_autocheckpoint = 20000");
    }
}
