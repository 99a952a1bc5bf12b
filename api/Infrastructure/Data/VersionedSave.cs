using System.Data.Common;
using Dapper;

namespace LaunchPath.Api.Infrastructure.Data;

/// <summary>
/// Optimistic saves of a row that may not exist yet (a region's settings): insert it when none was read (version 0),
/// else update it only where the stored version is still the one read. Either way a save made by someone else in
/// between makes this one fail rather than be overwritten.
/// </summary>
public static class VersionedSave
{
    /// <summary>
    /// Saves <paramref name="values"/> over the row read at version <paramref name="current"/> (0: none yet): runs
    /// <paramref name="insert"/> when there was none, else <paramref name="update"/>, which must set version = @Version and
    /// updated_at = @Now WHERE the key matches AND version = @Current (the three are added to the values here). False
    /// when the caller's If-Match version (<paramref name="expected"/>; null: any) is not the one read, or when the row
    /// changed or appeared in between.
    /// </summary>
    public static async Task<bool> SaveAsync(DbConnection connection, SqlDialect dialect, string insert, string update, int? expected, int current,
        object values, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (expected is { } version && version != current)
        {
            return false;
        }

        var parameters = new DynamicParameters(values);
        parameters.Add("Current", current);
        parameters.Add("Version", current + 1);
        parameters.Add("Now", now);
        if (current > 0)
        {
            return await connection.ExecuteAsync(new CommandDefinition(update, parameters, cancellationToken: cancellationToken)) == 1;
        }

        try
        {
            await connection.ExecuteAsync(new CommandDefinition(insert, parameters, cancellationToken: cancellationToken));
            return true;
        }
        catch (DbException exception) when (dialect.IsUniqueViolation(exception))
        {
            return false;
        }
    }
}
