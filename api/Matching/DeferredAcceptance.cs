namespace LaunchPath.Api.Matching;

/// <summary>
/// Student-proposing deferred acceptance (Gale–Shapley) with seat capacities, a single seeded lottery for ties, optional
/// employer rankings and unacceptable marks, and optional minority reserves (Hafalir, Yenmez &amp; Yildirim 2013).
/// The result is stable for those priorities and student-optimal among stable matchings; the same seed gives the same result.
/// Pure computation: no I/O, no clock, no shared state.
/// </summary>
public static class DeferredAcceptance
{
    public static MatchResult Run(MatchInput input, int seed)
    {
        var n = input.StudentCount;
        var lottery = LotteryRanks(n, seed);
        var priority = new Priority(input, lottery);
        var assignment = new int[n];
        Array.Fill(assignment, -1);
        var next = new int[n]; // how far down its list each student has proposed
        for (var s = 0; s < n; s++)
        {
            next[s] = input.PreferenceStart[s];
        }

        // Held students per opportunity, in one flat array: opportunity o holds [offset[o], offset[o] + count[o]).
        var offset = new int[input.OpportunityCount + 1];
        for (var o = 0; o < input.OpportunityCount; o++)
        {
            offset[o + 1] = offset[o] + Math.Max(0, input.Capacities[o]);
        }

        var held = new int[offset[^1]];
        var count = new int[input.OpportunityCount];
        var reserves = input.Reserves;
        var group = input.InReserveGroup;

        var free = new Stack<int>(n);
        for (var s = n - 1; s >= 0; s--)
        {
            free.Push(s);
        }

        var proposals = 0;
        var scratch = new int[16];
        while (free.Count > 0)
        {
            var s = free.Pop();
            var end = input.PreferenceStart[s + 1];
            while (next[s] < end)
            {
                var o = input.Preferences[next[s]++];
                if (input.Capacities[o] <= 0 || (input.Unacceptable is { } bad && bad.Contains(MatchInput.Pair(o, s))))
                {
                    continue;
                }

                proposals++;
                var rejected = reserves is not null && group is not null && reserves[o] > 0
                    ? ProposeWithReserve(o, s, reserves[o], group, held, offset, count, input.Capacities[o], priority, ref scratch)
                    : Propose(o, s, held, offset, count, input.Capacities[o], priority);
                if (rejected == s)
                {
                    continue; // try the next choice
                }

                assignment[s] = o;
                if (rejected >= 0)
                {
                    assignment[rejected] = -1;
                    free.Push(rejected);
                }

                break;
            }
        }

        return new MatchResult(assignment, proposals, lottery);
    }

    /// <summary>
    /// Plain capacity: the held students form a max-heap on priority value (worst on top). Returns the student rejected
    /// (the proposer, the displaced worst, or -1 when a seat was free).
    /// </summary>
    private static int Propose(int o, int s, int[] held, int[] offset, int[] count, int capacity, Priority priority)
    {
        var start = offset[o];
        var size = count[o];
        if (size < capacity)
        {
            // Sift up.
            var i = size;
            held[start + i] = s;
            while (i > 0)
            {
                var parent = (i - 1) / 2;
                if (priority.Of(o, held[start + parent]) >= priority.Of(o, held[start + i]))
                {
                    break;
                }

                (held[start + parent], held[start + i]) = (held[start + i], held[start + parent]);
                i = parent;
            }

            count[o] = size + 1;
            return -1;
        }

        var worst = held[start];
        if (priority.Of(o, s) >= priority.Of(o, worst))
        {
            return s;
        }

        // Replace the root and sift down.
        held[start] = s;
        var k = 0;
        while (true)
        {
            var left = 2 * k + 1;
            if (left >= size)
            {
                break;
            }

            var child = left + 1 < size && priority.Of(o, held[start + left + 1]) > priority.Of(o, held[start + left]) ? left + 1 : left;
            if (priority.Of(o, held[start + k]) >= priority.Of(o, held[start + child]))
            {
                break;
            }

            (held[start + k], held[start + child]) = (held[start + child], held[start + k]);
            k = child;
        }

        return worst;
    }

    /// <summary>
    /// Minority reserve choice over the held students plus the proposer: the best group members up to the reserve are
    /// protected and every other seat goes by priority. The held list is kept sorted best-first, so when the opportunity
    /// is over capacity the one student left out is the worst unprotected one. Returns that student, or -1.
    /// </summary>
    private static int ProposeWithReserve(int o, int s, int reserve, bool[] group, int[] held, int[] offset, int[] count, int capacity, Priority priority, ref int[] scratch)
    {
        var start = offset[o];
        var size = count[o];
        var mine = priority.Of(o, s);
        var insertAt = size;
        for (var k = 0; k < size; k++)
        {
            if (priority.Of(o, held[start + k]) > mine)
            {
                insertAt = k;
                break;
            }
        }

        // The merged order: held[0..insertAt), s, held[insertAt..size).
        var excludedAt = -1;
        if (size == capacity)
        {
            var protectedCount = 0;
            for (var m = 0; m <= size; m++)
            {
                var student = m < insertAt ? held[start + m] : m == insertAt ? s : held[start + m - 1];
                if (group[student] && protectedCount < reserve)
                {
                    protectedCount++;
                }
                else
                {
                    excludedAt = m;
                }
            }

            if (excludedAt == insertAt)
            {
                return s;
            }
        }

        if (scratch.Length < size + 1)
        {
            scratch = new int[Math.Max(size + 1, scratch.Length * 2)];
        }

        var written = 0;
        var excluded = -1;
        for (var m = 0; m <= size; m++)
        {
            var student = m < insertAt ? held[start + m] : m == insertAt ? s : held[start + m - 1];
            if (m == excludedAt)
            {
                excluded = student;
                continue;
            }

            scratch[written++] = student;
        }

        Array.Copy(scratch, 0, held, start, written);
        count[o] = written;
        return excluded;
    }

    /// <summary>One lottery number per student (a seeded permutation): a lower rank wins ties everywhere (single tie-breaking).</summary>
    public static int[] LotteryRanks(int students, int seed)
    {
        var order = new int[students];
        for (var i = 0; i < students; i++)
        {
            order[i] = i;
        }

        new Random(seed).Shuffle(order);
        var rank = new int[students];
        for (var i = 0; i < students; i++)
        {
            rank[order[i]] = i;
        }

        return rank;
    }

    /// <summary>An opportunity's priority over students as one comparable number: lower is better.</summary>
    internal readonly struct Priority(MatchInput input, int[] lottery)
    {
        private readonly IReadOnlyDictionary<int, int>?[]? _rankings = input.Rankings;
        private readonly long _unranked = (long)input.StudentCount + 1;

        public long Of(int opportunity, int student)
        {
            var lotteryRank = lottery[student];
            if (_rankings?[opportunity] is { } ranks)
            {
                return ranks.TryGetValue(student, out var rank)
                    ? (long)rank * (input.StudentCount + 1) + lotteryRank
                    : _unranked * (input.StudentCount + 1) + lotteryRank;
            }

            return lotteryRank;
        }
    }
}
