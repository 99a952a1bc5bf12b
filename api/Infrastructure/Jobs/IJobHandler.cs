namespace LaunchPath.Api.Infrastructure.Jobs;

/// <summary>
/// Runs one kind of job. Registered with <see cref="JobServices.AddJob{THandler}"/>; resolved in a scope per run.
/// A run may be repeated (after its node died, or failed): it must be safe to run again, and a handler that writes its
/// result calls <see cref="JobContext.CompleteAsync"/> in the same transaction, so only the run holding the lease commits.
/// </summary>
public interface IJobHandler
{
    Task RunAsync(JobContext job, CancellationToken cancellationToken);

    /// <summary>The job will not run again (it failed <see cref="JobOptions.MaxAttempts"/> times): leave its subject in a state people can act on.</summary>
    Task GiveUpAsync(JobContext job, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>A task that runs at the interval it is registered with (<see cref="JobServices.AddRecurringJob{THandler}"/>), on one node at a time.</summary>
public interface IRecurringJob : IJobHandler;

/// <summary>The run held the job's lease no longer (another node took it over); its work must not be committed.</summary>
public sealed class LeaseLostException(Guid jobId) : Exception($"The lease on job {jobId} was lost; another node runs it now.");
