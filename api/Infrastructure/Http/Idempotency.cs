using System.Security.Cryptography;
using System.Text;
using Dapper;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;

namespace LaunchPath.Api.Infrastructure.Http;

/// <summary>
/// POSTs under /api/v1 sent with an Idempotency-Key header run once per caller, path and key: a retry with the same
/// request gets the first response again (with Idempotent-Replayed: true) for 24 hours; the same key with a different
/// request is a 422; a retry while the first is still running is a 409. Server errors are not kept, so they can be retried.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next, Db db, TimeProvider clock, ILogger<IdempotencyMiddleware> logger) : ISqlSource
{
    public const string Header = "Idempotency-Key";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    private const string Claim =
        "INSERT INTO idempotency_records (scope_key, request_hash, status_code, created_at) VALUES (@ScopeKey, @RequestHash, 0, @Now)";

    private const string Select =
        "SELECT scope_key, request_hash, status_code, content_type, location, etag, body, created_at FROM idempotency_records WHERE scope_key = @ScopeKey";

    private const string Complete =
        "UPDATE idempotency_records SET status_code = @StatusCode, content_type = @ContentType, location = @Location, etag = @ETag, body = @Body " +
        "WHERE scope_key = @ScopeKey";

    private const string Release = "DELETE FROM idempotency_records WHERE scope_key = @ScopeKey";

    internal const string Expire = "DELETE FROM idempotency_records WHERE created_at < @Cutoff";

    public static IEnumerable<string> Statements(SqlDialect dialect) => [Claim, Select, Complete, Release, Expire];

    public async Task InvokeAsync(HttpContext context, CallerLoader callers)
    {
        if (!HttpMethods.IsPost(context.Request.Method) || !context.Request.Path.StartsWithSegments("/api/v1")
            || !context.Request.Headers.TryGetValue(Header, out var values))
        {
            await next(context);
            return;
        }

        var key = values.ToString();
        if (key.Length is 0 or > 255 || key.Any(c => c is < ' ' or > '~'))
        {
            await Problem(context, StatusCodes.Status400BadRequest, "Invalid Idempotency-Key", "Idempotency-Key must be 1–255 printable ASCII characters.");
            return;
        }

        var caller = await callers.LoadAsync(context);
        var identity = caller.UserId?.ToString("D") ?? caller.ApiKeyId?.ToString("D");
        if (identity is null)
        {
            await next(context); // anonymous (sign-in): nothing to scope a key to
            return;
        }

        var scopeKey = Hash($"{identity}|{context.Request.Path.Value}|{key}");
        string requestHash;
        try
        {
            requestHash = await HashRequestAsync(context.Request);
        }
        catch (InvalidDataException)
        {
            await Problems.WriteAsync(context, StatusCodes.Status400BadRequest, "The request could not be read.",
                "is not a readable multipart/form-data upload.", BadRequests.Body);
            return;
        }

        var now = clock.GetUtcNow();

        await using (var connection = await db.OpenAsync(context.RequestAborted))
        {
            var existing = await connection.QuerySingleOrDefaultAsync<Record>(new CommandDefinition(Select, new { ScopeKey = scopeKey }, cancellationToken: context.RequestAborted));
            if (existing is not null && existing.CreatedAt < now - Lifetime)
            {
                await connection.ExecuteAsync(new CommandDefinition(Release, new { ScopeKey = scopeKey }, cancellationToken: context.RequestAborted));
                existing = null;
            }

            if (existing is null)
            {
                try
                {
                    await connection.ExecuteAsync(new CommandDefinition(Claim, new { ScopeKey = scopeKey, RequestHash = requestHash, Now = now }, cancellationToken: context.RequestAborted));
                }
                catch (System.Data.Common.DbException exception) when (db.Dialect.IsUniqueViolation(exception))
                {
                    existing = await connection.QuerySingleOrDefaultAsync<Record>(new CommandDefinition(Select, new { ScopeKey = scopeKey }, cancellationToken: context.RequestAborted));
                }
            }

            if (existing is not null)
            {
                if (existing.RequestHash != requestHash)
                {
                    await Problem(context, StatusCodes.Status422UnprocessableEntity, "Idempotency-Key reused",
                        "This Idempotency-Key was already used for a different request. Use a new key for a new request.");
                }
                else if (existing.StatusCode == 0)
                {
                    await Problem(context, StatusCodes.Status409Conflict, "Request in progress",
                        "A request with this Idempotency-Key is still being processed. Retry later.");
                }
                else
                {
                    await ReplayAsync(context, existing);
                }

                return;
            }
        }

        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        var kept = false;
        try
        {
            await next(context);
            kept = context.Response.StatusCode < 500;
            await using var connection = await db.OpenAsync(CancellationToken.None);
            if (kept)
            {
                await connection.ExecuteAsync(new CommandDefinition(Complete, new
                {
                    ScopeKey = scopeKey,
                    context.Response.StatusCode,
                    context.Response.ContentType,
                    Location = context.Response.Headers.Location.ToString() is { Length: > 0 } location ? location : null,
                    ETag = context.Response.Headers.ETag.ToString() is { Length: > 0 } etag ? etag : null,
                    Body = buffer.ToArray(),
                }));
            }
        }
        finally
        {
            if (!kept)
            {
                try
                {
                    await using var connection = await db.OpenAsync(CancellationToken.None);
                    await connection.ExecuteAsync(new CommandDefinition(Release, new { ScopeKey = scopeKey }));
                }
                catch (Exception exception)
                {
                    logger.LogWarning(exception, "Could not release an idempotency key after a failed request");
                }
            }

            context.Response.Body = original;
            buffer.Position = 0;
            await buffer.CopyToAsync(original, CancellationToken.None);
        }
    }

    private static async Task ReplayAsync(HttpContext context, Record record)
    {
        context.Response.StatusCode = record.StatusCode;
        context.Response.Headers["Idempotent-Replayed"] = "true";
        if (record.ContentType is not null)
        {
            context.Response.ContentType = record.ContentType;
        }

        if (record.Location is not null)
        {
            context.Response.Headers.Location = record.Location;
        }

        if (record.ETag is not null)
        {
            context.Response.Headers.ETag = record.ETag;
        }

        if (record.Body is { Length: > 0 } body)
        {
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        }
    }

    /// <summary>
    /// What makes two requests the same: the query and the body. An upload is hashed by its parsed parts (names, file
    /// names and contents), since a retry of the same upload comes with a new multipart boundary.
    /// </summary>
    private static async Task<string> HashRequestAsync(HttpRequest request)
    {
        if (request.HasFormContentType && request.ContentType!.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
        {
            // Parsed once here; the endpoint binds the same form.
            var form = await request.ReadFormAsync(new Microsoft.AspNetCore.Http.Features.FormOptions { MultipartBodyLengthLimit = RequestLimitsMiddleware.BodyLimit(request.HttpContext) },
                request.HttpContext.RequestAborted);
            using var parts = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            parts.AppendData(Encoding.UTF8.GetBytes("multipart\n" + request.QueryString.Value + "\n"));
            foreach (var key in form.Keys.Order(StringComparer.Ordinal))
            {
                parts.AppendData(Encoding.UTF8.GetBytes($"{key}={form[key]}\n"));
            }

            foreach (var file in form.Files)
            {
                parts.AppendData(Encoding.UTF8.GetBytes($"{file.Name}|{file.FileName}|{file.Length}\n"));
                await using var content = file.OpenReadStream();
                parts.AppendData(await SHA256.HashDataAsync(content, request.HttpContext.RequestAborted));
            }

            return Convert.ToHexStringLower(parts.GetHashAndReset());
        }

        request.EnableBuffering();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes((request.ContentType ?? "") + "\n" + request.QueryString.Value + "\n"));
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            sha.AppendData(chunk, 0, read);
        }

        request.Body.Position = 0;
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static Task Problem(HttpContext context, int status, string title, string detail) =>
        Problems.WriteAsync(context, status, title, detail, Header);

    private sealed class Record
    {
        public string ScopeKey { get; set; } = "";
        public string RequestHash { get; set; } = "";
        public int StatusCode { get; set; }
        public string? ContentType { get; set; }
        public string? Location { get; set; }
        public string? ETag { get; set; }
        public byte[]? Body { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
    }
}

/// <summary>Deletes idempotency records older than their 24-hour lifetime, hourly, on one node at a time.</summary>
public sealed class IdempotencyCleanup(Db db, TimeProvider clock) : LaunchPath.Api.Infrastructure.Jobs.IRecurringJob
{
    internal const string JobKind = "idempotency-cleanup";

    public async Task RunAsync(LaunchPath.Api.Infrastructure.Jobs.JobContext job, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(IdempotencyMiddleware.Expire,
            new { Cutoff = clock.GetUtcNow() - IdempotencyMiddleware.Lifetime }, cancellationToken: cancellationToken));
    }
}
