using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Microsoft.AspNetCore.Connections;

namespace LaunchPath.Api.Infrastructure.Http;

/// <summary>
/// Kestrel answers some malformed requests itself, before any middleware runs (a NUL byte or an invalid character in
/// the request target, a malformed request line or header), with a 4xx and an empty body that cannot be customised.
/// This connection middleware turns exactly those answers — a 4xx with <c>Content-Length: 0</c>, <c>Connection:
/// close</c> and no <c>Content-Type</c>, which the API itself never sends — into problem+json, so every error the
/// process sends is a problem. Every other byte passes through untouched.
/// </summary>
public static class ServerRejections
{
    public static IConnectionBuilder UseProblemRejections(this IConnectionBuilder builder) =>
        builder.Use(next => context =>
        {
            var transport = context.Transport;
            context.Transport = new DuplexPipe(transport.Input, new RewritingWriter(transport.Output));
            return next(context);
        });

    /// <summary>The rewritten response for a rejection's head, or null when <paramref name="head"/> is anything else.</summary>
    internal static byte[]? Rewrite(ReadOnlySpan<byte> head)
    {
        // "HTTP/1.1 4xx Reason\r\n...\r\n\r\n" in one write: Kestrel writes a rejection's head at once, then closes.
        if (head.Length is < 24 or > 2048 || !head.StartsWith("HTTP/1."u8) || head[9] != (byte)'4' || !head.EndsWith("\r\n\r\n"u8)
            || head.IndexOf("\r\nContent-Length: 0\r\n"u8) < 0 || head.IndexOf("\r\nConnection: close\r\n"u8) < 0
            || head.IndexOf("\r\nContent-Type:"u8) >= 0)
        {
            return null;
        }

        var text = Encoding.ASCII.GetString(head);
        var lineEnd = text.IndexOf("\r\n", StringComparison.Ordinal);
        if (!int.TryParse(text.AsSpan(9, 3), out var status))
        {
            return null;
        }

        var (title, detail) = status switch
        {
            StatusCodes.Status414UriTooLong => ("Request target too long", "The request line is longer than the server reads."),
            StatusCodes.Status431RequestHeaderFieldsTooLarge => ("Request headers too large", "The request's headers are larger than the server reads."),
            StatusCodes.Status413PayloadTooLarge => ("Request body too large", "The request body is larger than the server reads."),
            StatusCodes.Status408RequestTimeout => ("Request timeout", "The request did not arrive in time."),
            StatusCodes.Status405MethodNotAllowed => ("Method not allowed", "The server does not accept this method."),
            StatusCodes.Status411LengthRequired => ("Length required", "Send a Content-Length or a chunked body."),
            StatusCodes.Status505HttpVersionNotsupported => ("HTTP version not supported", "Use HTTP/1.1 or HTTP/2."),
            _ => ("The request could not be read.",
                "The request line or headers are malformed (for example a NUL or control character in the path, or an invalid header)."),
        };
        var errors = status == StatusCodes.Status400BadRequest ? ",\"errors\":{\"request\":[\"is malformed: check the path for encoded control characters such as %00, and the headers.\"]}" : "";
        var body = Encoding.UTF8.GetBytes(
            $"{{\"type\":\"https://tools.ietf.org/html/rfc9110#section-15.5\",\"title\":\"{title}\",\"status\":{status},\"detail\":\"{detail}\"{errors}," +
            $"\"traceId\":\"{Guid.NewGuid():N}\"}}");
        var headers = text[..lineEnd] + "\r\n" + text[(lineEnd + 2)..^2]
            .Replace("Content-Length: 0\r\n", $"Content-Length: {body.Length}\r\nContent-Type: application/problem+json\r\n", StringComparison.Ordinal);
        return [.. Encoding.ASCII.GetBytes(headers + "\r\n"), .. body];
    }

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }

    /// <summary>Passes every write through; looks only at a write that starts a response and could be a rejection.</summary>
    private sealed class RewritingWriter(PipeWriter inner) : PipeWriter
    {
        private Memory<byte> _last;

        public override void Advance(int bytes)
        {
            if (bytes is >= 24 and <= 2048 && _last.Length >= bytes && _last.Span[..bytes] is var head
                && head[0] == (byte)'H' && head[9] == (byte)'4' && Rewrite(head) is { } rewritten)
            {
                // Nothing is committed until Advance: write the rewritten response where the original would have gone.
                var target = inner.GetSpan(rewritten.Length);
                rewritten.CopyTo(target);
                inner.Advance(rewritten.Length);
                _last = default;
                return;
            }

            _last = default;
            inner.Advance(bytes);
        }

        public override Memory<byte> GetMemory(int sizeHint = 0) => _last = inner.GetMemory(sizeHint);

        public override Span<byte> GetSpan(int sizeHint = 0) => (_last = inner.GetMemory(sizeHint)).Span;

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) => inner.FlushAsync(cancellationToken);

        public override void CancelPendingFlush() => inner.CancelPendingFlush();

        public override void Complete(Exception? exception = null) => inner.Complete(exception);

        public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);

        public override bool CanGetUnflushedBytes => inner.CanGetUnflushedBytes;

        public override long UnflushedBytes => inner.UnflushedBytes;
    }
}
