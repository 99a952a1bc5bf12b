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
    /// Runs <c>insert</c> (the row with version @Version) when <c>current</c> is 0, else <c>update</c> (values and version
    /// = @Version WHERE the key matches AND version = @Current); <c>parameters</c> carries Current and Version = Current + 1.
    /// False when the row changed, or appeared, since it was read at version <c>current</c>.
    /// </summary>
    public static async Task<bool> SaveAsync(DbConnection connection, SqlDialect dialect, string insert, string update, int current, object parameters,
        CancellationToken cancellationToken)
    {
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
