using System.Data.Common;
using Dapper;

namespace LaunchPath.Api.Infrastructure.Data;

/// <summary>
/// A connection set up for a large read or write (a roster import, a match round): on SQLite a page cache that holds the
/// working set (the indexes a round's placements go into), given back when the work is done, so the pooled connection
/// does not keep a quarter of a gigabyte of pages for the next request.
/// </summary>
public sealed class BulkSession : IAsyncDisposable
{
    private readonly DbConnection _connection;
    private readonly string? _end;

    private BulkSession(DbConnection connection, string? end) => (_connection, _end) = (connection, end);

    public static async Task<BulkSession> StartAsync(DbConnection connection, SqlDialect dialect, CancellationToken cancellationToken)
    {
        if (dialect.BulkSessionSql is { } start)
        {
            await connection.ExecuteAsync(new CommandDefinition(start, cancellationToken: cancellationToken));
        }

        return new BulkSession(connection, dialect.BulkSessionEndSql);
    }

    public async ValueTask DisposeAsync()
    {
        if (_end is not null && _connection.State == System.Data.ConnectionState.Open)
        {
            await _connection.ExecuteAsync(_end);
        }
    }
}
