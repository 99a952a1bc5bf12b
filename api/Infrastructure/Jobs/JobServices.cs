using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LaunchPath.Api.Infrastructure.Jobs;

/// <summary>The kinds of job this build runs, and which of them recur.</summary>
public sealed class JobRegistry
{
    private readonly Dictionary<string, TimeSpan?> _kinds = new(StringComparer.Ordinal);

    internal void Add(string kind, TimeSpan? every) => _kinds.Add(kind, every);

    public IReadOnlyList<string> Kinds => [.. _kinds.Keys];

    public IEnumerable<(string Kind, TimeSpan Every)> Recurring => _kinds.Where(k => k.Value is not null).Select(k => (k.Key, k.Value!.Value));

    public TimeSpan? EveryOf(string kind) => _kinds.GetValueOrDefault(kind);
}

public static class JobServices
{
    /// <summary>The job runner, the queue and their metrics; configuration section <c>Jobs</c>.</summary>
    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetSection(JobOptions.Section).Get<JobOptions>() ?? new JobOptions());
        Registry(services);
        services.AddSingleton<JobQueue>();
        services.AddSingleton<JobMetrics>();
        services.AddSingleton<JobRunner>();
        services.AddHostedService(provider => provider.GetRequiredService<JobRunner>());
        services.AddHealthChecks().AddCheck<JobRunnerHealthCheck>("jobs", tags: [LaunchPath.Api.Infrastructure.Hosting.HealthEndpoints.ReadyTag]);
        return services;
    }

    /// <summary>Registers the handler of one kind of job.</summary>
    public static IServiceCollection AddJob<THandler>(this IServiceCollection services, string kind) where THandler : class, IJobHandler =>
        Register<THandler>(services, kind, null);

    /// <summary>Registers a task that runs every <paramref name="every"/> on one node at a time.</summary>
    public static IServiceCollection AddRecurringJob<THandler>(this IServiceCollection services, string kind, TimeSpan every) where THandler : class, IRecurringJob =>
        Register<THandler>(services, kind, every);

    private static IServiceCollection Register<THandler>(IServiceCollection services, string kind, TimeSpan? every) where THandler : class, IJobHandler
    {
        services.AddKeyedScoped<IJobHandler, THandler>(kind);
        Registry(services).Add(kind, every);
        return services;
    }

    private static JobRegistry Registry(IServiceCollection services)
    {
        if (services.FirstOrDefault(d => d.ServiceType == typeof(JobRegistry))?.ImplementationInstance is JobRegistry registry)
        {
            return registry;
        }

        registry = new JobRegistry();
        services.AddSingleton(registry);
        return registry;
    }
}

/// <summary>/health/ready: whether this node's job runner is looking for work (Degraded when it has not for a while).</summary>
public sealed class JobRunnerHealthCheck(JobRunner runner, JobOptions options, TimeProvider clock) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!options.Enabled)
        {
            return Task.FromResult(HealthCheckResult.Healthy($"Jobs are off on this node ({runner.Node})."));
        }

        var looked = runner.LastLookedAt;
        var late = TimeSpan.FromMilliseconds(options.PollMilliseconds * 3) + TimeSpan.FromSeconds(30);
        var state = $"node {runner.Node}, {runner.Running} running, last looked for work {(looked is null ? "never" : looked.Value.ToString("O"))}";
        if (runner.Stopped)
        {
            return Task.FromResult(HealthCheckResult.Degraded("The job runner has stopped: " + state));
        }

        return Task.FromResult(looked is null || clock.GetUtcNow() - looked.Value > late
            ? HealthCheckResult.Degraded("The job runner is not looking for work: " + state)
            : HealthCheckResult.Healthy(state));
    }
}
