using System.Text;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;
using System.Threading.Channels;

namespace LaunchPath.Api.Infrastructure.Hosting;

/// <summary>
/// How requests are logged: one line per request at Information (4xx and client aborts, 499, included), Error only for
/// a real server failure; control characters in every logged value escaped, so a CR/LF in a URL cannot forge a line.
/// </summary>
public static class Logging
{
    public static LoggerConfiguration EscapingControlCharacters(this LoggerConfiguration logger) =>
        logger.Enrich.With<ControlCharacterEscaper>();

    /// <summary>
    /// Standard output, one JSON line per event, written on a background thread (a request never waits for the console);
    /// when the queue is full, requests wait rather than lines being dropped. The writer drains whatever is queued and
    /// flushes once, so under load many lines go out in one write instead of one write each.
    /// </summary>
    public static LoggerConfiguration StandardOutput(this Serilog.Configuration.LoggerSinkConfiguration sink, ITextFormatter formatter) =>
        sink.Sink(new StandardOutputSink(formatter, Console.OpenStandardOutput(), 50_000));

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

    /// <summary>
    /// Queues events (bounded; a full queue makes the logging thread wait) for one writer task, which waits without
    /// spinning, formats everything queued into a buffer and writes it with one flush.
    /// </summary>
    internal sealed class StandardOutputSink : ILogEventSink, IDisposable
    {
        private readonly ITextFormatter _formatter;
        private readonly StreamWriter _writer;
        private readonly Channel<LogEvent> _queue;
        private readonly Task _writing;

        public StandardOutputSink(ITextFormatter formatter, Stream stream, int capacity)
        {
            _formatter = formatter;
            _writer = new StreamWriter(stream, new UTF8Encoding(false), 64 * 1024) { AutoFlush = false };
            _queue = Channel.CreateBounded<LogEvent>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
            _writing = Task.Run(WriteAsync);
        }

        public void Emit(LogEvent logEvent)
        {
            if (!_queue.Writer.TryWrite(logEvent))
            {
                // Full (or closed at shutdown, when the event is dropped): wait for room rather than lose a line.
                try
                {
                    _queue.Writer.WriteAsync(logEvent).AsTask().GetAwaiter().GetResult();
                }
                catch (ChannelClosedException)
                {
                }
            }
        }

        private async Task WriteAsync()
        {
            var reader = _queue.Reader;
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (reader.TryRead(out var logEvent))
                {
                    try
                    {
                        _formatter.Format(logEvent, _writer);
                    }
                    catch (Exception exception)
                    {
                        Serilog.Debugging.SelfLog.WriteLine("Could not write a log event: {0}", exception);
                    }
                }

                try
                {
                    _writer.Flush();
                }
                catch (IOException exception)
                {
                    Serilog.Debugging.SelfLog.WriteLine("Could not write to standard output: {0}", exception);
                }
            }
        }

        public void Dispose()
        {
            _queue.Writer.TryComplete();
            _writing.Wait(TimeSpan.FromSeconds(10));
            _writer.Dispose();
        }
    }
}
