using System.Data.Common;
using Dapper;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Contracts.Messaging;

namespace LaunchPath.Api.Infrastructure.Messaging;

/// <summary>A stored message as staff see it on the record it concerns: to whom, what, and how delivery went (never its body).</summary>
public sealed class MessageRow
{
    public const string Columns =
        "id, template, channel, recipient_address, recipient_name, language, subject, status, attempts, last_error, next_attempt_at, created_at, sent_at";

    private static readonly string SelectByIds = $"SELECT {Columns} FROM messages WHERE id IN (SELECT value FROM json_each(@Ids)) ORDER BY created_at, id";

    public static IEnumerable<string> Statements => [SelectByIds];

    /// <summary>The messages just written, as staff see them (oldest first).</summary>
    public static async Task<List<SentMessage>> LoadAsync(DbConnection connection, IEnumerable<Guid> ids, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<MessageRow>(new CommandDefinition(SelectByIds, new { Ids = DbIds.Of(ids) }, cancellationToken: cancellationToken)))
        .Select(m => m.ToContract()).ToList();

    public Guid Id { get; set; }
    public string Template { get; set; } = "";
    public string Channel { get; set; } = "";
    public string RecipientAddress { get; set; } = "";
    public string? RecipientName { get; set; }
    public string Language { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Status { get; set; } = "";
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public bool InDigest { get; set; }

    /// <summary>Messages held for, or sent in, a daily digest, as staff see them on a record (<c>@Id</c> names the placement).</summary>
    public const string SelectDigestItemsOfPlacement =
        "SELECT di.id, di.template, 'email' AS channel, di.recipient_address, di.recipient_name, di.language, di.subject, " +
        "COALESCE(m.status, 'heldForDigest') AS status, COALESCE(m.attempts, 0) AS attempts, m.last_error, COALESCE(m.next_attempt_at, di.created_at) AS next_attempt_at, " +
        "di.created_at, m.sent_at, CAST(1 AS BIT) AS in_digest FROM digest_items di LEFT JOIN messages m ON m.id = di.digest_message_id WHERE di.placement_id = @Id";

    public SentMessage ToContract()
    {
        var status = DbEnum.Parse<DeliveryStatus>(Status);
        return new SentMessage
        {
            Id = Id.ToString("D"),
            Template = Template,
            Channel = Channel,
            Recipient = RecipientAddress,
            RecipientName = RecipientName,
            Language = Language,
            Subject = Subject,
            Status = status,
            Attempts = Attempts,
            LastError = LastError,
            NextAttemptAt = status == DeliveryStatus.Pending ? NextAttemptAt : null,
            CreatedAt = CreatedAt,
            SentAt = SentAt,
            InDigest = InDigest,
        };
    }
}
