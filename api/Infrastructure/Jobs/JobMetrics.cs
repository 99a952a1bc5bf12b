using System.Diagnostics.Metrics;

namespace LaunchPath.Api.Infrastructure.Jobs;

/// <summary>
/// The job runner's metrics (meter <c>LaunchPath.Jobs</c>), tagged by job kind: runs started, completed and failed,
/// lease takeovers, run duration, and the queued and running jobs across all nodes as this node last counted them.
/// </summary>
public sealed class JobMetrics : IDisposable
{
    public const string MeterName = "LaunchPath.Jobs";

    private readonly Meter _meter;
    private readonly Counter<long> _started;
    private readonly Counter<long> _completed;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _takeovers;
    private readonly Histogram<double> _duration;
    private volatile IReadOnlyDictionary<string, (long Queued, long Running)> _counts = new Dictionary<string, (long, long)>();

    public JobMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _started = _meter.CreateCounter<long>("launchpath.jobs.started", "{run}", "Job runs started on this node");
        _completed = _meter.CreateCounter<long>("launchpath.jobs.completed", "{run}", "Job runs that finished their job");
        _failed = _meter.CreateCounter<long>("launchpath.jobs.failed", "{run}", "Job runs that failed (retried or given up)");
        _takeovers = _meter.CreateCounter<long>("launchpath.jobs.takeovers", "{run}", "Jobs this node took over from a node whose lease expired");
        _duration = _meter.CreateHistogram<double>("launchpath.jobs.duration", "s", "How long job runs took");
        _meter.CreateObservableGauge("launchpath.jobs.queued", () => Each(c => c.Queued), "{job}", "Jobs waiting to run, all nodes");
        _meter.CreateObservableGauge("launchpath.jobs.running", () => Each(c => c.Running), "{job}", "Jobs running, all nodes");
    }

    private IEnumerable<Measurement<long>> Each(Func<(long Queued, long Running), long> value) =>
        _counts.Select(pair => new Measurement<long>(value(pair.Value), new KeyValuePair<string, object?>("kind", pair.Key)));

    private static KeyValuePair<string, object?> Kind(string kind) => new("kind", kind);

    internal void Started(string kind, bool takenOver)
    {
        _started.Add(1, Kind(kind));
        if (takenOver)
        {
            _takeovers.Add(1, Kind(kind));
        }
    }

    internal void Completed(string kind, TimeSpan took)
    {
        _completed.Add(1, Kind(kind));
        _duration.Record(took.TotalSeconds, Kind(kind));
    }

    internal void Failed(string kind, TimeSpan took)
    {
        _failed.Add(1, Kind(kind));
        _duration.Record(took.TotalSeconds, Kind(kind));
    }

    internal void Counted(IReadOnlyDictionary<string, (long Queued, long Running)> counts) => _counts = counts;

    public void Dispose() => _meter.Dispose();
}
