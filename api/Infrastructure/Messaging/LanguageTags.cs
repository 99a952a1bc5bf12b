using System.Collections.Frozen;

namespace LaunchPath.Api.Infrastructure.Messaging;

/// <summary>What a roster's language value says.</summary>
public enum RosterLanguage
{
    /// <summary>Nothing (empty, "Unknown", und): the record keeps its language.</summary>
    NotSent,
    /// <summary>A language LaunchPath writes in (en, es).</summary>
    Written,
    /// <summary>A language LaunchPath does not write in: the person is written to in English.</summary>
    NotWritten,
    /// <summary>Not a language LaunchPath can read.</summary>
    Unreadable,
}

/// <summary>
/// Reads the language a SIS sends for a person. LaunchPath writes in English and Spanish; a family whose language is
/// another is written to in English (the record's language is then empty, which means English).
/// </summary>
public static class LanguageTags
{
    private static bool IsCode(string code) => code is { Length: 2 or 3 } && code.All(c => c is >= 'a' and <= 'z');

    // ISO 639-2 (bibliographic and terminology) codes of the languages most spoken at home in US schools that also have
    // a two-letter code: a SIS that sends "spa" or "vie" means es and vi.
    private static readonly FrozenDictionary<string, string> ThreeToTwo = new Dictionary<string, string>
    {
        ["eng"] = "en", ["spa"] = "es", ["vie"] = "vi", ["zho"] = "zh", ["chi"] = "zh", ["kor"] = "ko", ["tgl"] = "tl", ["ara"] = "ar",
        ["rus"] = "ru", ["por"] = "pt", ["fra"] = "fr", ["fre"] = "fr", ["deu"] = "de", ["ger"] = "de", ["jpn"] = "ja", ["hin"] = "hi",
        ["pan"] = "pa", ["fas"] = "fa", ["per"] = "fa", ["khm"] = "km", ["lao"] = "lo", ["som"] = "so", ["amh"] = "am", ["tha"] = "th",
        ["ukr"] = "uk", ["ita"] = "it", ["pol"] = "pl", ["urd"] = "ur", ["guj"] = "gu", ["ben"] = "bn", ["tam"] = "ta", ["tel"] = "te",
        ["hye"] = "hy", ["arm"] = "hy", ["hat"] = "ht", ["swa"] = "sw", ["nep"] = "ne", ["mya"] = "my", ["bur"] = "my", ["tir"] = "ti",
        ["pus"] = "ps", ["heb"] = "he", ["ell"] = "el", ["gre"] = "el", ["tur"] = "tr", ["ron"] = "ro", ["rum"] = "ro",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // Names a SIS export may carry instead of a code (English, and the language's own name for the two LaunchPath writes).
    private static readonly FrozenDictionary<string, string> Names = new Dictionary<string, string>
    {
        ["english"] = "en", ["spanish"] = "es", ["español"] = "es", ["espanol"] = "es", ["castellano"] = "es", ["vietnamese"] = "vi",
        ["chinese"] = "zh", ["mandarin"] = "zh", ["cantonese"] = "yue", ["korean"] = "ko", ["tagalog"] = "tl", ["filipino"] = "fil",
        ["arabic"] = "ar", ["russian"] = "ru", ["portuguese"] = "pt", ["french"] = "fr", ["german"] = "de", ["japanese"] = "ja",
        ["hindi"] = "hi", ["punjabi"] = "pa", ["farsi"] = "fa", ["persian"] = "fa", ["dari"] = "prs", ["pashto"] = "ps", ["khmer"] = "km",
        ["cambodian"] = "km", ["lao"] = "lo", ["hmong"] = "hmn", ["somali"] = "so", ["amharic"] = "am", ["tigrinya"] = "ti", ["thai"] = "th",
        ["ukrainian"] = "uk", ["armenian"] = "hy", ["haitian creole"] = "ht", ["urdu"] = "ur", ["gujarati"] = "gu", ["bengali"] = "bn",
        ["tamil"] = "ta", ["telugu"] = "te", ["mixteco"] = "mix", ["mixtec"] = "mix", ["zapoteco"] = "zap", ["zapotec"] = "zap",
        ["american sign language"] = "ase",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // Values that say nothing of a language: as if the SIS sent none.
    private static readonly FrozenSet<string> Unknown = new[] { "unknown", "other", "none", "declined", "not reported", "und", "mul", "zxx" }
        .ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// A language a roster sends — a BCP 47 tag ("es", "es-MX", "es_419", "zh-Hant-TW"), an ISO 639-2 code ("spa"), or
    /// an English name ("Spanish") — and, when it is one LaunchPath writes in, its code (en, es) in <paramref name="code"/>.
    /// </summary>
    public static RosterLanguage FromRoster(string? value, out string? code)
    {
        code = null;
        var text = value?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(text) || Unknown.Contains(text))
        {
            return RosterLanguage.NotSent;
        }

        if (!Names.TryGetValue(text, out var language))
        {
            var parts = text.Split('-', '_');
            if (text.Length > 35 || !IsCode(parts[0]) || !parts.All(part => part.Length is >= 1 and <= 8 && part.All(char.IsAsciiLetterOrDigit)))
            {
                return RosterLanguage.Unreadable;
            }

            if (Unknown.Contains(parts[0]))
            {
                return RosterLanguage.NotSent;
            }

            language = ThreeToTwo.GetValueOrDefault(parts[0], parts[0]);
        }

        if (!MessageTemplates.Languages.Contains(language))
        {
            return RosterLanguage.NotWritten;
        }

        code = language;
        return RosterLanguage.Written;
    }
}
