namespace LaunchPath.Matching;

/// <summary>
/// A match round's input, in flat arrays for speed. Students and opportunities are dense indexes (0..n-1).
/// Preference lists are stored CSR-style: student s ranks Preferences[PreferenceStart[s] .. PreferenceStart[s + 1]),
/// best first. Lists must contain only opportunities the student is eligible for, each at most once.
/// </summary>
public sealed class MatchInput
{
    public MatchInput(int studentCount, int[] capacities, int[] preferenceStart, int[] preferences)
    {
        ArgumentNullException.ThrowIfNull(capacities);
        ArgumentNullException.ThrowIfNull(preferenceStart);
        ArgumentNullException.ThrowIfNull(preferences);
        if (preferenceStart.Length != studentCount + 1 || preferenceStart[0] != 0 || preferenceStart[studentCount] != preferences.Length)
        {
            throw new ArgumentException("preferenceStart must have studentCount + 1 offsets from 0 to preferences.Length.", nameof(preferenceStart));
        }

        // The engine walks these arrays without bounds checks, so what would take it outside them is refused here, once
        // per input (a vectorised scan: a small fraction of a round).
        if (preferences.Length > 0 && (capacities.Length == 0 || preferences.AsSpan().IndexOfAnyExceptInRange(0, capacities.Length - 1) >= 0))
        {
            throw new ArgumentException("Every preference must be an opportunity index below the number of opportunities.", nameof(preferences));
        }

        for (var s = 0; s < studentCount; s++)
        {
            if (preferenceStart[s + 1] < preferenceStart[s])
            {
                throw new ArgumentException("preferenceStart must not decrease.", nameof(preferenceStart));
            }
        }

        StudentCount = studentCount;
        Capacities = capacities;
        PreferenceStart = preferenceStart;
        Preferences = preferences;
    }

    public int StudentCount { get; }

    public int OpportunityCount => Capacities.Length;

    /// <summary>Seats per opportunity.</summary>
    public int[] Capacities { get; }

    public int[] PreferenceStart { get; }

    public int[] Preferences { get; }

    /// <summary>
    /// Optional employer rankings: for opportunity o, Rankings[o] maps student → rank (0 = best). Ranked students come
    /// before unranked ones; ties (and unranked students) are broken by the lottery. Null: lottery order only.
    /// </summary>
    public IReadOnlyDictionary<int, int>?[]? Rankings { get; init; }

    /// <summary>
    /// Optional, the fast form of <see cref="Rankings"/>: one entry per entry of <see cref="Preferences"/>, the rank (0 =
    /// best) the employer of that choice gave the student, <see cref="Unranked"/> when the employer ranks others but not
    /// them, and 0 at an opportunity that ranks by lottery alone. When given, <see cref="Rankings"/> is not read. Built
    /// beside the preference lists (the API sets it from its ranking rows), it spares the round a lookup per proposal.
    /// </summary>
    public int[]? RankAt { get; init; }

    /// <summary>In <see cref="RankAt"/>: a student the employer did not rank, after every student it did.</summary>
    public const int Unranked = int.MaxValue;

    /// <summary><see cref="RankAt"/> from <see cref="Rankings"/> (null when nobody ranks).</summary>
    public int[]? RankAtFromRankings() => Rankings is null
        ? null
        : RankAtFrom(PreferenceStart, Preferences, OpportunityCount,
            Rankings.SelectMany((ranks, o) => ranks?.Select(rank => (o, rank.Key, rank.Value)) ?? []));

    /// <summary>
    /// <see cref="RankAt"/> from (opportunity, student, rank) entries (null when there are none): an opportunity with any
    /// rank puts the students it did not rank after those it did (<see cref="Unranked"/>); one without ranks by lottery
    /// alone (0). Entries for an opportunity outside the round are left out; one for a student outside it still makes its
    /// opportunity one that ranks.
    /// </summary>
    public static int[]? RankAtFrom(int[] preferenceStart, int[] preferences, int opportunityCount, IEnumerable<(int Opportunity, int Student, int Rank)> ranks)
    {
        var students = preferenceStart.Length - 1;
        var entries = ranks.Where(r => r.Opportunity >= 0 && r.Opportunity < opportunityCount).ToList();
        if (entries.Count == 0)
        {
            return null;
        }

        var ranking = new bool[opportunityCount];
        foreach (var (o, _, _) in entries)
        {
            ranking[o] = true;
        }

        entries.RemoveAll(r => r.Student < 0 || r.Student >= students);

        var rankAt = new int[preferenceStart[students]];
        for (var i = 0; i < rankAt.Length; i++)
        {
            rankAt[i] = ranking[preferences[i]] ? Unranked : 0;
        }

        foreach (var (o, s, rank) in entries)
        {
            for (var i = preferenceStart[s]; i < preferenceStart[s + 1]; i++)
            {
                if (preferences[i] == o)
                {
                    rankAt[i] = rank >= 0 ? rank : throw new ArgumentException("Ranks are 0 (best) or more.");
                }
            }
        }

        return rankAt;
    }

    /// <summary>Optional: pairs (opportunity, student) the employer marked unacceptable; such a student is never placed there.</summary>
    public IReadOnlySet<long>? Unacceptable { get; init; }

    /// <summary>Optional: students in the equity group that reserved seats are for.</summary>
    public bool[]? InReserveGroup { get; init; }

    /// <summary>Optional: seats per opportunity reserved for the group (minority reserves: open to all once the group's demand is met).</summary>
    public int[]? Reserves { get; init; }

    public static long Pair(int opportunity, int student) => ((long)opportunity << 32) | (uint)student;
}

/// <summary>
/// The outcome: each student's opportunity (or -1), and how many proposals it took (the same in any proposing order).
/// The lottery behind it is <see cref="DeferredAcceptance.LotteryRanks"/> for the round's seed.
/// </summary>
public sealed record MatchResult(int[] Assignment, int Proposals)
{
    /// <summary>The position (0 = first choice) of each student's assignment in their list, or -1 when unmatched.</summary>
    public int ChoiceRank(MatchInput input, int student)
    {
        var assigned = Assignment[student];
        if (assigned < 0)
        {
            return -1;
        }

        for (var i = input.PreferenceStart[student]; i < input.PreferenceStart[student + 1]; i++)
        {
            if (input.Preferences[i] == assigned)
            {
                return i - input.PreferenceStart[student];
            }
        }

        return -1;
    }
}
