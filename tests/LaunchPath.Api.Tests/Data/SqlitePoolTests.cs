using Dapper;
using LaunchPath.Api.Infrastructure.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LaunchPath.Api.Tests.Data;

/// <summary>
/// Connections kept open with their statements prepared: what one request leaves must never reach the next (an open
/// transaction, a connection handed back twice), and a kept connection must not hold the database back.
/// </summary>
public sealed class SqlitePoolTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "launchpath-tests", Guid.NewGuid().ToString("N"));
    private readonly Db _db;

    public SqlitePoolTests()
    {
        var options = Options.Create(new DatabaseOptions { ConnectionString = $"Data Source={Path.Combine(_directory, "pool.db")}" });
        new DatabaseMigrator(options, NullLogger<DatabaseMigrator>.Instance).Migrate();
        _db = new Db(options);
        using var connection = _db.OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
        connection.Execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)");
    }

    public void Dispose()
    {
        _db.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_statement_run_again_on_a_kept_connection_is_the_one_prepared_before_with_new_values()
    {
        SqliteConnection first;
        await using (var connection = await _db.OpenAsync(CancellationToken.None))
        {
            first = (SqliteConnection)connection;
            await connection.ExecuteAsync("INSERT INTO notes (text) VALUES (@Text)", new { Text = "one" });
            await connection.ExecuteAsync("INSERT INTO notes (text) VALUES (@Text)", new { Text = "two" });
        }

        await using (var connection = await _db.OpenAsync(CancellationToken.None))
        {
            connection.Should().BeSameAs(first, "a connection handed back is kept open");
            var prepared = ((PooledSqliteConnection)connection).Prepared;
            (await connection.QuerySingleAsync<string>("SELECT text FROM notes WHERE id = @Id", new { Id = 1 })).Should().Be("one");
            (await connection.QuerySingleAsync<string>("SELECT text FROM notes WHERE id = @Id", new { Id = 2 })).Should().Be("two", "the kept statement runs with the new value");
            ((PooledSqliteConnection)connection).Prepared.Should().Be(prepared + 1, "the same text is prepared once");

            // The same text twice at once (a reader still open): the second gets a statement of its own.
            await using var reader = await connection.ExecuteReaderAsync("SELECT text FROM notes ORDER BY id");
            (await reader.ReadAsync()).Should().BeTrue();
            (await connection.QueryAsync<string>("SELECT text FROM notes ORDER BY id")).Should().Equal("one", "two");
            reader.GetString(0).Should().Be("one");
        }
    }

    [Fact]
    public async Task A_connection_handed_back_inside_a_transaction_is_closed_and_its_writes_undone()
    {
        SqliteConnection abandoned;
        await using (var connection = await _db.OpenAsync(CancellationToken.None))
        {
            abandoned = (SqliteConnection)connection;
            var transaction = await connection.BeginTransactionAsync();
            await connection.ExecuteAsync("INSERT INTO notes (text) VALUES ('never committed')", transaction: transaction);
            // Neither committed nor disposed: the caller forgot it.
        }

        await using var next = await _db.OpenAsync(CancellationToken.None);
        next.Should().NotBeSameAs(abandoned, "a connection in a transaction is not kept");
        (await next.QuerySingleAsync<long>("SELECT COUNT(*) FROM notes")).Should().Be(0);
        await using var write = await next.BeginTransactionAsync();
        await next.ExecuteAsync("INSERT INTO notes (text) VALUES ('committed')", transaction: write);
        await write.CommitAsync();
    }

    [Fact]
    public async Task A_connection_closed_and_then_disposed_is_handed_back_once()
    {
        var connection = await _db.OpenAsync(CancellationToken.None);
        await connection.CloseAsync();
        await connection.DisposeAsync();

        await using var a = await _db.OpenAsync(CancellationToken.None);
        await using var b = await _db.OpenAsync(CancellationToken.None);
        a.Should().NotBeSameAs(b, "two callers at once never share a connection");
    }

    [Fact]
    public async Task Kept_connections_hold_no_snapshot_so_the_log_can_be_checkpointed()
    {
        for (var i = 0; i < 3; i++)
        {
            await using var connection = await _db.OpenAsync(CancellationToken.None);
            await connection.ExecuteAsync("INSERT INTO notes (text) VALUES (@Text)", new { Text = $"note {i}" });
            (await connection.QueryAsync<string>("SELECT text FROM notes")).Should().HaveCount(i + 1);
        }

        await using var idle = await _db.OpenAsync(CancellationToken.None); // holds the kept statements, idle
        await using var other = new SqliteConnection(new DatabaseOptions { ConnectionString = $"Data Source={Path.Combine(_directory, "pool.db")}" }.EffectiveConnectionString());
        await other.OpenAsync();
        var checkpoint = (await other.QueryAsync("PRAGMA wal_checkpoint(TRUNCATE)")).Single() as IDictionary<string, object>;
        ((long)checkpoint!["busy"]).Should().Be(0, "no kept statement keeps a read open");
    }
}
