using Dapper;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Jobs;
using LaunchPath.Api.Infrastructure.Messaging;

namespace LaunchPath.Api.Features.Messages;

/// <summary>
/// People who asked for one email a day get what LaunchPath held for them (the messages they may stop, each rendered
/// when it happened) in one message, once a day at <see cref="Hour"/> in the region's time zone (of the first message's
/// placement; UTC when none names one). A recurring job (hourly, on one node at a time); the day's batch key is written
/// in the digest's transaction, so a second node or a rerun never sends a second digest that day. Whoever stopped
/// such messages since gets nothing, and what was held for them is dropped.
/// </summary>
public static class SendDailyDigests
{
    public const string JobKind = "daily-digests";

    public static readonly TimeSpan Every = TimeSpan.FromHours(1);

    /// <summary>The local hour from which the day's digest goes (the end of a school day).</summary>
    public const int Hour = 16;

    private const string SelectWaiting =
        "SELECT di.id, di.recipient_normalized, di.recipient_address, di.recipient_name, di.recipient_person_id, di.language, di.subject, di.text_body, " +
        "r.name AS region_name, r.time_zone FROM digest_items di LEFT JOIN placements pl ON pl.id = di.placement_id " +
        "LEFT JOIN opportunities op ON op.id = pl.opportunity_id LEFT JOIN organizations r ON r.id = op.region_id " +
        "WHERE di.digest_message_id IS NULL ORDER BY di.recipient_normalized, di.created_at, di.id";

    private const string MarkSent =
        "UPDATE digest_items SET digest_message_id = @MessageId WHERE id IN (SELECT value FROM json_each(@Ids)) AND digest_message_id IS NULL";

    private const string Drop = "DELETE FROM digest_items WHERE id IN (SELECT value FROM json_each(@Ids)) AND digest_message_id IS NULL";

    public sealed class Job(Db db, Outbox outbox, PublicUrl publicUrl, TimeProvider clock, ILogger<Job> logger) : IRecurringJob, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [SelectWaiting, MarkSent, Drop, .. MessageBatches.Statements, .. Outbox.Statements];

        public Task RunAsync(JobContext job, CancellationToken cancellationToken) => SendAsync(cancellationToken);

        /// <summary>Writes today's digest for everyone with messages held whose local time is past the hour; returns how many.</summary>
        public async Task<int> SendAsync(CancellationToken cancellationToken)
        {
            if (publicUrl.ForBackground(logger, "daily digests") is null)
            {
                return 0;
            }

            var now = clock.GetUtcNow();
            await using var connection = await db.OpenAsync(cancellationToken);
            var waiting = (await connection.QueryAsync<Held>(new CommandDefinition(SelectWaiting, cancellationToken: cancellationToken))).ToList();
            var written = 0;
            foreach (var recipient in waiting.GroupBy(h => h.RecipientNormalized))
            {
                var items = recipient.ToList();
                var zone = MessageDates.Zone(items.FirstOrDefault(i => i.TimeZone is not null)?.TimeZone);
                var local = TimeZoneInfo.ConvertTime(now, zone);
                if (local.Hour < Hour)
                {
                    continue;
                }

                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                if (!await MessageBatches.ClaimAsync(connection, transaction, db.Dialect, $"digest:{recipient.Key}:{local:yyyy-MM-dd}", now, cancellationToken))
                {
                    continue;
                }

                var last = items[^1];
                var messageId = await outbox.EnqueueAsync(connection, transaction, new Envelope("digest.daily", last.Language, last.RecipientAddress, last.RecipientName,
                    new Dictionary<string, object>
                    {
                        ["recipient"] = last.RecipientName ?? last.RecipientAddress,
                        ["count"] = items.Count,
                        // The HTML shows each message's plain text line by line (values are encoded there, so no markup is built from them).
                        ["items"] = items.Select(i => new Dictionary<string, object> { ["subject"] = i.Subject, ["text"] = i.TextBody, ["lines"] = i.TextBody.Split('\n') }).ToList(),
                        ["region"] = items.FirstOrDefault(i => i.RegionName is not null)?.RegionName ?? "LaunchPath",
                    }, PersonId: last.RecipientPersonId), cancellationToken);
                var ids = DbIds.Of(items.Select(i => i.Id));
                if (messageId == Guid.Empty)
                {
                    await connection.ExecuteAsync(new CommandDefinition(Drop, new { Ids = ids }, transaction, cancellationToken: cancellationToken));
                }
                else
                {
                    await connection.ExecuteAsync(new CommandDefinition(MarkSent, new { MessageId = messageId, Ids = ids }, transaction, cancellationToken: cancellationToken));
                    written++;
                }

                await transaction.CommitAsync(cancellationToken);
            }

            if (written > 0)
            {
                outbox.Wake();
            }

            return written;
        }
    }

    private sealed class Held
    {
        public Guid Id { get; set; }
        public string RecipientNormalized { get; set; } = "";
        public string RecipientAddress { get; set; } = "";
        public string? RecipientName { get; set; }
        public Guid? RecipientPersonId { get; set; }
        public string Language { get; set; } = "";
        public string Subject { get; set; } = "";
        public string TextBody { get; set; } = "";
        public string? RegionName { get; set; }
        public string? TimeZone { get; set; }
    }
}
