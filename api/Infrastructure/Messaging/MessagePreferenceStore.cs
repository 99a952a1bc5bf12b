using System.Data.Common;
using Dapper;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Contracts.Messaging;

namespace LaunchPath.Api.Infrastructure.Messaging;

/// <summary>
/// What an address chose for the messages it may stop (each as it happens, one a day, none) and for the language of
/// everything LaunchPath sends it. Keyed by the normalized address, as <see cref="Outbox"/> reads it: the signed-in
/// person sets it for their account's address, anyone else from the unsubscribe link in such a message.
/// </summary>
public static class MessagePreferenceStore
{
    /// <summary>An address's choices in one row (also what <see cref="Outbox"/> reads for every message it writes).</summary>
    public const string Select =
        "SELECT (SELECT COUNT(*) FROM message_opt_outs WHERE recipient_normalized = @Normalized) AS opted_out, " +
        "(SELECT delivery FROM message_preferences WHERE recipient_normalized = @Normalized) AS delivery, " +
        "(SELECT language FROM message_preferences WHERE recipient_normalized = @Normalized) AS language";

    private const string DeleteOptOut = "DELETE FROM message_opt_outs WHERE recipient_normalized = @recipient_normalized";

    private static string UpsertOptOut(SqlDialect dialect) => dialect.Upsert("message_opt_outs", ["recipient_normalized"], [], ["opted_out_at"]);

    private static string UpsertPreference(SqlDialect dialect) => dialect.Upsert("message_preferences", ["recipient_normalized"], ["delivery", "language", "updated_at"]);

    public static IEnumerable<string> Statements(SqlDialect dialect) => [Select, DeleteOptOut, UpsertOptOut(dialect), UpsertPreference(dialect)];

    public static async Task<(MessageDelivery Delivery, string? Language)> ReadAsync(DbConnection connection, string normalized, CancellationToken cancellationToken,
        DbTransaction? transaction = null)
    {
        var row = await connection.QuerySingleAsync<Row>(new CommandDefinition(Select, new { Normalized = normalized }, transaction, cancellationToken: cancellationToken));
        var delivery = row.OptedOut > 0 ? MessageDelivery.None : row.Delivery == Outbox.DailyDelivery ? MessageDelivery.Daily : MessageDelivery.Immediate;
        return (delivery, row.Language);
    }

    /// <summary>Stores the choice in <paramref name="transaction"/>: None stops the messages (an opt-out), the others start them again.</summary>
    public static async Task WriteAsync(DbConnection connection, DbTransaction transaction, SqlDialect dialect, string normalized, MessageDelivery delivery, string? language,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (delivery == MessageDelivery.None)
        {
            await connection.ExecuteAsync(new CommandDefinition(UpsertOptOut(dialect), new { recipient_normalized = normalized, opted_out_at = now }, transaction,
                cancellationToken: cancellationToken));
        }
        else
        {
            await connection.ExecuteAsync(new CommandDefinition(DeleteOptOut, new { recipient_normalized = normalized }, transaction, cancellationToken: cancellationToken));
        }

        await connection.ExecuteAsync(new CommandDefinition(UpsertPreference(dialect), new
        {
            recipient_normalized = normalized,
            delivery = delivery == MessageDelivery.Daily ? Outbox.DailyDelivery : "immediate",
            language,
            updated_at = now,
        }, transaction, cancellationToken: cancellationToken));
    }

    private sealed class Row
    {
        public int OptedOut { get; set; }
        public string? Delivery { get; set; }
        public string? Language { get; set; }
    }
}
