using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LaunchPath.Api.Infrastructure.Data;

/// <summary>Ready when the database answers and the schema is migrated.</summary>
public sealed class DatabaseHealthCheck(Db db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT COUNT(*) FROM organizations WHERE 1 = 0", cancellationToken: cancellationToken));
            return HealthCheckResult.Healthy($"{db.Dialect.Provider} database reachable");
        }
        catch (Exception exception)
        {
            return HealthCheckResult.Unhealthy($"{db.Dialect.Provider} database unavailable", exception);
        }
    }
}
