using System.Numerics;
using System.Runtime.CompilerServices;

namespace LaunchPath.Api.Matching;

/// <summary>
/// Student-proposing deferred acceptance (Gale–Shapley) with seat capacities, a single seeded lottery for ties, optional
/// employer rankings and unacceptable marks, and optional minority reserves (Hafalir, Yenmez &amp; Yildirim 2013).
/// The result is stable for those priorities and student-optimal among stable matchings; the same seed gives the same result.
/// Pure computation: no I/O, no clock, no shared state.
/// </summary>
public static class DeferredAcceptance
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static MatchResult Run(MatchInput input, int seed)
    {
        var n = input.StudentCount;
        var (lottery, order) = Lottery(n, seed);
        var priority = new Priority(input, lottery, order);
        var assignment = new int[n];
        var engine = new Engine(input, priority, assignment);

        // The result does not depend on the order students propose in, so students propose in rounds, in index order:
        // first everyone from the top of their list, then, round after round, those displaced in the round before, from
        // just after the opportunity that let them go. Index order reads the preference lists front to back, which is
        // what makes the run cache-friendly at regional scale; a round's displaced students are marked in a bit set and
        // visited in index order too.
        var start = input.PreferenceStart;
        var displaced = new ulong[(n + 63) >> 6];
        var next = new ulong[displaced.Length];
        var any = false;
        for (var s = 0; s < n; s++)
        {
            var rejected = engine.ProposeFrom(s, start[s]);
            if (rejected >= 0)
            {
                displaced[rejected >> 6] |= 1UL << rejected;
                any = true;
            }
        }

        while (any)
        {
            any = false;
            for (var w = 0; w < displaced.Length; w++)
            {
                var bits = displaced[w];
                displaced[w] = 0;
                while (bits != 0)
                {
                    var s = (w << 6) + BitOperations.TrailingZeroCount(bits);
                    bits &= bits - 1;
                    var rejected = engine.ProposeFrom(s, engine.ResumeAt(s));
                    if (rejected >= 0)
                    {
                        next[rejected >> 6] |= 1UL << rejected;
                        any = true;
                    }
                }
            }

            (displaced, next) = (next, displaced);
        }

        // Assignments were kept as opportunity + 1 (0: unmatched), so the array needed no filling up front.
        for (var s = 0; s < n; s++)
        {
            assignment[s]--;
        }

        return new MatchResult(assignment, engine.Proposals, lottery);
    }

    /// <summary>The proposing loop's state: who holds whom, and the proposals made.</summary>
    private sealed class Engine
    {
        private readonly Priority _priority;
        private readonly int[] _lottery;
        private readonly bool _lotteryOnly;
        private readonly int[] _assignment;
        private readonly long[] _held;
        private readonly int[] _offset;
        private readonly int[] _count;
        private readonly int[] _capacities;
        private readonly int[] _start;
        private readonly int[] _preferences;
        private readonly IReadOnlySet<long>? _unacceptable;
        private readonly int[]? _reserves;
        private readonly bool[]? _group;

        /// <summary>
        /// Per opportunity, the key a proposer must beat to be held at once without looking at the held students: the
        /// worst held key when its plain seats are full, long.MaxValue while seats are free (or when reserves make the
        /// choice depend on who is held), and -1 when it has no seats. Most proposals are rejections decided by this
        /// one compact array.
        /// </summary>
        private readonly long[] _threshold;

        /// <summary>Per student, the position in their list just after the opportunity that holds them.</summary>
        private readonly int[] _resumeAt;
        private long[] _scratch = new long[16];

        public Engine(MatchInput input, Priority priority, int[] assignment)
        {
            _priority = priority;
            _lottery = priority.Lottery;
            _lotteryOnly = input.Rankings is null;
            _assignment = assignment;
            _capacities = input.Capacities;
            _start = input.PreferenceStart;
            _preferences = input.Preferences;
            _unacceptable = input.Unacceptable;
            _reserves = input.InReserveGroup is null ? null : input.Reserves;
            _group = input.InReserveGroup;
            _resumeAt = new int[input.StudentCount];

            // Held students per opportunity, as priority keys, in one flat array: opportunity o holds [offset[o], offset[o] + count[o]).
            _offset = new int[_capacities.Length + 1];
            _threshold = new long[_capacities.Length];
            for (var o = 0; o < _capacities.Length; o++)
            {
                _offset[o + 1] = _offset[o] + Math.Max(0, _capacities[o]);
                _threshold[o] = _capacities[o] <= 0 ? -1 : long.MaxValue;
            }

            _held = new long[_offset[^1]];
            _count = new int[_capacities.Length];
        }

        public int Proposals { get; private set; }

        public int ResumeAt(int s) => _resumeAt[s];

        /// <summary>
        /// Student s proposes down their list from position `at` until an opportunity holds them (or the list ends,
        /// leaving them unmatched). Returns the student that opportunity let go to make room, or -1.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public int ProposeFrom(int s, int at)
        {
            var end = _start[s + 1];
            var preferences = _preferences;
            var threshold = _threshold;
            long lotteryKey = _lottery[s];
            var inGroup = _group is not null && _group[s];
            var proposals = 0;
            try
            {
                while (at < end)
                {
                    var o = preferences[at++];
                    var bar = threshold[o];
                    if (bar < 0 || (_unacceptable is not null && _unacceptable.Contains(MatchInput.Pair(o, s))))
                    {
                        continue; // no seats, or the employer marked this student unacceptable: not a proposal
                    }

                    proposals++;
                    var key = _lotteryOnly ? lotteryKey : _priority.Of(o, s);
                    if (key >= bar)
                    {
                        continue; // full, and everyone held comes first
                    }

                    var reserved = _reserves is not null && _reserves[o] > 0;
                    if (reserved && !inGroup && _count[o] == _capacities[o] && key > _held[_offset[o] + _count[o] - 1])
                    {
                        continue; // full, last in priority and not protected by the reserve
                    }

                    var rejectedKey = reserved
                        ? ProposeWithReserve(o, key, _reserves![o], _group!, _held, _offset, _count, _capacities[o], _priority, ref _scratch)
                        : Propose(o, key, _held, _offset, _count, _capacities[o]);
                    if (rejectedKey == key)
                    {
                        continue; // try the next choice
                    }

                    _assignment[s] = o + 1;
                    _resumeAt[s] = at;
                    if (!reserved && _count[o] == _capacities[o])
                    {
                        threshold[o] = _held[_offset[o]];
                    }

                    if (rejectedKey < 0)
                    {
                        return -1;
                    }

                    var rejected = _priority.StudentOf(rejectedKey);
                    _assignment[rejected] = 0;
                    return rejected;
                }

                return -1;
            }
            finally
            {
                Proposals += proposals;
            }
        }
    }

    /// <summary>
    /// Plain capacity: the held keys form a max-heap (worst on top). Returns the key rejected (the proposer's, the
    /// displaced worst's, or -1 when a seat was free).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static long Propose(int o, long key, long[] held, int[] offset, int[] count, int capacity)
    {
        var start = offset[o];
        var size = count[o];
        if (size < capacity)
        {
            // Sift up.
            var i = size;
            while (i > 0)
            {
                var parent = (i - 1) / 2;
                if (held[start + parent] >= key)
                {
                    break;
                }

                held[start + i] = held[start + parent];
                i = parent;
            }

            held[start + i] = key;
            count[o] = size + 1;
            return -1;
        }

        var worst = held[start];
        if (key >= worst)
        {
            return key;
        }

        // Replace the root and sift down.
        var k = 0;
        while (true)
        {
            var child = 2 * k + 1;
            if (child >= size)
            {
                break;
            }

            if (child + 1 < size && held[start + child + 1] > held[start + child])
            {
                child++;
            }

            if (key >= held[start + child])
            {
                break;
            }

            held[start + k] = held[start + child];
            k = child;
        }

        held[start + k] = key;
        return worst;
    }

    /// <summary>
    /// Minority reserve choice over the held students plus the proposer: the best group members up to the reserve are
    /// protected and every other seat goes by priority. The held list is kept sorted best-first, so when the opportunity
    /// is over capacity the one student left out is the worst unprotected one. Returns that student, or -1.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static long ProposeWithReserve(int o, long key, int reserve, bool[] group, long[] held, int[] offset, int[] count, int capacity, Priority priority, ref long[] scratch)
    {
        var start = offset[o];
        var size = count[o];
        var insertAt = size;
        for (var k = 0; k < size; k++)
        {
            if (held[start + k] > key)
            {
                insertAt = k;
                break;
            }
        }

        // The merged order: held[0..insertAt), key, held[insertAt..size).
        var excludedAt = -1;
        if (size == capacity)
        {
            var protectedCount = 0;
            for (var m = 0; m <= size; m++)
            {
                var student = priority.StudentOf(m < insertAt ? held[start + m] : m == insertAt ? key : held[start + m - 1]);
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
                return key;
            }
        }

        if (scratch.Length < size + 1)
        {
            scratch = new long[Math.Max(size + 1, scratch.Length * 2)];
        }

        var written = 0;
        var excluded = -1L;
        for (var m = 0; m <= size; m++)
        {
            var entry = m < insertAt ? held[start + m] : m == insertAt ? key : held[start + m - 1];
            if (m == excludedAt)
            {
                excluded = entry;
                continue;
            }

            scratch[written++] = entry;
        }

        Array.Copy(scratch, 0, held, start, written);
        count[o] = written;
        return excluded;
    }

    /// <summary>One lottery number per student (a seeded permutation): a lower rank wins ties everywhere (single tie-breaking).</summary>
    public static int[] LotteryRanks(int students, int seed) => Lottery(students, seed).Rank;

    /// <summary>
    /// The seeded lottery: a uniform random permutation (Fisher–Yates driven by SplitMix64, with Lemire's unbiased
    /// bounded draw), as each student's rank and the students in rank order. Its own generator, so a seed gives the
    /// same lottery on every .NET version and machine.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (int[] Rank, int[] Order) Lottery(int students, int seed)
    {
        var order = new int[students];
        for (var i = 0; i < students; i++)
        {
            order[i] = i;
        }

        var state = (ulong)(uint)seed * 0x9E3779B97F4A7C15UL ^ 0xD1B54A32D192ED03UL;
        for (var i = students - 1; i > 0; i--)
        {
            var j = Bounded(ref state, (uint)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }

        var rank = new int[students];
        for (var i = 0; i < students; i++)
        {
            rank[order[i]] = i;
        }

        return (rank, order);
    }

    private static ulong SplitMix64(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A uniform integer in [0, bound) without modulo bias (Lemire 2019).</summary>
    private static int Bounded(ref ulong state, uint bound)
    {
        var product = (ulong)(uint)SplitMix64(ref state) * bound;
        if ((uint)product < bound)
        {
            var threshold = (uint)-bound % bound;
            while ((uint)product < threshold)
            {
                product = (ulong)(uint)SplitMix64(ref state) * bound;
            }
        }

        return (int)(product >> 32);
    }

    /// <summary>
    /// An opportunity's priority over students as one comparable key: lower is better. The key ends in the student's
    /// lottery rank (unique), so the student is recovered from the key without storing both.
    /// </summary>
    internal readonly struct Priority(MatchInput input, int[] lottery, int[] order)
    {
        public int[] Lottery => lottery;

        private readonly IReadOnlyDictionary<int, int>?[]? _rankings = input.Rankings;
        private readonly long _stride = (long)input.StudentCount + 1;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public long Of(int opportunity, int student)
        {
            long lotteryRank = lottery[student];
            if (_rankings?[opportunity] is { } ranks)
            {
                return ranks.TryGetValue(student, out var rank)
                    ? rank * _stride + lotteryRank
                    : _stride * _stride + lotteryRank;
            }

            return lotteryRank;
        }

        public int StudentOf(long key) => order[(int)(key < _stride ? key : key % _stride)];
    }
}
