namespace LaunchPath.Api.Infrastructure.Messaging;

/// <summary>How messages leave LaunchPath (section <c>Messaging</c>).</summary>
public sealed class MessagingOptions
{
    public const string Section = "Messaging";

    /// <summary>Whether this node sends from the outbox (messages are written to it either way).</summary>
    public bool SenderEnabled { get; set; } = true;

    /// <summary>
    /// The address people open links at (the SPA), e.g. https://launchpath.example.org. Empty: the address of the
    /// request that caused the message.
    /// </summary>
    public string PublicUrl { get; set; } = "";

    /// <summary>How often the sender looks for due messages when nobody wakes it, in seconds.</summary>
    public double PollSeconds { get; set; } = 5;

    /// <summary>How long a claimed message is this node's to send; after that any node may send it again.</summary>
    public int LeaseSeconds { get; set; } = 120;

    /// <summary>Messages claimed at once by one sender.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>Attempts before a message is marked failed (with its last error) for staff to see.</summary>
    public int MaxAttempts { get; set; } = 6;

    public SmtpOptions Smtp { get; set; } = new();
}

/// <summary>The SMTP server email goes through.</summary>
public sealed class SmtpOptions
{
    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 2525;

    /// <summary>None, StartTls (required), StartTlsWhenAvailable, SslOnConnect or Auto.</summary>
    public string Security { get; set; } = "StartTlsWhenAvailable";

    public string UserName { get; set; } = "";

    public string Password { get; set; } = "";

    public string FromAddress { get; set; } = "launchpath@localhost";

    public string FromName { get; set; } = "LaunchPath";

    /// <summary>Seconds before a connection or command times out.</summary>
    public int TimeoutSeconds { get; set; } = 30;
}
