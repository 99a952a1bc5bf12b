using System.Data.Common;
using Dapper;
using LaunchPath.Api.Infrastructure.Data;

namespace LaunchPath.Api.Infrastructure.Messaging;

/// <summary>
/// Keys of messages that go out once (a supervisor's hours for a day, a reminder for an agreement's version): the key's
/// row is written first, in the message's transaction, and its primary key is the rule on every node.
/// </summary>
public static class MessageBatches
{
    private const string Insert = "INSERT INTO message_batches (batch_key, created_at) VALUES (@Key, @Now)";

    public static IEnumerable<string> Statements => [Insert];

    /// <summary>Writes <paramref name="key"/>; false when it was written before (that message went out then).</summary>
    public static async Task<bool> ClaimAsync(DbConnection connection, DbTransaction transaction, SqlDialect dialect, string key, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(Insert, new { Key = key, Now = now }, transaction, cancellationToken: cancellationToken));
            return true;
        }
        catch (DbException exception) when (dialect.IsUniqueViolation(exception))
        {
            return false;
        }
    }
}
