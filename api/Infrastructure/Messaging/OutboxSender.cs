using Dapper;
using LaunchPath.Api.Infrastructure.Data;
using Microsoft.Extensions.Options;

namespace LaunchPath.Api.Infrastructure.Messaging;

/// <summary>
/// Sends the outbox, on every node. A message is claimed with a lease by a conditional write (the database decides, so
/// two senders never hold it at once); the sender records the result only while it still holds the lease. A message
/// whose sender died (lease expired) is claimed and sent again, with the same Message-ID: delivery is at least once,
/// and a duplicate can be recognised. A transient failure (the server is down, refuses for now) is retried with growing
/// delays; a refusal for good, or the last attempt, marks it failed with the reason, for staff to see. What held a
/// secret (a one-time link) is wiped from the row once it is sent or failed; the subject and the state stay.
/// </summary>
public sealed class OutboxSender(
    Db db,
    Outbox outbox,
    IEnumerable<IMessageChannel> channels,
    IOptions<MessagingOptions> options,
    TimeProvider clock,
    ILogger<OutboxSender> logger) : BackgroundService, ISqlSource
{
    /// <summary>Delays before the 2nd, 3rd, … attempt.</summary>
    internal static readonly TimeSpan[] Backoff = [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromHours(1), TimeSpan.FromHours(4)];

    private const string Due =
        "SELECT id, attempts FROM messages WHERE (status = 'pending' AND next_attempt_at <= @Now) OR (status = 'sending' AND lease_until < @Now) ORDER BY next_attempt_at";

    private const string Claim =
        "UPDATE messages SET status = 'sending', lease_owner = @Node, lease_until = @Until, attempts = attempts + 1 " +
        "WHERE id = @Id AND attempts = @Attempts AND ((status = 'pending' AND next_attempt_at <= @Now) OR (status = 'sending' AND lease_until < @Now))";

    private const string Load =
        "SELECT id, message_id, channel, language, recipient_address, recipient_name, subject, text_body, html_body, attempts, unsubscribe_url FROM messages " +
        "WHERE id IN (SELECT value FROM json_each(@Ids)) AND lease_owner = @Node";

    private const string Wipe = "text_body = CASE WHEN holds_secret = 1 THEN NULL ELSE text_body END, html_body = CASE WHEN holds_secret = 1 THEN NULL ELSE html_body END";

    private const string Sent =
        "UPDATE messages SET status = 'sent', sent_at = @Now, lease_owner = NULL, lease_until = NULL, last_error = NULL, " + Wipe + " " +
        "WHERE id = @Id AND lease_owner = @Node AND attempts = @Attempt AND status = 'sending'";

    private const string Retry =
        "UPDATE messages SET status = 'pending', next_attempt_at = @At, lease_owner = NULL, lease_until = NULL, last_error = @Error " +
        "WHERE id = @Id AND lease_owner = @Node AND attempts = @Attempt AND status = 'sending'";

    private const string Failed =
        "UPDATE messages SET status = 'failed', lease_owner = NULL, lease_until = NULL, last_error = @Error, " + Wipe + " " +
        "WHERE id = @Id AND lease_owner = @Node AND attempts = @Attempt AND status = 'sending'";

    public static IEnumerable<string> Statements(SqlDialect dialect) => [dialect.Limit(Due), Claim, Load, Sent, Retry, Failed, .. Outbox.Statements];

    /// <summary>This sender's name on the rows it claims.</summary>
    public string Node { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.SenderEnabled)
        {
            return;
        }

        logger.LogInformation("Outbox sender {Node} started", Node);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // A full batch means there may be more: look again at once.
                if (await SendDueAsync(stoppingToken) >= settings.BatchSize)
                {
                    continue;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception failure)
            {
                logger.LogWarning(failure, "The outbox sender could not read or record messages; trying again");
            }

            try
            {
                await outbox.WaitAsync(TimeSpan.FromSeconds(settings.PollSeconds), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Claims and sends one batch of due messages; returns how many it claimed.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        List<Message> claimed;
        await using (var connection = await db.OpenAsync(cancellationToken))
        {
            var due = (await connection.QueryAsync<DueRow>(new CommandDefinition(db.Dialect.Limit(Due), new { Now = now, Take = settings.BatchSize }, cancellationToken: cancellationToken))).ToList();
            var mine = new List<Guid>();
            foreach (var row in due)
            {
                if (await connection.ExecuteAsync(new CommandDefinition(Claim, new { row.Id, row.Attempts, Node, Now = now, Until = now.AddSeconds(settings.LeaseSeconds) },
                        cancellationToken: cancellationToken)) == 1)
                {
                    mine.Add(row.Id);
                }
            }

            if (mine.Count == 0)
            {
                return 0;
            }

            claimed = (await connection.QueryAsync<Message>(new CommandDefinition(Load, new { Ids = DbIds.Of(mine), Node }, cancellationToken: cancellationToken))).ToList();
        }

        foreach (var group in claimed.GroupBy(m => m.Channel))
        {
            await SendAsync(group.Key, group.ToList(), cancellationToken);
        }

        return claimed.Count;
    }

    private async Task SendAsync(string channelName, List<Message> messages, CancellationToken cancellationToken)
    {
        var channel = channels.FirstOrDefault(c => c.Name == channelName);
        IChannelSession? session = null;
        try
        {
            if (channel is null)
            {
                throw new InvalidOperationException($"No channel sends {channelName} messages on this node.");
            }

            session = await channel.OpenAsync(cancellationToken);
        }
        catch (Exception failure) when (failure is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Could not reach the {Channel} server: {Reason}; {Count} messages wait for their next attempt", channelName, failure.Message, messages.Count);
            foreach (var message in messages)
            {
                await RecordAsync(message, failure, cancellationToken);
            }

            return;
        }

        await using (session)
        {
            foreach (var message in messages)
            {
                Exception? failure = null;
                if (message.TextBody is null || message.HtmlBody is null)
                {
                    failure = new MessageRefusedException("The message's text is gone (it held a one-time link and was wiped).");
                }
                else
                {
                    try
                    {
                        await session.SendAsync(new OutgoingMessage(message.MessageId, message.RecipientAddress, message.RecipientName, message.Subject, message.TextBody,
                            message.HtmlBody, message.Language, message.UnsubscribeUrl), cancellationToken);
                    }
                    catch (Exception sendFailure) when (sendFailure is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                    {
                        failure = sendFailure;
                    }
                }

                await RecordAsync(message, failure, cancellationToken);
            }
        }
    }

    /// <summary>Records one attempt's result, only while this node still holds the message's lease.</summary>
    private async Task RecordAsync(Message message, Exception? failure, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var settings = options.Value;
        string statement;
        object parameters;
        if (failure is null)
        {
            statement = Sent;
            parameters = new { message.Id, Node, Attempt = message.Attempts, Now = now };
        }
        else
        {
            var reason = Reason(failure);
            var last = failure is MessageRefusedException || message.Attempts >= settings.MaxAttempts;
            statement = last ? Failed : Retry;
            parameters = new { message.Id, Node, Attempt = message.Attempts, Error = reason, At = now + Backoff[Math.Min(message.Attempts, Backoff.Length) - 1] };
            logger.Log(last ? LogLevel.Warning : LogLevel.Information, "Message {MessageId} attempt {Attempt} failed{Final}: {Reason}", message.Id, message.Attempts,
                last ? " for good" : "", reason);
        }

        await using var connection = await db.OpenAsync(CancellationToken.None);
        if (await connection.ExecuteAsync(new CommandDefinition(statement, parameters, cancellationToken: CancellationToken.None)) == 0)
        {
            logger.LogWarning("Message {MessageId}: its lease passed to another sender before this attempt was recorded", message.Id);
        }
    }

    private static string Reason(Exception failure)
    {
        var text = failure switch
        {
            MessageRefusedException refused => refused.Message,
            MailKit.Net.Smtp.SmtpCommandException command => $"The mail server answered {(int)command.StatusCode}: {command.Message}",
            MailKit.Net.Smtp.SmtpProtocolException protocol => $"The mail server broke the conversation: {protocol.Message}",
            System.Net.Sockets.SocketException socket => $"Could not connect to the mail server: {socket.Message}",
            IOException io => $"The connection to the mail server failed: {io.Message}",
            TimeoutException => "The mail server did not answer in time.",
            OperationCanceledException => "The attempt was stopped before the mail server answered.",
            _ => $"Sending failed: {failure.Message}",
        };
        return text.Length > 1000 ? text[..1000] : text;
    }

    private sealed class DueRow
    {
        public Guid Id { get; set; }
        public int Attempts { get; set; }
    }

    private sealed class Message
    {
        public Guid Id { get; set; }
        public string MessageId { get; set; } = "";
        public string Channel { get; set; } = "";
        public string Language { get; set; } = "";
        public string RecipientAddress { get; set; } = "";
        public string? RecipientName { get; set; }
        public string Subject { get; set; } = "";
        public string? TextBody { get; set; }
        public string? HtmlBody { get; set; }
        public int Attempts { get; set; }
        public string? UnsubscribeUrl { get; set; }
    }
}
