using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace LaunchPath.Api.Matching;

/// <summary>
/// Student-proposing deferred acceptance (Gale–Shapley) with seat capacities, a single seeded lottery for ties, optional
/// employer rankings and unacceptable marks, and optional minority reserves (Hafalir, Yenmez &amp; Yildirim 2013).
/// The result is stable for those priorities and student-optimal among stable matchings; the same seed gives the same result.
/// Pure computation: no I/O, no clock, no shared state.
/// </summary>
public static class DeferredAcceptance
{
    /// <summary>How many students ahead the proposing loop asks the CPU to fetch preference lists (x86 only).</summary>
    private const int PrefetchDistance = 24;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static MatchResult Run(MatchInput input, int seed)
    {
        var n = input.StudentCount;
        var (lottery, order) = Lottery(n, seed);
        var engine = new Engine(input, order);
        engine.ProposeInLotteryOrder();

        var assignment = new int[n];
        engine.CopyAssignment(assignment);
        return new MatchResult(assignment, engine.Proposals, lottery);
    }

    /// <summary>
    /// The proposing loop's state: who holds whom, and the proposals made. Inside the engine a student is known by their
    /// lottery rank (student order[r] has rank r), so per-student state is read and written front to back as students
    /// propose in lottery order, and a key that ranks by lottery alone is the rank itself.
    /// </summary>
    private sealed class Engine
    {
        private readonly int[] _order;
        private readonly Priority _priority;
        private readonly bool _lotteryOnly;
        private readonly int[] _start;

        /// <summary>
        /// The preference lists, or a copy in which every opportunity whose employer marked the student unacceptable is
        /// replaced by <see cref="_unacceptable"/>, a slot with no seats: such a student does not propose there.
        /// </summary>
        private readonly int[] _preferences;

        private readonly int _unacceptable;

        /// <summary>Per rank, whether that student is in the reserve group (null when no seats are reserved).</summary>
        private readonly bool[]? _group;

        /// <summary>Per rank, the opportunity that holds the student + 1 (0: none).</summary>
        private readonly int[] _assigned;

        /// <summary>Per rank, the position in the student's list just after the opportunity that holds them.</summary>
        private readonly int[] _resumeAt;

        /// <summary>
        /// Per opportunity, the key a proposer must beat to be held: long.MaxValue while seats are free, the worst held
        /// key once full (with a reserve that still protects every group member: the worst held non-member's), and -1
        /// when it has no seats. A proposal is decided by this one compact array; only one that is held looks further.
        /// </summary>
        private readonly long[] _bar;

        /// <summary>The same for proposers in the reserve group, whom an unfilled reserve takes even when full (null without reserves).</summary>
        private readonly long[]? _groupBar;

        private readonly Seats[] _seats;

        /// <summary>Held students per opportunity as priority keys, best first: opportunity o holds held[seats[o].Offset ..][.. seats[o].Held].</summary>
        private readonly long[] _held;

        private int _proposals;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public Engine(MatchInput input, int[] order)
        {
            var n = input.StudentCount;
            var m = input.OpportunityCount;
            _order = order;
            _priority = new Priority(input, order);
            _lotteryOnly = input.Rankings is null;
            _start = input.PreferenceStart;
            _preferences = input.Preferences;
            _unacceptable = m;
            if (input.Unacceptable is { Count: > 0 } unacceptable)
            {
                _preferences = (int[])input.Preferences.Clone();
                foreach (var pair in unacceptable)
                {
                    var (o, s) = ((int)(pair >> 32), (int)pair);
                    if (s < 0 || s >= n)
                    {
                        continue;
                    }

                    for (var i = _start[s]; i < _start[s + 1]; i++)
                    {
                        if (_preferences[i] == o)
                        {
                            _preferences[i] = _unacceptable;
                        }
                    }
                }
            }

            _assigned = new int[n];
            _resumeAt = new int[n];
            var reserves = input.InReserveGroup is null ? null : input.Reserves;
            if (reserves is not null)
            {
                var group = input.InReserveGroup!;
                _group = new bool[n];
                for (var r = 0; r < n; r++)
                {
                    _group[r] = group[order[r]];
                }
            }

            _seats = new Seats[m];
            _bar = new long[m + 1];
            var offset = 0;
            for (var o = 0; o < m; o++)
            {
                var capacity = Math.Max(0, input.Capacities[o]);
                var reserve = reserves is null ? 0 : Math.Clamp(reserves[o], 0, capacity);
                _seats[o] = new Seats { Offset = offset, Capacity = capacity, Reserve = reserve };
                _bar[o] = capacity == 0 ? -1 : long.MaxValue;
                offset += capacity;
            }

            _bar[m] = -1;
            _groupBar = _group is null ? null : (long[])_bar.Clone();
            _held = new long[offset];
        }

        public int Proposals => _proposals;

        /// <summary>
        /// Students propose one after another in lottery order, and a student let go proposes again at once (the result
        /// does not depend on the order of proposals). In lottery order a newcomer comes last at every opportunity that
        /// ranks by lottery alone, so a full one rejects them and nobody is displaced; displacements come only from
        /// employer rankings and reserves. What stays random is where each student's list lies, so the loop asks for the
        /// lists of the students a little ahead while it works.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public unsafe void ProposeInLotteryOrder()
        {
            var n = _order.Length;
            var prefetch = Sse.IsSupported;
            fixed (int* order = _order, start = _start, preferences = _preferences)
            {
                for (var r = 0; r < n; r++)
                {
                    if (prefetch)
                    {
                        if (r + 2 * PrefetchDistance < n)
                        {
                            Sse.Prefetch0(start + order[r + 2 * PrefetchDistance]);
                        }

                        if (r + PrefetchDistance < n)
                        {
                            var ahead = order[r + PrefetchDistance];
                            Sse.Prefetch0(preferences + start[ahead]);
                            Sse.Prefetch0(preferences + start[ahead + 1] - 1);
                        }
                    }

                    var s = order[r];
                    var displaced = ProposeFrom(r, start[s], start[s + 1]);
                    while (displaced >= 0)
                    {
                        displaced = ProposeFrom(displaced, _resumeAt[displaced], start[order[displaced] + 1]);
                    }
                }
            }
        }

