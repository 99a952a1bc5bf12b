using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace LaunchPath.Api.Infrastructure.Http;

/// <summary>Turns every error, expected or not, into an RFC 9457 ProblemDetails body.</summary>
public static class Problems
{
    public static IResult ToProblem(this Error error)
    {
        if (error.Kind == ErrorKind.Validation && error.Fields is not null)
        {
            return TypedResults.ValidationProblem(
                error.Fields.ToDictionary(),
                detail: error.Detail,
                title: error.Title);
        }

        return TypedResults.Problem(
            statusCode: (int)error.Kind,
            title: error.Title,
            detail: error.Detail);
    }

    public static IServiceCollection AddLaunchPathProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var http = context.HttpContext;
            context.ProblemDetails.Instance ??= http.Request.Path;
            context.ProblemDetails.Extensions["traceId"] = Activity.Current?.Id ?? http.TraceIdentifier;
            context.ProblemDetails.Extensions["requestId"] = http.TraceIdentifier;
        });
        services.AddExceptionHandler<UnhandledExceptionHandler>();
        return services;
    }

    /// <summary>
    /// Bad requests found by the framework (malformed JSON, a missing required property, an unknown enum value) become a 400
    /// with the reason; anything else becomes a 500 with no internals in the body.
    /// </summary>
    private sealed class UnhandledExceptionHandler(IProblemDetailsService problemDetails, ILogger<UnhandledExceptionHandler> logger) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            ProblemDetails problem;
            if (exception is BadHttpRequestException badRequest)
            {
                logger.LogInformation("Rejected a bad request: {Reason}", badRequest.Message);
                problem = new ProblemDetails
                {
                    Status = badRequest.StatusCode,
                    Title = badRequest.StatusCode == StatusCodes.Status400BadRequest ? "The request could not be read." : "The request was rejected.",
                    Detail = DescribeBadRequest(badRequest),
                };
            }
            else
            {
                logger.LogError(exception, "Unhandled exception");
                problem = new ProblemDetails
                {
                    Status = StatusCodes.Status500InternalServerError,
                    Title = "An unexpected error occurred.",
                    Detail = "The server could not complete the request. Quote the traceId when reporting it.",
                };
            }

            httpContext.Response.StatusCode = problem.Status!.Value;
            return await problemDetails.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                ProblemDetails = problem,
                Exception = exception,
            });
        }

        private static string DescribeBadRequest(BadHttpRequestException exception)
        {
            // The JSON reader's message names the path and the problem (e.g. "$.type"), never a value or a stack trace.
            var json = exception.InnerException as System.Text.Json.JsonException;
            return json is not null
                ? $"{exception.Message} {json.Message}"
                : exception.Message;
        }
    }
}
