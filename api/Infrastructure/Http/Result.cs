namespace LaunchPath.Api.Infrastructure.Http;

/// <summary>The expected ways a use case can fail. Each maps to one HTTP status and a ProblemDetails body.</summary>
public enum ErrorKind
{
    Validation = StatusCodes.Status400BadRequest,
    Unauthorized = StatusCodes.Status401Unauthorized,
    Forbidden = StatusCodes.Status403Forbidden,
    NotFound = StatusCodes.Status404NotFound,
    Conflict = StatusCodes.Status409Conflict,
    Gone = StatusCodes.Status410Gone,
    PreconditionFailed = StatusCodes.Status412PreconditionFailed,
    TooLarge = StatusCodes.Status413PayloadTooLarge,
    Unprocessable = StatusCodes.Status422UnprocessableEntity,
    PreconditionRequired = StatusCodes.Status428PreconditionRequired,
    TooManyRequests = StatusCodes.Status429TooManyRequests,
}

public sealed record Error(ErrorKind Kind, string Title, string Detail, IReadOnlyDictionary<string, string[]>? Fields = null)
{
    /// <summary>Sent as Retry-After (a 429, a 503): when asking again may succeed.</summary>
    public TimeSpan? RetryAfter { get; init; }

    public static Error TooManyRequests(string detail, TimeSpan retryAfter) =>
        new(ErrorKind.TooManyRequests, "Too many requests", detail) { RetryAfter = retryAfter };

    public static Error NotFound(string what) => new(ErrorKind.NotFound, "Not found", $"{what} was not found.");

    public static Error Forbidden(string detail) => new(ErrorKind.Forbidden, "Forbidden", detail);

    public static Error Conflict(string detail) => new(ErrorKind.Conflict, "Conflict", detail);

    public static Error Unprocessable(string detail) => new(ErrorKind.Unprocessable, "Unprocessable request", detail);

    /// <summary>A 400 with the errors map a client shows beside its fields.</summary>
    public static Error Invalid(IDictionary<string, string[]> fields) =>
        new(ErrorKind.Validation, "One or more validation errors occurred.", "", fields.AsReadOnly());

    public static Error TooLarge(string title, string detail) => new(ErrorKind.TooLarge, title, detail);

    public static Error Validation(string field, string message) =>
        new(ErrorKind.Validation, "One or more validation errors occurred.", message, new Dictionary<string, string[]> { [field] = [message] });

    public static readonly Error VersionMismatch = new(
        ErrorKind.PreconditionFailed,
        "Precondition failed",
        "The resource was changed by someone else since you read it. Fetch it again and re-apply your change.");

    public static readonly Error IfMatchRequired = new(
        ErrorKind.PreconditionRequired,
        "Precondition required",
        "Send the resource's ETag in an If-Match header to update it.");
}

/// <summary>Either a value or an <see cref="Error"/>; handlers return these instead of throwing for expected outcomes.</summary>
public readonly struct Result<T>
{
    private Result(T? value, Error? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public Error? Error { get; }

    public bool IsSuccess => Error is null;

    public static implicit operator Result<T>(T value) => new(value, null);

    public static implicit operator Result<T>(Error error) => new(default, error);

    /// <summary>Turns the value into the endpoint's success result; converts to the endpoint's <c>Answer</c> type.</summary>
    public Reply<TOk> Match<TOk>(Func<T, TOk> onSuccess) where TOk : IResult => new(Error is null ? onSuccess(Value!) : default, Error);
}
