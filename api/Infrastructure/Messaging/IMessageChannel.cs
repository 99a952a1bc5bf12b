namespace LaunchPath.Api.Infrastructure.Messaging;

/// <summary>A message ready to leave: rendered, addressed, with the Message-ID it keeps across every attempt.</summary>
public sealed record OutgoingMessage(string MessageId, string ToAddress, string? ToName, string Subject, string Text, string Html, string Language, string? UnsubscribeUrl = null);

/// <summary>
/// A way to reach people. Email is the first; an SMS channel would be another implementation chosen by the message's
/// channel column.
/// </summary>
public interface IMessageChannel
{
    /// <summary>The channel's name as stored on messages (email).</summary>
    string Name { get; }

    /// <summary>Opens a session (one SMTP connection) for a batch of messages.</summary>
    Task<IChannelSession> OpenAsync(CancellationToken cancellationToken);
}

public interface IChannelSession : IAsyncDisposable
{
    /// <summary>Sends one message; throws <see cref="MessageRefusedException"/> when retrying cannot help.</summary>
    Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken);
}

/// <summary>The receiving side refused the message for good (an unknown mailbox): it is failed at once, not retried.</summary>
public sealed class MessageRefusedException(string message, Exception? inner = null) : Exception(message, inner);
