using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;

namespace LaunchPath.Api.Tests.Infrastructure;

/// <summary>
/// A real SMTP server on loopback (RFC 5321: EHLO/HELO, MAIL, RCPT, DATA with dot-stuffing, RSET, NOOP, QUIT) that keeps
/// what it receives as parsed MIME messages. It can refuse recipients for good (550), answer "try later" at connect
/// (421), or take a message's data and then drop the connection without answering — what a crash between the server's
/// receipt and the sender's record of it looks like to the sender.
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public SmtpTestServer()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The API's settings to send through this server, with links pointing at <paramref name="publicUrl"/> (the sender is the test's to run).</summary>
    public Dictionary<string, string?> ApiSettings(string publicUrl) => new()
    {
        ["Messaging:Smtp:Host"] = "127.0.0.1",
        ["Messaging:Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Messaging:Smtp:Security"] = "None",
        ["Messaging:Smtp:FromAddress"] = "wbl@launchpath.example.test",
        ["Messaging:PublicUrl"] = publicUrl,
        // Tests that count messages run the recurring jobs (digests, reminders) themselves: started by the node, a
        // Monday's weekly digest could land in the middle of a count.
        ["Jobs:Recurring"] = "false",
    };

    public ConcurrentQueue<MimeMessage> Received { get; } = new();

    /// <summary>Recipients refused for good (550 at RCPT).</summary>
    public Func<string, bool> Refuse { get; set; } = _ => false;

    /// <summary>Connections to answer with 421 (service not available, try later) before serving again.</summary>
    public int ConnectionsToTurnAway;

    /// <summary>After taking this many messages' data, drop the connection instead of answering the next one's.</summary>
    public int? DropAfterData;

    /// <summary>Called with each message once its data is in (before the server answers).</summary>
    public Action<MimeMessage>? OnMessage { get; set; }

    /// <summary>Waits until <paramref name="count"/> messages have arrived.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (Received.Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Received.Count} of {count} messages arrived.");
            }

            await Task.Delay(20);
        }

        return Received.ToList();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        // Latin-1 keeps every byte as one char: 8-bit (UTF-8) bodies survive to MimeKit unchanged.
        using var reader = new StreamReader(stream, Encoding.Latin1);
        var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        try
        {
            if (Interlocked.Decrement(ref ConnectionsToTurnAway) >= 0)
            {
                await writer.WriteLineAsync("421 4.3.2 Service not available, try again later");
                return;
            }

            await writer.WriteLineAsync("220 localhost LaunchPath test SMTP");
            var recipients = new List<string>();
            while (await reader.ReadLineAsync() is { } line)
            {
                var verb = line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        await writer.WriteLineAsync("250-localhost");
                        await writer.WriteLineAsync("250-8BITMIME");
                        await writer.WriteLineAsync("250 SMTPUTF8");
                        break;
                    case "HELO":
                        await writer.WriteLineAsync("250 localhost");
                        break;
                    case "MAIL":
                        recipients.Clear();
                        await writer.WriteLineAsync("250 2.1.0 OK");
                        break;
                    case "RCPT":
                        var address = line[(line.IndexOf('<') + 1)..line.LastIndexOf('>')];
                        if (Refuse(address))
                        {
                            await writer.WriteLineAsync("550 5.1.1 No such mailbox");
                        }
                        else
                        {
                            recipients.Add(address);
                            await writer.WriteLineAsync("250 2.1.5 OK");
                        }

                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        var data = new StringBuilder();
                        while (await reader.ReadLineAsync() is { } dataLine && dataLine != ".")
                        {
                            data.Append(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine).Append("\r\n");
                        }

                        var message = MimeMessage.Load(new MemoryStream(Encoding.Latin1.GetBytes(data.ToString())));
                        Received.Enqueue(message);
                        OnMessage?.Invoke(message);
                        if (DropAfterData is { } drop && Received.Count >= drop)
                        {
                            DropAfterData = null;
                            return; // the message is in, the sender never hears so
                        }

                        await writer.WriteLineAsync("250 2.0.0 Queued");
                        break;
                    case "RSET":
                        recipients.Clear();
                        await writer.WriteLineAsync("250 2.0.0 OK");
                        break;
                    case "NOOP":
                        await writer.WriteLineAsync("250 2.0.0 OK");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 2.0.0 Bye");
                        return;
                    default:
                        await writer.WriteLineAsync("502 5.5.2 Command not recognized");
                        break;
                }
            }
        }
        catch (IOException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
        }
    }
}
