using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace LaunchPath.Api.Infrastructure.Messaging;

/// <summary>Email through an SMTP server (MailKit): one connection per batch, the message's own Message-ID on every attempt.</summary>
public sealed class EmailChannel(IOptions<MessagingOptions> options) : IMessageChannel
{
    public const string ChannelName = "email";

    public string Name => ChannelName;

    public async Task<IChannelSession> OpenAsync(CancellationToken cancellationToken)
    {
        var smtp = options.Value.Smtp;
        var client = new SmtpClient { Timeout = smtp.TimeoutSeconds * 1000 };
        try
        {
            await client.ConnectAsync(smtp.Host, smtp.Port, Security(smtp.Security), cancellationToken);
            if (smtp.UserName.Length > 0)
            {
                await client.AuthenticateAsync(smtp.UserName, smtp.Password, cancellationToken);
            }

            return new Session(client, smtp);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private static SecureSocketOptions Security(string value) => value.Trim().ToLowerInvariant() switch
    {
        "none" => SecureSocketOptions.None,
        "starttls" => SecureSocketOptions.StartTls,
        "starttlswhenavailable" => SecureSocketOptions.StartTlsWhenAvailable,
        "sslonconnect" => SecureSocketOptions.SslOnConnect,
        "auto" => SecureSocketOptions.Auto,
        _ => throw new InvalidOperationException($"Messaging:Smtp:Security must be None, StartTls, StartTlsWhenAvailable, SslOnConnect or Auto, not '{value}'."),
    };

    /// <summary>Builds the MIME message: plain text and HTML alternatives, the stored Message-ID, the recipient's language.</summary>
    public static MimeMessage ToMime(OutgoingMessage message, SmtpOptions smtp)
    {
        var mime = new MimeMessage { MessageId = message.MessageId, Subject = message.Subject, Date = DateTimeOffset.UtcNow };
        mime.From.Add(new MailboxAddress(smtp.FromName, smtp.FromAddress));
        mime.To.Add(new MailboxAddress(message.ToName ?? "", message.ToAddress));
        mime.Headers.Add("Auto-Submitted", "auto-generated");
        if (message.UnsubscribeUrl is { } unsubscribe)
        {
            // RFC 2369 and RFC 8058: mail programs offer "unsubscribe" and POST to it in one click.
            mime.Headers.Add("List-Unsubscribe", $"<{unsubscribe}>");
            mime.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }

        mime.Body = new BodyBuilder { TextBody = message.Text, HtmlBody = message.Html }.ToMessageBody();
        mime.Body.Headers.Add(HeaderId.ContentLanguage, message.Language); // a Content-* header: the body's, at the top of the message
        return mime;
    }

    private sealed class Session(SmtpClient client, SmtpOptions smtp) : IChannelSession
    {
        public async Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
        {
            try
            {
                await client.SendAsync(ToMime(message, smtp), cancellationToken);
            }
            catch (SmtpCommandException refused) when ((int)refused.StatusCode >= 500 && refused.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted)
            {
                throw new MessageRefusedException($"The mail server refused it: {(int)refused.StatusCode} {refused.Message}", refused);
            }
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (client.IsConnected)
                {
                    await client.DisconnectAsync(quit: true);
                }
            }
            catch (Exception)
            {
                // The batch is over; a failed goodbye changes nothing that was sent.
            }
            finally
            {
                client.Dispose();
            }
        }
    }
}
