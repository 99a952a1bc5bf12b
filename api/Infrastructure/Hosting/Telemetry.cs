using System.Diagnostics;
using LaunchPath.Api.Infrastructure.Jobs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace LaunchPath.Api.Infrastructure.Hosting;

/// <summary>
/// OpenTelemetry: traces and metrics of ASP.NET Core, outgoing HTTP (SIS pulls), the .NET runtime and the job runner.
/// Exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (or <c>Telemetry:OtlpEndpoint</c>) is set (traces are
/// recorded only then, or with <c>Telemetry:Tracing</c>; metrics only when exported or scraped), and scraped by
/// Prometheus at <c>/metrics</c> on <c>Telemetry:PrometheusPort</c> only (never on the public port). Traces carry no
/// student data: paths are replaced by their route templates (ids, search words and one-time link tokens are left
/// out) and query strings are dropped.
/// </summary>
public static class Telemetry
{
    public const string ServiceName = "launchpath-api";

    public static WebApplicationBuilder AddLaunchPathTelemetry(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var otlp = configuration["Telemetry:OtlpEndpoint"] is { Length: > 0 } endpoint ? new Uri(endpoint) : null;
        var exporting = otlp is not null || !string.IsNullOrEmpty(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var prometheusPort = configuration.GetValue<int?>("Telemetry:PrometheusPort");
        if (prometheusPort is { } port)
        {
            // The scrape port beside the API's own: the URLs the host was given, plus this one.
            var urls = configuration["urls"] ?? configuration["ASPNETCORE_URLS"] ?? "http://localhost:5000";
            builder.WebHost.UseUrls([.. urls.Split(';', StringSplitOptions.RemoveEmptyEntries), $"http://0.0.0.0:{port}"]);
        }

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName, serviceInstanceId: configuration["Jobs:NodeName"] ?? Environment.MachineName));
        // Traces cost every request an activity; they are recorded only when they go somewhere (OTLP, or Telemetry:Tracing).
        if (configuration.GetValue("Telemetry:Tracing", exporting))
        {
            telemetry.WithTracing(tracing =>
            {
                tracing.AddAspNetCoreInstrumentation(options =>
                    {
                        options.Filter = http => !http.Request.Path.StartsWithSegments("/health") && !http.Request.Path.StartsWithSegments("/metrics");
                        options.EnrichWithHttpResponse = (activity, response) => WithoutStudentData(activity, response.HttpContext);
                    })
                    .AddHttpClientInstrumentation(options => options.EnrichWithHttpRequestMessage = (activity, request) =>
                    {
                        // The SIS's address, not its query (filters name dates and, in some SIS, people).
                        activity.SetTag("url.full", request.RequestUri?.GetLeftPart(UriPartial.Path));
                        activity.SetTag("url.query", null);
                    });
                if (exporting)
                {
                    tracing.AddOtlpExporter(options => options.Endpoint = otlp ?? options.Endpoint);
                }
            });
        }

        // Metrics likewise: each request records histograms, which only pay when somebody reads them (OTLP or a scrape).
        if (!exporting && prometheusPort is null)
        {
            return builder;
        }

        telemetry.WithMetrics(metrics =>
        {
            metrics.AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(JobMetrics.MeterName);
            if (exporting)
            {
                metrics.AddOtlpExporter(options => options.Endpoint = otlp ?? options.Endpoint);
            }

            if (prometheusPort is not null)
            {
                metrics.AddPrometheusExporter();
            }
        });
        return builder;
    }

    /// <summary>The Prometheus scrape endpoint, on the scrape port only.</summary>
    public static WebApplication MapLaunchPathMetrics(this WebApplication app)
    {
        if (app.Configuration.GetValue<int?>("Telemetry:PrometheusPort") is { } port)
        {
            app.MapPrometheusScrapingEndpoint("/metrics").RequireHost($"*:{port}").AllowAnonymous();
        }

        return app;
    }

    private static void WithoutStudentData(Activity activity, HttpContext http)
    {
        var route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
        activity.SetTag("url.path", route ?? "(unmatched)");
        activity.SetTag("url.query", null);
        activity.DisplayName = $"{http.Request.Method} {route ?? "(unmatched)"}";
    }
}
