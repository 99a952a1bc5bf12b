using System.IO.Pipelines;
using System.Text;
using FluentAssertions;
using LaunchPath.Api.Infrastructure.Hosting;
using Serilog;
using Serilog.Formatting.Compact;
using Xunit;

namespace LaunchPath.Api.Tests.Production;

/// <summary>The production log writer: every line arrives whole and in order, nothing is dropped when its queue is full.</summary>
public sealed class StandardOutputLogTests
{
    [Fact]
    public async Task Writes_every_event_as_one_JSON_line_in_order_even_when_the_reader_is_slow_and_the_queue_fills()
    {
        // A pipe that holds little and is read slowly: the sink's small queue fills and the loggers must wait.
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 4096, resumeWriterThreshold: 2048));
        var lines = new List<string>();
        var reading = Task.Run(async () =>
        {
            using var reader = new StreamReader(pipe.Reader.AsStream(), Encoding.UTF8);
            while (await reader.ReadLineAsync() is { } line)
            {
                lines.Add(line);
                if (lines.Count % 500 == 0)
                {
                    await Task.Delay(5);
                }
            }
        });

        const int threads = 4, each = 2_500;
        await using (var logger = new LoggerConfiguration().WriteTo.Sink(new Logging.StandardOutputSink(new RenderedCompactJsonFormatter(), pipe.Writer.AsStream(), 100)).CreateLogger())
        {
            await Task.WhenAll(Enumerable.Range(0, threads).Select(t => Task.Run(() =>
            {
                for (var i = 0; i < each; i++)
                {
                    logger.Information("Line {Thread} {Index}", t, i);
                }
            })));
        }

        await pipe.Writer.CompleteAsync();
        await reading;
        lines.Should().HaveCount(threads * each, "a full queue makes the logger wait; it never drops a line");
        foreach (var thread in Enumerable.Range(0, threads))
        {
            var indexes = lines.Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement)
                .Where(e => e.GetProperty("Thread").GetInt32() == thread)
                .Select(e => e.GetProperty("Index").GetInt32()).ToList();
            indexes.Should().Equal(Enumerable.Range(0, each), "each thread's lines keep their order");
        }
    }
}
