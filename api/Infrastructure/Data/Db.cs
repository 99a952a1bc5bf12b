using System.Data.Common;
using Microsoft.Extensions.Options;

namespace LaunchPath.Api.Infrastructure.Data;

/// <summary>Opens connections to the configured engine and says which SQL dialect it speaks.</summary>
public sealed class Db
{
    private readonly string _connectionString;

    public Db(IOptions<DatabaseOptions> options)
    {
        var value = options.Value;
        Dialect = SqlDialect.For(value.Provider);
        _connectionString = value.EffectiveConnectionString();
    }

    public SqlDialect Dialect { get; }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = Dialect.CreateConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
