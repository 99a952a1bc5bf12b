using System.Buffers;
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

    public static MatchResult Run(MatchInput input, int seed)
    {
        ArgumentNullException.ThrowIfNull(input);
        var assignment = new int[input.StudentCount];
        return new MatchResult(assignment, Run(input, seed, assignment));
    }

    /// <summary>
    /// Runs the round into the caller's array (one entry per student: the opportunity, or -1) and returns the proposals
    /// made. For callers that run rounds repeatedly, and for the benchmark to time the algorithm apart from the
    /// allocation of its result: fresh memory is paged in on first touch, which on a virtual machine can cost as much
    /// as the round itself.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Run(MatchInput input, int seed, int[] assignment)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(assignment);
        var n = input.StudentCount;
        if (assignment.Length < n)
        {
            throw new ArgumentException("The assignment array needs one entry per student.", nameof(assignment));
        }

        var order = ArrayPool<int>.Shared.Rent(n);
        try
        {
            Lottery(n, seed, order);
            Array.Fill(assignment, -1, 0, n);
            using var engine = new Engine(input, order, assignment);
            engine.ProposeInLotteryOrder();
            return engine.Proposals;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(order);
        }
    }

    /// <summary>
    /// The proposing loop's state: who holds whom, and the proposals made. Inside the engine a student is known by their
    /// lottery rank (student order[r] has rank r), so the state it keeps per student is read and written front to back
    /// as students propose in lottery order, and a key that ranks by lottery alone is the rank itself. Its arrays come
    /// from the shared pool: a round re-run (or the next round) reuses them instead of paging in fresh memory.
    /// </summary>
    private sealed class Engine : IDisposable
    {
        private readonly int _n;
        private readonly int[]? _preferencesCopy;
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

        /// <summary>Per student (by index, as returned), the opportunity that holds them, or -1.</summary>
        private readonly int[] _assignment;

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

        /// <summary>
        /// What the bars say to a student proposing for the first time, whose lottery rank comes after every key held so
        /// far: <see cref="Open"/> (the bar is the largest key), <see cref="Closed"/>, or <see cref="NoSeats"/> (not a
        /// proposal). One byte per opportunity, so the first pass reads a table that stays in the nearest cache.
        /// </summary>
        private readonly byte[] _open;

        /// <summary>The same for students in the reserve group (null without reserves).</summary>
        private readonly byte[]? _groupOpen;

        private const byte Open = 0;
        private const byte Closed = 1;
        private const byte NoSeats = 2;

        private readonly Seats[] _seats;

        /// <summary>Held students per opportunity as priority keys, best first: opportunity o holds held[seats[o].Offset ..][.. seats[o].Held].</summary>
        private readonly long[] _held;

        /// <summary>Students a reserve let go during the first pass, by rank (only with reserves).</summary>
        private readonly int[]? _displaced;

        private int _proposals;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public Engine(MatchInput input, int[] order, int[] assignment)
        {
            var n = _n = input.StudentCount;
            var m = input.OpportunityCount;
            _order = order;
            _priority = new Priority(input, order);
            _lotteryOnly = input.Rankings is null || Array.TrueForAll(input.Rankings, ranks => ranks is null || ranks.Count == 0);
            _start = input.PreferenceStart;
            _preferences = input.Preferences;
            _unacceptable = m;
            if (input.Unacceptable is { Count: > 0 } unacceptable)
            {
                _preferences = _preferencesCopy = Rent<int>(input.Preferences.Length);
                input.Preferences.CopyTo(_preferences, 0);
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

            _assignment = assignment;
            _resumeAt = Rent<int>(n);
            var reserves = input.InReserveGroup is null ? null : input.Reserves;
            if (reserves is not null)
            {
                var group = input.InReserveGroup!;
                _group = Rent<bool>(n);
                for (var r = 0; r < n; r++)
                {
                    _group[r] = group[order[r]];
                }
            }

            // Held slots are kept for seats that can be filled: no more than the students, and, when the seats add up to
            // more than there are choices (virtual events with thousands of seats), no more than the students who chose
            // the opportunity. So memory follows the round's size, not the seats offered.
            var seatsToKeep = 0L;
            for (var o = 0; o < m; o++)
            {
                seatsToKeep += Math.Clamp(input.Capacities[o], 0, n);
            }

            int[]? chosenBy = null;
            if (seatsToKeep > _preferences.Length)
            {
                chosenBy = Rent<int>(m + 1);
                Array.Clear(chosenBy, 0, m + 1);
                for (var i = 0; i < _start[n]; i++)
                {
                    chosenBy[_preferences[i]]++;
                }
            }

            _seats = Rent<Seats>(m);
            _bar = Rent<long>(m + 1);
            _open = Rent<byte>(m + 1);
            var offset = 0;
            for (var o = 0; o < m; o++)
            {
                var capacity = Math.Min(Math.Clamp(input.Capacities[o], 0, n), chosenBy?[o] ?? int.MaxValue);
                var reserve = reserves is null ? 0 : Math.Clamp(reserves[o], 0, capacity);
                _seats[o] = new Seats { Offset = offset, Capacity = capacity, Reserve = reserve, Worst = -1 };
                _bar[o] = capacity == 0 ? -1 : long.MaxValue;
                _open[o] = capacity == 0 ? NoSeats : Open;
                offset += capacity;
            }

            Return(chosenBy);
            _bar[m] = -1;
            _open[m] = NoSeats;
            if (_group is not null)
            {
                _groupBar = Rent<long>(m + 1);
                Array.Copy(_bar, _groupBar, m + 1);
                _groupOpen = Rent<byte>(m + 1);
                Array.Copy(_open, _groupOpen, m + 1);
                _displaced = Rent<int>(n);
            }

            _held = Rent<long>(offset);
        }

        public int Proposals => _proposals;

        /// <summary>
        /// Students propose one after another in lottery order (the result does not depend on the order of proposals).
        /// In lottery order a newcomer comes last at every opportunity that ranks by lottery alone, so a full one rejects
        /// them and nobody is displaced; only a reserve lets someone go, and those students propose on after the pass.
        /// What stays random is where each student's list lies, so the loop asks for the lists of the students a little
        /// ahead while it works. With employer rankings keys differ per opportunity and every proposal reads the bars.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public unsafe void ProposeInLotteryOrder()
        {
            var n = _n;
            var lotteryOnly = _lotteryOnly;
            var prefetch = Sse.IsSupported;
            var group = _group;
            var assignment = _assignment;
            var resumeAt = _resumeAt;
            var displaced = _displaced;
            var pending = 0;
            var proposals = 0;
            fixed (int* order = _order, start = _start, preferences = _preferences)
            fixed (byte* open = _open, groupOpen = _groupOpen)
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

                    if (!lotteryOnly)
                    {
                        // Employers rank: a key differs per opportunity, so every proposal reads the bars.
                        ProposeFrom(r, start[order[r]]);
                        continue;
                    }

                    // Student r's first proposals: r comes after every key held so far, so an opportunity takes r
                    // exactly when it is open to r's group; no seats (or an unacceptable mark) is not a proposal.
                    var s = order[r];
                    var at = start[s];
                    var end = start[s + 1];
                    var inGroup = group is not null && group[r];
                    var opens = inGroup ? groupOpen : open;
                    while (at < end)
                    {
                        var o = preferences[at++];
                        var state = opens[o];
                        if (state == NoSeats)
                        {
                            continue;
                        }

                        proposals++;
                        if (state == Open)
                        {
                            assignment[s] = o;
                            resumeAt[r] = at;
                            var letGo = Hold(o, r, inGroup);
                            if (letGo >= 0)
                            {
                                // Only a reserve lets someone go here; they propose on after this pass.
                                var x = _priority.RankOf(letGo);
                                assignment[order[x]] = -1;
                                displaced![pending++] = x;
                            }

                            break;
                        }
                    }
                }
            }

            _proposals += proposals;

            // The result does not depend on when a student proposes, so those let go go on down their lists now.
            for (var i = 0; i < pending; i++)
            {
                ProposeFrom(displaced![i], _resumeAt[displaced[i]]);
            }
        }

        /// <summary>
        /// The student of rank r proposes down their list from position `at`, reading the bars, until an opportunity
        /// holds them or the list ends; if holding them made the opportunity let someone go, that student goes on down
        /// their own list, and so on.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void ProposeFrom(int r, int at)
        {
            while (true)
            {
                var end = _start[_order[r] + 1];
                var inGroup = _group is not null && _group[r];
                var bars = inGroup ? _groupBar! : _bar;
                var holder = -1;
                var key = 0L;
                while (at < end)
                {
                    var o = _preferences[at++];
                    var bar = bars[o];
                    if (bar < 0)
                    {
                        continue; // no seats, or the employer marked this student unacceptable: not a proposal
                    }

                    _proposals++;
                    key = _priority.Of(o, r);
                    if (key < bar)
                    {
                        holder = o;
                        break;
                    }
                }

                if (holder < 0)
                {
                    return;
                }

                _assignment[_order[r]] = holder;
                _resumeAt[r] = at;
                var letGo = Hold(holder, key, inGroup);
                if (letGo < 0)
                {
                    return;
                }

                r = _priority.RankOf(letGo);
                _assignment[_order[r]] = -1;
                at = _resumeAt[r];
            }
        }

        public void Dispose()
        {
            Return(_preferencesCopy);
            Return(_resumeAt);
            Return(_group);
            Return(_seats);
            Return(_bar);
            Return(_groupBar);
            Return(_open);
            Return(_groupOpen);
            Return(_displaced);
            Return(_held);
        }

        private static T[] Rent<T>(int length) => ArrayPool<T>.Shared.Rent(length);

        private static void Return<T>(T[]? array)
        {
            if (array is not null)
            {
                ArrayPool<T>.Shared.Return(array);
            }
        }

        /// <summary>
        /// Opportunity o holds the proposer, who beat its bar. When it was full, it lets go the one its choice now leaves
        /// out: with a minority reserve (Hafalir et al.) the best group members up to the reserve are protected and the
        /// other seats go by priority, so that is the worst held non-member while the reserve protects every group member
        /// held, and otherwise the worst held. Returns the key let go, or -1 when a seat was free.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private long Hold(int o, long key, bool inGroup)
        {
            // In lottery order a newcomer is usually the worst yet of an opportunity with a seat free: it goes last, and
            // nothing held is read.
            ref var seats = ref _seats[o];
            var size = seats.Held;
            if (size < seats.Capacity && key > seats.Worst)
            {
                _held[seats.Offset + size] = key;
                seats.Worst = key;
                seats.Held = size + 1;
                if (inGroup)
                {
                    seats.GroupHeld++;
                }

                if (size + 1 == seats.Capacity)
                {
                    SetBars(o, ref seats);
                }

                return -1;
            }

            return HoldInOrder(o, key, inGroup);
        }

        /// <summary>The general case of <see cref="Hold"/>: the proposer goes between those held, or replaces one.</summary>
        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        private long HoldInOrder(int o, long key, bool inGroup)
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
                seats.Worst = size > 0 ? held[size - 1] : -1;
            }

            if (key > seats.Worst)
            {
                held[size] = key;
                seats.Worst = key;
            }
            else
            {
                var i = size;
                while (i > 0 && held[i - 1] > key)
                {
                    held[i] = held[i - 1];
                    i--;
                }

                held[i] = key;
            }

            seats.Held = ++size;
            if (inGroup)
            {
                seats.GroupHeld++;
            }

            if (size == seats.Capacity)
            {
                SetBars(o, ref seats);
            }

            return letGo;
        }

        /// <summary>The bars of a full opportunity: what a proposer in the reserve group, and anyone else, must beat.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void SetBars(int o, ref Seats seats)
        {
            var worst = seats.Worst;
            if (seats.Reserve == 0)
            {
                _bar[o] = worst;
                _open[o] = Closed;
                if (_groupBar is not null)
                {
                    _groupBar[o] = worst;
                    _groupOpen![o] = Closed;
                }
            }
            else
            {
                // A non-member must beat the worst non-member while the reserve protects every group member held (0:
                // nobody, when all seats are reserved and held by the group); a group member gets in while the
                // reserve has room for one more.
                var nonMember = seats.GroupHeld <= seats.Reserve ? WorstNonMember(_held.AsSpan(seats.Offset, seats.Held), seats.Held) : seats.Held - 1;
                _bar[o] = nonMember < 0 ? 0 : _held[seats.Offset + nonMember];
                _groupBar![o] = seats.GroupHeld < seats.Reserve ? long.MaxValue : worst;
                _open[o] = Closed;
                _groupOpen![o] = seats.GroupHeld < seats.Reserve ? Open : Closed;
            }
        }

        /// <summary>The position of the worst non-member among the held keys, or -1 when all are group members.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

    /// <summary>
    /// An opportunity's seats: where its held keys lie, how many are held and how many of those are in the reserve
    /// group, and the worst key held (-1: none), so that appending a newcomer reads nothing else.
    /// </summary>
    private struct Seats
    {
        public long Worst;
        public int Offset;
        public int Capacity;
        public int Reserve;
        public int Held;
        public int GroupHeld;
    }

    /// <summary>One lottery number per student (a seeded permutation): a lower rank wins ties everywhere (single tie-breaking).</summary>
    public static int[] LotteryRanks(int students, int seed)
    {
        var order = new int[students];
        Lottery(students, seed, order);
        var rank = new int[students];
        for (var r = 0; r < students; r++)
        {
            rank[order[r]] = r;
        }

        return rank;
    }

    /// <summary>
    /// The seeded lottery: a uniform random permutation (Fisher–Yates driven by SplitMix64, with Lemire's unbiased
    /// bounded draw), written as the students in rank order. Its own generator, so a seed gives the same lottery on
    /// every .NET version and machine.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Lottery(int students, int seed, int[] order)
    {
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
