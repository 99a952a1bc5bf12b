using System.Collections.Concurrent;
using System.Data;
using Microsoft.Data.Sqlite;

namespace LaunchPath.Api.Infrastructure.Data;

/// <summary>
/// SQLite connections kept open, each with its statements kept prepared. Microsoft.Data.Sqlite prepares every command
/// anew (and forgets its statements when a connection goes back to its pool): for an opportunity search, preparing took
/// longer than running (≈ 175 µs against ≈ 135 µs). Here a connection handed back is kept open, and a command whose
/// text it has run before runs that statement again. A connection in a transaction, or closed for real, is not kept.
/// </summary>
public sealed class SqlitePool(string connectionString, string? sessionSql) : IDisposable
{
    /// <summary>Idle connections kept; more than this are closed when handed back.</summary>
    public const int MaxIdle = 32;

    private readonly ConcurrentBag<PooledSqliteConnection> _idle = [];
    private int _idleCount;
    private bool _disposed;

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        while (_idle.TryTake(out var idle))
        {
            Interlocked.Decrement(ref _idleCount);
            if (idle.Lease())
            {
                return idle;
            }
        }

        var connection = new PooledSqliteConnection(connectionString, this);
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (sessionSql is not null)
            {
                using var session = new SqliteCommand(sessionSql, connection);
                session.ExecuteNonQuery();
            }

            connection.Lease();
            return connection;
        }
        catch
        {
            connection.CloseForReal();
            throw;
        }
    }

    internal bool TryKeep(PooledSqliteConnection connection)
    {
        if (_disposed || Interlocked.Increment(ref _idleCount) > MaxIdle)
        {
            Interlocked.Decrement(ref _idleCount);
            return false;
        }

        _idle.Add(connection);
        return true;
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var idle))
        {
            idle.CloseForReal();
        }
    }
}

/// <summary>An open SQLite connection that goes back to its <see cref="SqlitePool"/> when closed, statements and all.</summary>
internal sealed class PooledSqliteConnection(string connectionString, SqlitePool pool) : SqliteConnection(connectionString)
{
    private const int MaxStatements = 200;
    private readonly Dictionary<string, SqliteCommand> _statements = new(StringComparer.Ordinal);
    private int _leased; // 1 while somebody holds it: a second Close (Dispose after Close) must not hand it back twice

    /// <summary>How many statements are kept prepared (for tests).</summary>
    internal int Prepared => _statements.Count;

    internal bool Lease() => State == ConnectionState.Open && Interlocked.CompareExchange(ref _leased, 1, 0) == 0;

    // As Microsoft.Data.Sqlite does: a new command joins the transaction the connection is in.
    public override SqliteCommand CreateCommand() => new ReusingCommand(this) { CommandTimeout = DefaultTimeout, Transaction = Transaction };

    public override void Close()
    {
        if (Interlocked.CompareExchange(ref _leased, 0, 1) != 1)
        {
            return; // already handed back (or never leased)
        }

        // Only a connection with nothing left running goes back: no transaction, SQLite in autocommit mode.
        if (State == ConnectionState.Open && Transaction is null && Handle is { } handle && SQLitePCL.raw.sqlite3_get_autocommit(handle) != 0
            && pool.TryKeep(this))
        {
            return;
        }

        CloseForReal();
    }

    internal void CloseForReal()
    {
        _leased = 0;
        foreach (var statement in _statements.Values)
        {
            statement.Dispose();
        }

        _statements.Clear();
        base.Close();
    }

    /// <summary>The prepared command for this text, taken out until it is given back (a second user of the same text at once gets its own).</summary>
    internal SqliteCommand Take(string text)
    {
        if (_statements.Remove(text, out var command))
        {
            return command;
        }

        return new SqliteCommand(text, this);
    }

    internal void GiveBack(SqliteCommand command)
    {
        if (State != ConnectionState.Open || _statements.ContainsKey(command.CommandText))
        {
            command.Dispose();
            return;
        }

        if (_statements.Count >= MaxStatements)
        {
            foreach (var statement in _statements.Values)
            {
                statement.Dispose();
            }

            _statements.Clear();
        }

        command.Parameters.Clear();
        command.Transaction = null;
        _statements[command.CommandText] = command;
    }
}

/// <summary>
/// What callers (Dapper) build and run: its parameters and transaction go to the connection's prepared command for the
/// same text, which runs in its place and is given back when this one is disposed.
/// </summary>
internal sealed class ReusingCommand : SqliteCommand
{
    private readonly PooledSqliteConnection _owner;
    private SqliteCommand? _prepared;

    public ReusingCommand(PooledSqliteConnection owner)
    {
        _owner = owner;
        Connection = owner;
    }

    public override void Prepare()
    {
    }

    public override SqliteDataReader ExecuteReader(CommandBehavior behavior) => Ready().ExecuteReader(behavior);

    protected override System.Data.Common.DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => ExecuteReader(behavior);

    public override Task<SqliteDataReader> ExecuteReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(ExecuteReader(behavior));
    }

    protected override async Task<System.Data.Common.DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken) =>
        await ExecuteReaderAsync(behavior, cancellationToken);

    public override int ExecuteNonQuery() => Ready().ExecuteNonQuery();

    public override object? ExecuteScalar() => Ready().ExecuteScalar();

    /// <summary>The prepared command for the current text, with this command's parameters, transaction and timeout.</summary>
    private SqliteCommand Ready()
    {
        if (_prepared is not null && _prepared.CommandText != CommandText)
        {
            _owner.GiveBack(_prepared);
            _prepared = null;
        }

        _prepared ??= _owner.Take(CommandText);
        _prepared.Parameters.Clear();
        foreach (SqliteParameter parameter in Parameters)
        {
            _prepared.Parameters.Add(parameter);
        }

        _prepared.Transaction = Transaction;
        _prepared.CommandTimeout = CommandTimeout;
        return _prepared;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && _prepared is not null)
        {
            _owner.GiveBack(_prepared);
            _prepared = null;
        }

        base.Dispose(disposing);
    }
}
