using System.Collections.Frozen;
using System.Text.Encodings.Web;
using System.Text.Json;
using Fluid;

namespace LaunchPath.Api.Infrastructure.Messaging;

/// <summary>A message rendered for one recipient: its subject, plain text and HTML.</summary>
public sealed record RenderedMessage(string Subject, string Text, string Html);

/// <summary>
/// The messages LaunchPath sends, in every language it speaks (English and Spanish), as Liquid templates (Fluid) kept
/// in <c>Templates/messages.{language}.json</c>: for each message a subject, a plain text and an HTML body. Values are
/// HTML-encoded in the HTML body only; a variable a template names but the message does not give is an error, never
/// an empty gap in what a family reads.
/// </summary>
public sealed class MessageTemplates
{
    public static readonly IReadOnlyList<string> Languages = ["en", "es"];

    public const string DefaultLanguage = "en";

    private const string ButtonStyle =
        "display:inline-block;padding:12px 20px;background:#1d4ed8;color:#ffffff;text-decoration:none;border-radius:6px;font-weight:600";

    private static readonly TemplateOptions Options = new TemplateOptionsBuilder().WithStrictVariables().WithStrictFilters().Build();

    private readonly FrozenDictionary<string, FrozenDictionary<string, IFluidTemplate>> _templates;

    public MessageTemplates()
    {
        var parser = new FluidParser();
        _templates = Languages.ToFrozenDictionary(language => language, language => Load(language).ToFrozenDictionary(entry => entry.Key, entry =>
            parser.TryParse(entry.Value, out var template, out var error)
                ? template
                : throw new InvalidOperationException($"Message template {entry.Key} ({language}) does not parse: {error}")));
    }

    /// <summary>The keys of a language's templates (a test holds every language to the same set).</summary>
    public IReadOnlyCollection<string> Keys(string language) => _templates[language].Keys;

    /// <summary>The message names (without .subject/.text/.html) there are templates for.</summary>
    public IReadOnlyCollection<string> Messages => _templates[DefaultLanguage].Keys.Where(k => k.EndsWith(".subject", StringComparison.Ordinal))
        .Select(k => k[..^".subject".Length]).ToList();

    /// <summary>A supported language for what a person prefers (English when they prefer none or one not supported).</summary>
    public static string LanguageFor(string? preferred) =>
        preferred?.Split('-', '_')[0].ToLowerInvariant() is { } primary && Languages.Contains(primary) ? primary : DefaultLanguage;

    /// <summary>
    /// Renders message <paramref name="name"/> in <paramref name="language"/> with <paramref name="values"/>: strings, numbers,
    /// or lists of such dictionaries (a digest's lines, for {% for %}).
    /// </summary>
    public RenderedMessage Render(string name, string language, IReadOnlyDictionary<string, object> values, string? unsubscribeUrl = null)
    {
        var templates = _templates[LanguageFor(language)];
        var context = new TemplateContext(Options);
        foreach (var (key, value) in values)
        {
            context.SetValue(key, value);
        }

        context.SetValue("buttonStyle", ButtonStyle);
        string Part(string key, TextEncoder encoder) => templates.TryGetValue(key, out var template)
            ? template.Render(context, encoder)
            : throw new InvalidOperationException($"There is no message template {key} in {language}.");

        var subject = Part($"{name}.subject", NullEncoder.Default).Trim();
        if (unsubscribeUrl is not null)
        {
            context.SetValue("unsubscribe", unsubscribeUrl);
        }

        var footer = Part("layout.footer", NullEncoder.Default) + (unsubscribeUrl is null ? "" : "\n" + Part("layout.unsubscribe", NullEncoder.Default));
        var text = Part($"{name}.text", NullEncoder.Default) + "\n\n--\n" + footer + "\n";
        var html = Part($"{name}.html", HtmlEncoder.Default);
        if (values.TryGetValue("link", out var linkValue) && linkValue is string link)
        {
            html += $"<p style=\"font-size:13px;color:#555\">{Part("layout.linkHelp", HtmlEncoder.Default)}<br><a href=\"{HtmlEncoder.Default.Encode(link)}\">{HtmlEncoder.Default.Encode(link)}</a></p>";
        }

        var page =
            $"<!DOCTYPE html><html lang=\"{LanguageFor(language)}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
            $"<title>{HtmlEncoder.Default.Encode(subject)}</title></head>" +
            "<body style=\"margin:0;padding:16px;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;font-size:16px;line-height:1.5;color:#111\">" +
            $"<div style=\"max-width:560px;margin:0 auto\">{html}<hr style=\"border:none;border-top:1px solid #ddd;margin:24px 0\">" +
            $"<p style=\"font-size:13px;color:#555\">{Part("layout.footer", HtmlEncoder.Default)}</p>" +
            (unsubscribeUrl is null ? "" : $"<p style=\"font-size:13px;color:#555\">{Part("layout.unsubscribe", HtmlEncoder.Default)}</p>") +
            "</div></body></html>";
        return new RenderedMessage(subject, text, page);
    }

    private static Dictionary<string, string> Load(string language)
    {
        using var stream = typeof(MessageTemplates).Assembly.GetManifestResourceStream($"LaunchPath.Messages.messages.{language}.json")
            ?? throw new InvalidOperationException($"The message templates for {language} are missing from the build.");
        return JsonSerializer.Deserialize<Dictionary<string, string>>(stream) ?? [];
    }
}
