using System.Text;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace LaunchPath.Api.Infrastructure.Hosting;

/// <summary>
/// How requests are logged: one line per request at Information (4xx and client aborts, 499, included), Error only for
/// a real server failure; control characters in every logged value escaped, so a CR/LF in a URL cannot forge a line.
/// </summary>
public static class Logging
{
    public static LoggerConfiguration EscapingControlCharacters(this LoggerConfiguration logger) =>
        logger.Enrich.With<ControlCharacterEscaper>();

    public static void Configure(Serilog.AspNetCore.RequestLoggingOptions options, IServiceProvider services)
    {
        // This host's logger, not the process-wide static one (several hosts share a process in tests).
        options.Logger = services.GetRequiredService<Serilog.ILogger>();
        options.GetLevel = (http, _, exception) =>
            http.Response.StatusCode >= StatusCodes.Status500InternalServerError && http.Response.StatusCode != StatusCodes.Status499ClientClosedRequest
                ? LogEventLevel.Error
                : LogEventLevel.Information;
    }

    /// <summary>Rewrites string property values that hold control characters as visible escapes (\r, \n, \u0000).</summary>
    internal sealed class ControlCharacterEscaper : ILogEventEnricher
    {
        public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
        {
            List<LogEventProperty>? replaced = null;
            foreach (var (name, value) in logEvent.Properties)
            {
                if (value is ScalarValue { Value: string text } && NeedsEscape(text))
                {
                    (replaced ??= []).Add(new LogEventProperty(name, new ScalarValue(Escape(text))));
                }
            }

            if (replaced is null)
            {
                return;
            }

            foreach (var property in replaced)
            {
                logEvent.AddOrUpdateProperty(property);
            }
        }

        private static bool NeedsEscape(string text)
        {
            foreach (var c in text)
            {
                if (char.IsControl(c) || c is '\u2028' or '\u2029' or '\u0085')
                {
                    return true;
                }
            }

            return false;
        }

        internal static string Escape(string text)
        {
            var builder = new StringBuilder(text.Length + 8);
            foreach (var c in text)
            {
                switch (c)
                {
                    case '\r': builder.Append("\\r"); break;
                    case '\n': builder.Append("\\n"); break;
                    case '\t': builder.Append("\\t"); break;
                    default:
                        if (char.IsControl(c) || c is '\u2028' or '\u2029' or '\u0085')
                        {
                            builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            builder.Append(c);
                        }

                        break;
                }
            }

            return builder.ToString();
        }
    }
}
