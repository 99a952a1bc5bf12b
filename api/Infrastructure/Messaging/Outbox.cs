using System.Data.Common;
using Dapper;
using LaunchPath.Contracts.Messaging;
using Microsoft.Extensions.Options;

namespace LaunchPath.Api.Infrastructure.Messaging;

/// <summary>One message to write to the outbox: which template, to whom, in which language, about which record.</summary>
public sealed record Envelope(
    string Template,
    string Language,
    string ToAddress,
    string? ToName,
    IReadOnlyDictionary<string, object> Values,
    Guid? PersonId = null,
    Guid? PlacementId = null,
    bool HoldsSecret = false,
    Guid? CreatedBy = null);

/// <summary>
/// Writes messages to the outbox (table <c>messages</c>) in the caller's transaction, so a message exists exactly when
/// the change that causes it does; <see cref="OutboxSender"/> sends them. The message is rendered now (what was sent is
/// what the change said at the time) and gets its Message-ID now, kept by every attempt.
/// </summary>
public sealed class Outbox(MessageTemplates templates, Unsubscribes unsubscribes, PublicUrl publicUrl, IOptions<MessagingOptions> options, TimeProvider clock)
{
    private const string Insert =
        "INSERT INTO messages (id, message_id, channel, template, language, recipient_address, recipient_normalized, recipient_name, recipient_person_id, placement_id, " +
        "subject, text_body, html_body, holds_secret, unsubscribe_url, status, attempts, next_attempt_at, created_by, created_at) " +
        "VALUES (@Id, @MessageId, @Channel, @Template, @Language, @ToAddress, @ToNormalized, @ToName, @PersonId, @PlacementId, @Subject, @Text, @Html, @HoldsSecret, " +
        "@UnsubscribeUrl, 'pending', 0, @Now, @CreatedBy, @Now)";

    private const string InsertDigestItem =
        "INSERT INTO digest_items (id, recipient_normalized, recipient_address, recipient_name, recipient_person_id, placement_id, template, language, subject, text_body, created_at) " +
        "VALUES (@Id, @ToNormalized, @ToAddress, @ToName, @PersonId, @PlacementId, @Template, @Language, @Subject, @Text, @Now)";

    public static IEnumerable<string> Statements => [Insert, MessagePreferenceStore.Select, InsertDigestItem];

    /// <summary>The address as addresses are compared (as account emails are: <c>Accounts.Normalize</c>).</summary>
    public static string Normalize(string address) => address.Trim().ToUpperInvariant();

    /// <summary>The pages one-time links open, outside the app's signed-in routes: they are read before anyone signs in.</summary>
    private static readonly System.Text.RegularExpressions.Regex OneTimePage =
        new(@"^https?://[^/?#]+/(acknowledge|hours|set-password|unsubscribe|permission)/[A-Za-z0-9_\-]+$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>
    /// A one-time link in a message written in another language than the default opens its page in that language
    /// (<c>?lang=es</c>): the reader is not signed in, so the page cannot know their choice otherwise.
    /// </summary>
    internal static string InLanguage(string url, string language) =>
        language != MessageTemplates.DefaultLanguage && OneTimePage.IsMatch(url) ? $"{url}?lang={language}" : url;

    private static IReadOnlyDictionary<string, object> InLanguage(IReadOnlyDictionary<string, object> values, string language) =>
        language == MessageTemplates.DefaultLanguage || !values.Values.Any(v => v is string s && OneTimePage.IsMatch(s))
            ? values
            : values.ToDictionary(v => v.Key, v => v.Value is string s ? InLanguage(s, language) : v.Value);

    /// <summary>Digests themselves are never held for a digest.</summary>
    public static bool IsDigest(string template) => template.StartsWith("digest.", StringComparison.Ordinal);

    private readonly SemaphoreSlim _wake = new(0, int.MaxValue);

    /// <summary>
    /// Writes <paramref name="envelope"/> in <paramref name="transaction"/>; call <see cref="Wake"/> once it commits.
    /// It is written in the language the address chose, if it chose one (else the envelope's). A message the recipient
    /// may stop carries its unsubscribe link, and is not written at all (Guid.Empty) when they stopped such messages, or
    /// is held for their daily digest (Guid.Empty too) when they asked for one email a day.
    /// </summary>
    public async Task<Guid> EnqueueAsync(DbConnection connection, DbTransaction? transaction, Envelope envelope, CancellationToken cancellationToken)
    {
        var normalized = Normalize(envelope.ToAddress);
        var (delivery, chosenLanguage) = await MessagePreferenceStore.ReadAsync(connection, normalized, cancellationToken, transaction);
        var language = MessageTemplates.LanguageFor(chosenLanguage ?? envelope.Language);
        var values = InLanguage(envelope.Values, language);
        var now = clock.GetUtcNow();
        string? unsubscribePage = null, unsubscribeApi = null;
        if (Unsubscribes.Optional.Contains(envelope.Template))
        {
            if (delivery == MessageDelivery.None)
            {
                return Guid.Empty;
            }

            if (delivery == MessageDelivery.Daily && !IsDigest(envelope.Template))
            {
                var held = templates.Render(envelope.Template, language, values);
                await connection.ExecuteAsync(new CommandDefinition(InsertDigestItem, new
                {
                    Id = Guid.CreateVersion7(), ToNormalized = normalized, envelope.ToAddress, envelope.ToName, envelope.PersonId, envelope.PlacementId, envelope.Template,
                    Language = language, held.Subject, held.Text, Now = now,
                }, transaction, cancellationToken: cancellationToken));
                return Guid.Empty;
            }

            if (publicUrl.Current is { Length: > 0 } origin)
            {
                var token = unsubscribes.Token(normalized);
                unsubscribePage = InLanguage($"{origin}/unsubscribe/{token}", language);
                unsubscribeApi = $"{origin}/api/v1/unsubscribe/{token}";
            }
        }

        var rendered = templates.Render(envelope.Template, language, values, unsubscribePage);
        var id = Guid.CreateVersion7();
        await connection.ExecuteAsync(new CommandDefinition(Insert, new
        {
            Id = id,
            MessageId = $"{id:N}@{Domain(options.Value.Smtp.FromAddress)}",
            Channel = EmailChannel.ChannelName,
            envelope.Template,
            Language = language,
            envelope.ToAddress,
            ToNormalized = normalized,
            envelope.ToName,
            envelope.PersonId,
            envelope.PlacementId,
            rendered.Subject,
            rendered.Text,
            rendered.Html,
            envelope.HoldsSecret,
            UnsubscribeUrl = unsubscribeApi,
            envelope.CreatedBy,
            Now = now,
        }, transaction, cancellationToken: cancellationToken));
        if (transaction is null)
        {
            Wake();
        }

        return id;
    }

    /// <summary>The delivery an address chooses to get what it may stop as one email a day.</summary>
    public const string DailyDelivery = "daily";

    /// <summary>Tells this node's sender to look for messages now rather than at its next poll.</summary>
    public void Wake()
    {
        if (_wake.CurrentCount < 4)
        {
            _wake.Release();
        }
    }

    internal async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (await _wake.WaitAsync(timeout, cancellationToken))
        {
            while (_wake.CurrentCount > 0 && _wake.Wait(0))
            {
            }
        }
    }

    private static string Domain(string address) => address.LastIndexOf('@') is var at and >= 0 && at < address.Length - 1 ? address[(at + 1)..] : "launchpath";
}
