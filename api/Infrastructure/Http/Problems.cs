using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace LaunchPath.Api.Infrastructure.Http;

/// <summary>Turns every error, expected or not, into an RFC 9457 ProblemDetails body.</summary>
public static class Problems
{
    public static IResult ToProblem(this Error error)
    {
        if (error.Kind == ErrorKind.Validation)
        {
            // Every 400 carries an errors map, so a client can show what to correct.
            return TypedResults.ValidationProblem(
                error.Fields?.ToDictionary() ?? new Dictionary<string, string[]> { [BadRequests.Body] = [error.Detail] },
                detail: error.Detail.Length == 0 ? null : error.Detail,
                title: error.Title);
        }

        var problem = TypedResults.Problem(
            statusCode: (int)error.Kind,
            title: error.Title,
            detail: error.Detail);
        return error.RetryAfter is { } wait ? new RetryAfterResult(problem, wait) : problem;
    }

    private sealed class RetryAfterResult(IResult problem, TimeSpan wait) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return problem.ExecuteAsync(httpContext);
        }
    }

    /// <summary>Writes a problem from middleware (before or outside an endpoint); a 400 gets an errors map.</summary>
    public static async Task WriteAsync(HttpContext context, int status, string title, string detail, string field = BadRequests.Body)
    {
        context.Response.StatusCode = status;
        var problem = status == StatusCodes.Status400BadRequest
            ? new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [detail] })
            : new ProblemDetails();
        problem.Status = status;
        problem.Title = title;
        problem.Detail = detail;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = problem,
        });
    }

    public static IServiceCollection AddLaunchPathProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var http = context.HttpContext;
            // The path names the resource; an over-long one (a 414) is cut rather than echoed whole.
            var path = http.Request.Path.Value ?? "";
            context.ProblemDetails.Instance ??= path.Length > 200 ? path[..200] + "…" : path;
            context.ProblemDetails.Extensions["traceId"] = Activity.Current?.Id ?? http.TraceIdentifier;
            context.ProblemDetails.Extensions["requestId"] = http.TraceIdentifier;
        });
        services.AddExceptionHandler<UnhandledExceptionHandler>();
        return services;
    }

    /// <summary>
    /// Requests the framework could not read (malformed JSON, an unknown member, a query value that does not parse, a body
    /// over the limit) become a 4xx with an <c>errors</c> map in the wire's words and are logged at Information without a
    /// stack trace; a request the client abandoned is a 499 at Information with nothing written; anything else is a 500
    /// with no internals in the body, logged as the one error.
    /// </summary>
    private sealed class UnhandledExceptionHandler(IProblemDetailsService problemDetails, ILogger<UnhandledExceptionHandler> logger) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            if (IsClientAbort(httpContext, exception))
            {
                logger.LogInformation("The client closed the request before it completed");
                httpContext.Response.StatusCode = StatusCodes.Status499ClientClosedRequest;
                return true;
            }

            ProblemDetails problem;
            if (exception is BadHttpRequestException badRequest)
            {
                problem = Describe(badRequest.StatusCode, () => BadRequests.Describe(badRequest));
                logger.LogInformation("Rejected a request it could not read: {Status}", problem.Status);
            }
            else if (exception is System.Text.Json.JsonException json)
            {
                problem = Describe(StatusCodes.Status400BadRequest, () => BadRequests.Describe(json));
                logger.LogInformation("Rejected a request it could not read: {Status}", problem.Status);
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

            if (httpContext.Response.HasStarted)
            {
                return true;
            }

            httpContext.Response.StatusCode = problem.Status!.Value;
            return await problemDetails.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                ProblemDetails = problem,
                Exception = exception,
            });
        }

        private static ProblemDetails Describe(int status, Func<Dictionary<string, string[]>> errors) => status switch
        {
            StatusCodes.Status400BadRequest => new HttpValidationProblemDetails(errors())
            {
                Status = status,
                Title = "The request could not be read.",
                Detail = "See errors for what to correct.",
            },
            StatusCodes.Status413PayloadTooLarge => new ProblemDetails
            {
                Status = status,
                Title = "Request body too large",
                Detail = "The request body is larger than this operation accepts.",
            },
            StatusCodes.Status415UnsupportedMediaType => new ProblemDetails
            {
                Status = status,
                Title = "Unsupported media type",
                Detail = "Send the body as application/json (uploads as multipart/form-data).",
            },
            _ => new ProblemDetails { Status = status, Title = "The request was rejected." },
        };

        /// <summary>The client went away (a page change cancels the SPA's requests): nothing to answer, nothing failed.</summary>
        private static bool IsClientAbort(HttpContext context, Exception exception) =>
            (context.RequestAborted.IsCancellationRequested
             && exception is OperationCanceledException or IOException or Microsoft.AspNetCore.Connections.ConnectionResetException
                 or BadHttpRequestException { StatusCode: StatusCodes.Status400BadRequest })
            // Kestrel's word for a client that closed the connection before sending the body it announced (wrapped by the
            // body binder's own exception when a JSON body was being read).
            || Chain(exception).Any(e => e is BadHttpRequestException { Message: "Unexpected end of request content." }
                                        or Microsoft.AspNetCore.Connections.ConnectionResetException);

        private static IEnumerable<Exception> Chain(Exception exception)
        {
            for (var e = exception; e is not null; e = e.InnerException)
            {
                yield return e;
            }
        }
    }
}
