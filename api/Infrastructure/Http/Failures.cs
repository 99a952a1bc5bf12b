using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace LaunchPath.Api.Infrastructure.Http;

/// <summary>A failure an endpoint may answer: the error kinds it covers, each documented as a problem response.</summary>
public interface IFailure
{
    static abstract IReadOnlyList<ErrorKind> Kinds { get; }
}

/// <summary>The failures endpoints declare in their <see cref="Answer{TOk,F1}"/> types.</summary>
public static class Fails
{
    /// <summary>400 with an errors map: a query value, a form or a rule the endpoint checks itself.</summary>
    public sealed class Invalid : IFailure
    {
        public static IReadOnlyList<ErrorKind> Kinds { get; } = [ErrorKind.Validation];
    }

    public sealed class Unauthorized : IFailure
    {
        public static IReadOnlyList<ErrorKind> Kinds { get; } = [ErrorKind.Unauthorized];
    }

    public sealed class Forbidden : IFailure
    {
        public static IReadOnlyList<ErrorKind> Kinds { get; } = [ErrorKind.Forbidden];
    }

    public sealed class NotFound : IFailure
    {
        public static IReadOnlyList<ErrorKind> Kinds { get; } = [ErrorKind.NotFound];
    }

    public sealed class Conflict : IFailure
    {
        public static IReadOnlyList<ErrorKind> Kinds { get; } = [ErrorKind.Conflict];
    }

    /// <summary>410: a one-time link that was used, revoked or has expired.</summary>
    public sealed class Gone : IFailure
    {
        public static IReadOnlyList<ErrorKind> Kinds { get; } = [ErrorKind.Gone];
    }

    public sealed class TooLarge : IFailure
    {
        public static IReadOnlyList<ErrorKind> Kinds { get; } = [ErrorKind.TooLarge];
    }

    public sealed class Unprocessable : IFailure
    {
        public static IReadOnlyList<ErrorKind> Kinds { get; } = [ErrorKind.Unprocessable];
    }

    /// <summary>429 with Retry-After, decided by the use case (an account waiting after failed sign-ins).</summary>
    public sealed class TooManyRequests : IFailure
    {
        public static IReadOnlyList<ErrorKind> Kinds { get; } = [ErrorKind.TooManyRequests];
    }

    /// <summary>An optimistic update's If-Match: 400 when it is not an entity tag, 412 when it is stale, 428 when it is missing.</summary>
    public sealed class Versioned : IFailure
    {
        public static IReadOnlyList<ErrorKind> Kinds { get; } = [ErrorKind.Validation, ErrorKind.PreconditionFailed, ErrorKind.PreconditionRequired];
    }
}

/// <summary>A handler's result after its success was turned into an HTTP result; converts to the endpoint's <c>Answer</c>.</summary>
public readonly struct Reply<TOk>(TOk? ok, Error? error) where TOk : IResult
{
    public TOk? Ok { get; } = ok;

    public Error? Error { get; } = error;
}

/// <summary>A handler returned an error its endpoint's answer type does not declare: a defect, answered as a 500.</summary>
public sealed class UndeclaredFailureException(ErrorKind kind) : Exception(
    $"The endpoint answered {(int)kind} ({kind}), which its Answer type does not declare. Add the failure to the endpoint's return type.")
{
    public ErrorKind Kind { get; } = kind;
}

public static class Answers
{
    public static IResult Declared(Error error, params IReadOnlyList<ErrorKind>[] declared)
    {
        foreach (var kinds in declared)
        {
            if (kinds.Contains(error.Kind))
            {
                return error.ToProblem();
            }
        }

        throw new UndeclaredFailureException(error.Kind);
    }

    public static void Describe<TFailure>(EndpointBuilder builder) where TFailure : IFailure
    {
        foreach (var kind in TFailure.Kinds)
        {
            var status = (int)kind;
            if (builder.Metadata.OfType<IProducesResponseTypeMetadata>().Any(m => m.StatusCode == status))
            {
                continue;
            }

            builder.Metadata.Add(new ProducesResponseTypeMetadata(
                status,
                kind == ErrorKind.Validation ? typeof(HttpValidationProblemDetails) : typeof(ProblemDetails),
                ["application/problem+json"]));
        }
    }
}

/// <summary>
/// A CSV download: the bytes with a file name. In the contract a binary string of type text/csv, so clients get the
/// bytes and the file name, not a parsed body.
/// </summary>
public sealed class CsvFile(string csv, string fileName) : IResult, IEndpointMetadataProvider
{
    public Task ExecuteAsync(HttpContext httpContext) =>
        TypedResults.File(System.Text.Encoding.UTF8.GetBytes(csv), "text/csv", fileName).ExecuteAsync(httpContext);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(Stream), ["text/csv"]));
}

/// <summary>
/// An iCalendar (RFC 5545) document: a file to download when it has a name, else a feed a calendar app subscribes to.
/// In the contract a binary string of type text/calendar.
/// </summary>
public sealed class CalendarFile(string ics, string? fileName) : IResult, IEndpointMetadataProvider
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(ics), "text/calendar; charset=utf-8", fileName).ExecuteAsync(httpContext);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(Stream), ["text/calendar"]));
}

/// <summary>A PNG image (a QR code to show on a screen or print). In the contract a binary string of type image/png.</summary>
public sealed class PngFile(byte[] png) : IResult, IEndpointMetadataProvider
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.File(png, "image/png").ExecuteAsync(httpContext);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(Stream), ["image/png"]));
}

/// <summary>
/// A stored file (an employer's document) to download: its bytes, its checked content type and its name, never shown
/// inline or sniffed. In the contract a binary string.
/// </summary>
public sealed class StoredFile(byte[] content, string contentType, string fileName) : IResult, IEndpointMetadataProvider
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers.CacheControl = "private, no-store";
        httpContext.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(content, contentType, fileName).ExecuteAsync(httpContext);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(Stream), ["application/pdf", "image/png", "image/jpeg"]));
}
