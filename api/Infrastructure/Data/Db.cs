using System.Data.Common;
using Microsoft.Extensions.Options;

namespace LaunchPath.Api.Infrastructure.Data;

/// <summary>
/// Opens connections to the configured engine and says which SQL dialect it speaks. On SQLite connections are kept open
/// with their statements prepared (<see cref="SqlitePool"/>).
/// </summary>
public sealed class Db : IDisposable
{
    private readonly string _connectionString;
    private readonly string? _sessionSql;
    private readonly SqlitePool? _sqlite;

    public Db(IOptions<DatabaseOptions> options)
    {
        var value = options.Value;
        Dialect = SqlDialect.For(value.Provider);
        _connectionString = value.EffectiveConnectionString();
        _sessionSql = value.SqliteSessionSql();
        _sqlite = Dialect.Provider == DatabaseProvider.Sqlite && value.SqliteKeepStatements ? new SqlitePool(_connectionString, _sessionSql) : null;
    }

    public void Dispose() => _sqlite?.Dispose();

    public SqlDialect Dialect { get; }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (_sqlite is not null)
        {
            return await _sqlite.OpenAsync(cancellationToken);
        }

        var connection = Dialect.CreateConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (_sessionSql is not null)
            {
                await using var session = connection.CreateCommand();
                session.CommandText = _sessionSql;
                await session.ExecuteNonQueryAsync(cancellationToken);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