        /// <summary>Writes each student's opportunity (or -1) by student index.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void CopyAssignment(int[] assignment)
        {
            for (var r = 0; r < _order.Length; r++)
            {
                assignment[_order[r]] = _assigned[r] - 1;
            }
        }

        /// <summary>
        /// The student of rank r proposes down their list from position `at` until an opportunity holds them (or the
        /// list ends, leaving them unmatched). Returns the rank of the student that opportunity let go to make room, or -1.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private int ProposeFrom(int r, int at, int end)
        {
            var preferences = _preferences;
            var inGroup = _group is not null && _group[r];
            var bars = inGroup ? _groupBar! : _bar;
            var lotteryOnly = _lotteryOnly;
            var proposals = 0;
            var displaced = -1;
            while (at < end)
            {
                var o = preferences[at++];
                var bar = bars[o];
                if (bar < 0)
                {
                    continue; // no seats, or the employer marked this student unacceptable: not a proposal
                }

                proposals++;
                var key = lotteryOnly ? r : _priority.Of(o, r);
                if (key >= bar)
                {
                    continue; // rejected: try the next choice
                }

                _assigned[r] = o + 1;
                _resumeAt[r] = at;
                var letGo = Hold(o, key, inGroup);
                if (letGo >= 0)
                {
                    displaced = _priority.RankOf(letGo);
                    _assigned[displaced] = 0;
                }

                break;
            }

            _proposals += proposals;
            return displaced;
        }

        /// <summary>
        /// Opportunity o holds the proposer, who beat its bar. When it was full, it lets go the one its choice now leaves
        /// out: with a minority reserve (Hafalir et al.) the best group members up to the reserve are protected and the
        /// other seats go by priority, so that is the worst held non-member while the reserve protects every group member
        /// held, and otherwise the worst held. Returns the key let go, or -1 when a seat was free.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private long Hold(int o, long key, bool inGroup)
        {
            ref var seats = ref _seats[o];
            var held = _held.AsSpan(seats.Offset, seats.Capacity);
            var size = seats.Held;
            long letGo = -1;
            if (size == seats.Capacity)
            {
                var leaveOut = seats.Reserve > 0 && seats.GroupHeld + (inGroup ? 1 : 0) <= seats.Reserve ? WorstNonMember(held, size) : size - 1;
                letGo = held[leaveOut];
                if (seats.Reserve > 0 && InGroup(letGo))
                {
                    seats.GroupHeld--;
                }

                held[(leaveOut + 1)..size].CopyTo(held[leaveOut..]);
                size--;
            }

            // Insert in order, from the worst end: in lottery order a newcomer usually goes last, moving nobody.
            var i = size;
            while (i > 0 && held[i - 1] > key)
            {
                held[i] = held[i - 1];
                i--;
            }

            held[i] = key;
            seats.Held = ++size;
            if (inGroup)
            {
                seats.GroupHeld++;
            }

            if (size == seats.Capacity)
            {
                var worst = held[size - 1];
                if (seats.Reserve == 0)
                {
                    _bar[o] = worst;
                    if (_groupBar is not null)
                    {
                        _groupBar[o] = worst;
                    }
                }
                else
                {
                    // A non-member must beat the worst non-member while the reserve protects every group member held (0:
                    // nobody, when all seats are reserved and held by the group); a group member gets in while the
                    // reserve has room for one more.
                    var nonMember = seats.GroupHeld <= seats.Reserve ? WorstNonMember(held, size) : size - 1;
                    _bar[o] = nonMember < 0 ? 0 : held[nonMember];
                    _groupBar![o] = seats.GroupHeld < seats.Reserve ? long.MaxValue : worst;
                }
            }

            return letGo;
        }

        /// <summary>The position of the worst non-member among the held keys, or -1 when all are group members.</summary>
        private int WorstNonMember(Span<long> held, int size)
        {
            var i = size - 1;
            while (i >= 0 && InGroup(held[i]))
            {
                i--;
            }

            return i;
        }

        private bool InGroup(long key) => _group![_priority.RankOf(key)];
    }

    /// <summary>An opportunity's seats: where its held keys lie, how many are held, and how many of those are in the reserve group.</summary>
    private struct Seats
    {
        public int Offset;
        public int Capacity;
        public int Reserve;
        public int Held;
        public int GroupHeld;
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong SplitMix64(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A uniform integer in [0, bound) without modulo bias (Lemire 2019).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
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
    internal readonly struct Priority(MatchInput input, int[] order)
    {
        private readonly IReadOnlyDictionary<int, int>?[]? _rankings = input.Rankings;
        private readonly long _stride = (long)input.StudentCount + 1;

        /// <summary>The key of the student with lottery rank r at the opportunity.</summary>
        public long Of(int opportunity, int r)
        {
            if (_rankings?[opportunity] is { } ranks)
            {
                return ranks.TryGetValue(order[r], out var rank)
                    ? rank * _stride + r
                    : _stride * _stride + r;
            }

            return r;
        }

        /// <summary>The lottery rank of the student a key belongs to.</summary>
        public int RankOf(long key) => (int)(key < _stride ? key : key % _stride);
    }
}
