using System.Data.Common;
using Microsoft.Extensions.Options;

namespace LaunchPath.Api.Infrastructure.Data;

/// <summary>Opens connections to the configured engine and says which SQL dialect it speaks.</summary>
public sealed class Db
{
    private readonly string _connectionString;
    private readonly string? _sessionSql;

    public Db(IOptions<DatabaseOptions> options)
    {
        var value = options.Value;
        Dialect = SqlDialect.For(value.Provider);
        _connectionString = value.EffectiveConnectionString();
        _sessionSql = value.SqliteSessionSql();
    }

    public SqlDialect Dialect { get; }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
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
