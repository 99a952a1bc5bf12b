using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace LaunchPath.Api.Tests.Infrastructure;

/// <summary>A Serilog sink the API writes to (registered as a service), so tests can read what the server logged.</summary>
public sealed class LogCapture : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public IReadOnlyCollection<LogEvent> Events => _events;

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

    public void Clear() => _events.Clear();

    /// <summary>Events at Error or above, rendered with their exception type, for an assertion message.</summary>
    public IReadOnlyList<string> Errors() =>
        _events.Where(e => e.Level >= LogEventLevel.Error)
            .Select(e => $"{e.Level}: {e.RenderMessage()} {e.Exception?.GetType().Name} {e.Exception?.Message}")
            .ToList();
}
