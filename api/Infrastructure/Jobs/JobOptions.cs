namespace LaunchPath.Api.Infrastructure.Jobs;

/// <summary>Configuration section <c>Jobs</c>: how this node takes part in running background work.</summary>
public sealed class JobOptions
{
    public const string Section = "Jobs";

    /// <summary>Whether this node runs jobs at all (false: it only serves requests; another node runs them).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Whether this node starts the recurring jobs (digests, reminders, clean-ups) when it starts; false leaves them to
    /// another node, or to whoever runs them by hand (tests that move a clock drive them one run at a time). Once any
    /// node has started them, every node with jobs on takes its turn.
    /// </summary>
    public bool Recurring { get; set; } = true;

    /// <summary>This node's name in leases and logs; default: host name, process id and a random suffix.</summary>
    public string? NodeName { get; set; }

    /// <summary>How long a claim holds without a heartbeat; then another node may take the job over.</summary>
    public int LeaseSeconds { get; set; } = 30;

    /// <summary>How often a running job renews its lease and records its progress.</summary>
    public double HeartbeatSeconds { get; set; } = 2;

    /// <summary>How often an idle node looks for due work (a node that queues work wakes its own runner at once).</summary>
    public int PollMilliseconds { get; set; } = 1000;

    /// <summary>How many jobs one node runs at once.</summary>
    public int Slots { get; set; } = 2;

    /// <summary>Runs of one job before it is given up (a job that fails, or whose node dies, this many times).</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>
    /// How often a recurring job runs, by kind, instead of its default ("Jobs:Every:hours-digests" = "00:15:00"): an
    /// operator's knob, and how a browser story sees an hourly email within seconds.
    /// </summary>
    public Dictionary<string, TimeSpan> Every { get; set; } = new(StringComparer.Ordinal);
}
