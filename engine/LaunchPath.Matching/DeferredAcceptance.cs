using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace LaunchPath.Matching;

/// <summary>
/// Student-proposing deferred acceptance (Gale–Shapley) with seat capacities, a single seeded lottery for ties, optional
/// employer rankings and unacceptable marks, and optional minority reserves (Hafalir, Yenmez &amp; Yildirim 2013).
/// The result is stable for those priorities and student-optimal among stable matchings; the same seed gives the same result.
/// Pure computation: no I/O, no clock, no shared state. <see cref="ReferenceDeferredAcceptance"/> is the same algorithm
/// written plainly (read it first): this one computes exactly its assignment, organised for speed.
/// </summary>
public static class DeferredAcceptance
{
    /// <summary>How many students ahead the proposing loop asks the CPU to fetch preference lists (x86 only).</summary>
    private const int PrefetchDistance = 24;

    /// <summary>How far past the last student the proposing loop reads the lottery order.</summary>
    private const int LookAhead = 2 * PrefetchDistance + 1;

    public static MatchResult Run(MatchInput input, int seed)
    {
        ArgumentNullException.ThrowIfNull(input);
        var assignment = new int[input.StudentCount];
        return new MatchResult(assignment, Run(input, seed, assignment));
    }

    /// <summary>
    /// Runs the round into the caller's array (one entry per student: the opportunity, or -1) and returns the proposals
    /// made. For callers that run rounds repeatedly, and for the benchmark to time the algorithm apart from the
    /// allocation of its result (fresh memory is paged in on first touch).
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

        // The lottery order, padded with student 0 so that the proposing loop reads ahead without checking where it ends.
        var order = ArrayPool<int>.Shared.Rent(n + LookAhead);
        try
        {
            Lottery(n, seed, order);
            Array.Clear(order, n, LookAhead);
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
    /// lottery rank (student order[r] has rank r), so a key that ranks by lottery alone is the rank itself. Its arrays
    /// come from the shared pool: a round re-run (or the next round) reuses them instead of paging in fresh memory.
    /// </summary>
    private sealed class Engine : IDisposable
    {
        private readonly int _n;
        private readonly int[]? _preferencesCopy;
        private readonly int[] _order;
        private readonly bool _lotteryOnly;
        private readonly int[]? _rankAt;
        private long[]? _wave;
        private long[]? _nextWave;
        private int _waveCount;
        private readonly int[] _start;

        /// <summary>
        /// The preference lists, or a copy in which every opportunity whose employer marked the student unacceptable is
        /// replaced by <see cref="_unacceptable"/>, a slot with no seats: such a student does not propose there.
        /// </summary>
        private readonly int[] _preferences;

        private readonly int _unacceptable;

        /// <summary>Per student (by index), whether they are in the reserve group (null when no seats are reserved).</summary>
        private readonly bool[]? _group;

        /// <summary>Per student (by index, as returned), the opportunity that holds them, or -1.</summary>
        private readonly int[] _assignment;

        /// <summary>
        /// Per opportunity, the key a proposer must beat to be held: long.MaxValue while seats are free, the worst held
        /// key once full (with a reserve that still protects every group member: the worst held non-member's), and -1
        /// when it has no seats. A proposal is decided by this one compact array; only one that is held looks further.
        /// In a lottery round the first pass leaves them to the open tables, and <see cref="Settle"/> brings them up to date.
        /// </summary>
        private readonly long[] _bar;

        /// <summary>The same for proposers in the reserve group, whom an unfilled reserve takes even when full (null without reserves).</summary>
        private readonly long[]? _groupBar;

        /// <summary>
        /// What the bars say to a student proposing for the first time, whose lottery rank comes after every key held so
        /// far: <see cref="Open"/> (the bar is the largest key), <see cref="Closed"/>, or <see cref="NoSeats"/> (not a
        /// proposal). One byte per opportunity, so the first pass reads a table that stays in the nearest cache. With
        /// reserves a second table for students in the reserve group follows at <see cref="_groupTable"/>.
        /// </summary>
        private readonly byte[] _opens;

        /// <summary>Where the reserve group's table starts in <see cref="_opens"/> (0 without reserves: there is one table).</summary>
        private readonly int _groupTable;

        /// <summary>How many students a reserve let go during the first pass (the first entries of <see cref="_displaced"/>).</summary>
        private int _pending;

        private const byte Open = 0;
        private const byte Closed = 1;
        private const byte NoSeats = 2;

        private readonly Seats[] _seats;

        /// <summary>Held students per opportunity as priority keys, best first: opportunity o holds held[seats[o].Offset ..][.. seats[o].Held].</summary>
        private readonly long[] _held;

        /// <summary>
        /// Only with reserves: during the first pass, each full opportunity that took a group member on its reserve,
        /// followed by the member's rank; after it, the rank of the student each let go, followed by where in their list
        /// they go on.
        /// </summary>
        private readonly int[]? _displaced;

        private int _proposals;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public Engine(MatchInput input, int[] order, int[] assignment)
        {
            var n = _n = input.StudentCount;
            var m = input.OpportunityCount;
            _order = order;
            if (input.Rankings is { } rankings && rankings.Length < m)
            {
                throw new ArgumentException("Rankings need one entry (or null) per opportunity.", nameof(input));
            }

            _rankAt = input.RankAt ?? input.RankAtFromRankings();
            if (_rankAt is not null && _rankAt.Length < input.PreferenceStart[n])
            {
                throw new ArgumentException("RankAt needs one entry per preference.", nameof(input));
            }

            _lotteryOnly = _rankAt is null;
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
            var reserves = input.InReserveGroup is null ? null : input.Reserves;
            if (reserves is not null)
            {
                _group = input.InReserveGroup;
                if (_group!.Length < n || reserves.Length < m)
                {
                    throw new ArgumentException("The reserve group needs one entry per student, and the reserves one per opportunity.", nameof(input));
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
            _groupTable = _group is null ? 0 : m + 1;
            _opens = Rent<byte>(_group is null ? m + 1 : 2 * (m + 1));
            var offset = 0;
            for (var o = 0; o < m; o++)
            {
                var capacity = Math.Min(Math.Clamp(input.Capacities[o], 0, n), chosenBy?[o] ?? int.MaxValue);
                var reserve = reserves is null ? 0 : Math.Clamp(reserves[o], 0, capacity);
                _seats[o] = new Seats { Offset = offset, Capacity = capacity, Reserve = reserve };
                _bar[o] = capacity == 0 ? -1 : long.MaxValue;
                _opens[o] = capacity == 0 ? NoSeats : Open;
                offset += capacity;
            }

            Return(chosenBy);
            _bar[m] = -1;
            _opens[m] = NoSeats;
            if (_group is not null)
            {
                _groupBar = Rent<long>(m + 1);
                Array.Copy(_bar, _groupBar, m + 1);
                Array.Copy(_opens, 0, _opens, _groupTable, m + 1);
                _displaced = Rent<int>(2 * n);
            }

            _held = Rent<long>(offset);
        }

        public int Proposals => _proposals;

        /// <summary>
        /// Students propose one after another in lottery order (the result does not depend on the order of proposals).
        /// In lottery order a newcomer comes last at every opportunity that ranks by lottery alone, so a full one rejects
        /// them and nobody is displaced; only a reserve lets someone go, and those students propose on after the pass.
        /// With employer rankings keys differ per opportunity and every proposal reads the bars.
        /// </summary>
        public void ProposeInLotteryOrder()
        {
            if (_lotteryOnly)
            {
                FirstPass();
                if (_pending > 0)
                {
                    LetGo();
                    Settle();
                }
            }
            else
            {
                ProposeRanked();
            }

            // The result does not depend on when a student proposes, so those let go go on down their lists now.
            for (var i = 0; i < _pending; i++)
            {
                ProposeFrom(_displaced![2 * i], _displaced[2 * i + 1]);
            }
        }

        /// <summary>
        /// Every student's first proposals when opportunities rank by lottery alone: student r comes after every key held
        /// so far, so an opportunity takes r exactly when its table says it is open to r's group, and holding r appends r
        /// to its list. What the CPU waits for here is memory and the one branch it cannot predict (where each student's
        /// walk ends), so the loop fetches the lists of students a little ahead, and reads the next student's list bounds
        /// and first choice before this student's walk ends, where a mispredicted branch would otherwise hold them up.
        /// Everything is reached through pointers, without bounds checks, and the loop keeps as few values as it can, so
        /// that they stay in registers. It leaves the bars to the open tables; they are settled after the pass for the few
        /// who propose on.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private unsafe void FirstPass()
        {
            var n = _n;
            if (_start[n] == 0)
            {
                return; // no choices: no proposals
            }

            var groupTable = _groupTable;
            var proposals = 0;
            fixed (int* order = _order, start = _start, preferences = _preferences, assignment = _assignment)
            fixed (byte* opens = _opens)
            fixed (bool* group = _group)
            fixed (Seats* seats = _seats)
            fixed (long* held = _held)
            {
                var at = start[order[0]];
                var end = start[order[0] + 1];
                var o = preferences[at < end ? at : 0];
                var inGroup = group != null && group[order[0]];
                for (var r = 0; r < n; r++)
                {
                    Prefetch(order, start, preferences, r);
                    var (from, to, choice, member) = (at, end, o, inGroup);
                    var s = order[r + 1];
                    at = start[s];
                    end = start[s + 1];
                    o = preferences[at < end ? at : 0]; // an empty list reads a choice it never makes
                    inGroup = group != null && group[s];
                    var table = member ? opens + groupTable : opens;
                    proposals -= from;
                    while (from < to)
                    {
                        var state = table[choice];
                        from++;
                        if (state == Open)
                        {
                            assignment[order[r]] = choice;
                            var seat = seats + choice;
                            var size = seat->Held;
                            if (size < seat->Capacity)
                            {
                                // A seat is free, and r is the worst key yet: append. (The bars are settled after the
                                // pass, for those who propose on.)
                                held[seat->Offset + size] = r;
                                seat->Held = ++size;
                                if (member)
                                {
                                    seat->GroupHeld++;
                                }

                                if (size == seat->Capacity)
                                {
                                    // Full: closed, except to the group while its reserve has room.
                                    opens[choice] = Closed;
                                    if (groupTable != 0)
                                    {
                                        opens[groupTable + choice] = seat->GroupHeld < seat->Reserve ? Open : Closed;
                                    }
                                }
                            }
                            else
                            {
                                // Full, and open to the group while its reserve has room: r takes the place of the
                                // worst non-member held, who is let go after the pass (nothing reads this list
                                // before then: a full opportunity takes no one else but the group, through here).
                                // No call here: a call in the loop would cost the loop its registers.
                                if (++seat->GroupHeld >= seat->Reserve)
                                {
                                    opens[groupTable + choice] = Closed;
                                }

                                _displaced![2 * _pending] = choice;
                                _displaced[2 * _pending + 1] = r;
                                _pending++;
                            }

                            break;
                        }

                        if (state == NoSeats)
                        {
                            proposals--; // not a proposal
                        }

                        if (from < to)
                        {
                            choice = preferences[from];
                        }
                    }

                    proposals += from;
                }
            }

            _proposals += proposals;
        }

        /// <summary>
        /// After the first pass, before anyone proposes on: the bars of the opportunities it filled, which it leaves to
        /// the open tables.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Settle()
        {
            for (var o = 0; o < _unacceptable; o++)
            {
                ref var seats = ref _seats[o];
                if (seats.Held == seats.Capacity && seats.Capacity > 0)
                {
                    SetBars(o, ref seats);
                }
            }
        }

        /// <summary>
        /// After the first pass, in the order they came: each group member a full opportunity took on its reserve
        /// takes the place of the worst non-member it held, who is let go and will propose on from after it. Each
        /// entry of <see cref="_displaced"/> (opportunity, member's rank) becomes (rank let go, where they go on).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void LetGo()
        {
            for (var i = 0; i < _pending; i++)
            {
                var (o, r) = (_displaced![2 * i], _displaced[2 * i + 1]);
                ref var seats = ref _seats[o];
                var held = _held.AsSpan(seats.Offset, seats.Held);
                var leaveOut = WorstNonMember(held, held.Length);
                var x = RankOf(held[leaveOut]);
                held[(leaveOut + 1)..].CopyTo(held[leaveOut..]);
                held[^1] = r; // r came after everyone held
                _assignment[_order[x]] = -1;
                _displaced[2 * i] = x;
                _displaced[2 * i + 1] = After(x, o);
            }
        }

        /// <summary>Where in the list of the student of rank r the choices after opportunity o begin (r chose o).</summary>
        private int After(int r, int o)
        {
            var s = _order[r];
            var (at, end) = (_start[s], _start[s + 1]);
            while (at < end && _preferences[at++] != o)
            {
            }

            return at;
        }

        /// <summary>
        /// Every student's proposals when employers rank: keys differ per opportunity, so each reads the bars. While it
        /// runs, a student's entry in the assignment holds the position in their list where they are held (not the
        /// opportunity), so a student let go goes on from the next position without looking for it; the entries are
        /// turned into opportunities at the end.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private unsafe void ProposeRanked()
        {
            var n = _n;
            // Students let go wait for the next wave instead of proposing on at once: a wave is walked in order with the
            // data of students a few entries ahead fetched, where a chain of let-go students jumped about memory.
            _wave = Rent<long>(n);
            _nextWave = Rent<long>(n);
            _waveCount = 0;
            var proposals = 0;
            fixed (int* order = _order, start = _start, preferences = _preferences, rankAt = _rankAt, assignment = _assignment)
            fixed (bool* group = _group)
            fixed (long* bar = _bar, groupBar = _groupBar)
            {
                for (var r = 0; r < n; r++)
                {
                    Prefetch(order, start, preferences, r);
                    if (Sse.IsSupported)
                    {
                        // The employers' ranks lie beside the list, and the student's group elsewhere: fetched ahead with it.
                        var ahead = order[r + PrefetchDistance];
                        Sse.Prefetch0(rankAt + start[ahead]);
                        Sse.Prefetch0(rankAt + start[ahead + 1] - 1);
                        if (group != null)
                        {
                            Sse.Prefetch0(group + ahead);
                        }
                    }

                    var s = order[r];
                    proposals += ProposeRankedFrom(r, s, start[s], start[s + 1], group != null && group[s], bar, groupBar, preferences, rankAt, assignment);
                }

                while (_waveCount > 0)
                {
                    (_wave, _nextWave) = (_nextWave, _wave);
                    var count = _waveCount;
                    _waveCount = 0;
                    fixed (long* wave = _wave)
                    {
                        for (var i = 0; i < count; i++)
                        {
                            if (Sse.IsSupported && i + 8 < count)
                            {
                                var ahead = (int)(wave[i + 8] >> 32);
                                Sse.Prefetch0(preferences + ahead);
                                Sse.Prefetch0(rankAt + ahead);
                                Sse.Prefetch0(start + order[(int)(uint)wave[i + 8]]);
                            }

                            var (r, at) = ((int)(uint)wave[i], (int)(wave[i] >> 32));
                            var s = order[r];
                            proposals += ProposeRankedFrom(r, s, at, start[s + 1], group != null && group[s], bar, groupBar, preferences, rankAt, assignment);
                        }
                    }
                }

                // Positions held become the opportunities (in student order: the lists are read in the order they lie).
                for (var s = 0; s < n; s++)
                {
                    var at = assignment[s];
                    assignment[s] = at < 0 ? -1 : preferences[at];
                }
            }

            _proposals += proposals;
            Return(_wave);
            Return(_nextWave);
            _wave = _nextWave = null;
        }

        /// <summary>
        /// In a ranked round, the student s (of lottery rank r) proposes down their list from position `at` (before `end`)
        /// until an opportunity holds them, through pointers (no bounds checks). Whoever that lets go waits for the next
        /// wave, to go on from after the position where they were held. Returns the proposals made.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private unsafe int ProposeRankedFrom(int r, int s, int at, int end, bool inGroup, long* bar, long* groupBar, int* preferences, int* rankAt, int* assignment)
        {
            var proposals = 0;
            var bars = inGroup ? groupBar : bar;
            for (; at < end; at++)
            {
                var o = preferences[at];
                var b = bars[o];
                if (b < 0)
                {
                    continue; // no seats, or the employer marked this student unacceptable: not a proposal
                }

                proposals++;
                var key = ((long)rankAt[at] << 32) | (uint)r;
                if (key >= b)
                {
                    continue;
                }

                assignment[s] = at;
                var letGo = Hold(o, key, inGroup);
                if (letGo >= 0)
                {
                    LetGoToNextWave(letGo, assignment);
                }

                break;
            }

            return proposals;
        }

        /// <summary>
        /// The student an opportunity let go (by key) waits for the next wave of a ranked round, to go on from after the
        /// position where they were held.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private unsafe void LetGoToNextWave(long letGo, int* assignment)
        {
            var r = RankOf(letGo);
            var s = _order[r];
            _nextWave![_waveCount++] = ((long)(assignment[s] + 1) << 32) | (uint)r;
            assignment[s] = -1;
        }

        /// <summary>
        /// Asks the CPU (x86 only) for the preference list of the student <see cref="PrefetchDistance"/> ranks ahead, and
        /// for where the list of the student twice as far ahead starts: in lottery order the lists lie anywhere.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static unsafe void Prefetch(int* order, int* start, int* preferences, int r)
        {
            if (Sse.IsSupported)
            {
                Sse.Prefetch0(start + order[r + 2 * PrefetchDistance]);
                var ahead = order[r + PrefetchDistance];
                Sse.Prefetch0(preferences + start[ahead]);
                Sse.Prefetch0(preferences + start[ahead + 1] - 1);
            }
        }

        /// <summary>
        /// In a lottery round, after the first pass: the student of rank r (whom a reserve let go) proposes down their
        /// list from position `at`, reading the bars, until an opportunity holds them or the list ends; if holding them
        /// made the opportunity let someone go, that student goes on down their own list, and so on.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void ProposeFrom(int r, int at)
        {
            while (true)
            {
                var end = _start[_order[r] + 1];
                var inGroup = _group is not null && _group[_order[r]];
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
                    key = r; // a lottery round: the key is the lottery rank
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
                var letGo = Hold(holder, key, inGroup);
                if (letGo < 0)
                {
                    return;
                }

                r = RankOf(letGo);
                _assignment[_order[r]] = -1;
                at = After(r, holder);
            }
        }

        public void Dispose()
        {
            Return(_preferencesCopy);
            Return(_seats);
            Return(_bar);
            Return(_groupBar);
            Return(_opens);
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
            // A newcomer who is the worst yet of an opportunity with a seat free goes last.
            ref var seats = ref _seats[o];
            var size = seats.Held;
            if (size < seats.Capacity && key > Worst(ref seats))
            {
                _held[seats.Offset + size] = key;
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
            }

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
                SetBars(o, ref seats);
            }

            return letGo;
        }

        /// <summary>The bars of a full opportunity: what a proposer in the reserve group, and anyone else, must beat.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void SetBars(int o, ref Seats seats)
        {
            var worst = Worst(ref seats);
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
                var nonMember = seats.GroupHeld <= seats.Reserve ? WorstNonMember(_held.AsSpan(seats.Offset, seats.Held), seats.Held) : seats.Held - 1;
                _bar[o] = nonMember < 0 ? 0 : _held[seats.Offset + nonMember];
                _groupBar![o] = seats.GroupHeld < seats.Reserve ? long.MaxValue : worst;
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

        private bool InGroup(long key) => _group![_order[RankOf(key)]];

        /// <summary>
        /// The lottery rank of the student a key belongs to. A key is an opportunity's priority over students, lower
        /// better: the employer's rank in its high half (0 at an opportunity that ranks by lottery alone), the student's
        /// lottery rank (unique) in its low half, so the student is recovered from the key without a division.
        /// </summary>
        private static int RankOf(long key) => (int)(uint)key;

        /// <summary>The worst key an opportunity holds (its list is sorted best first), or -1 when it holds nobody.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private long Worst(ref Seats seats) => seats.Held > 0 ? _held[seats.Offset + seats.Held - 1] : -1;
    }

    /// <summary>
    /// An opportunity's seats: where its held keys lie, how many are held, how many are reserved, and how many of those
    /// held are in the reserve group.
    /// </summary>
    private struct Seats
    {
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
    /// The seeded lottery: a uniform random permutation (the inside-out Fisher–Yates shuffle driven by wyrand, with
    /// Lemire's unbiased bounded draw, two draws from each 64-bit output), written as the students in rank order. Its own
    /// generator, so a seed gives the same lottery on every .NET version and machine.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Lottery(int students, int seed, int[] order)
    {
        // Student i goes to a uniform place among the first i + 1, and whoever was there moves up to place i.
        var state = (ulong)(uint)seed * 0x9E3779B97F4A7C15UL ^ 0xD1B54A32D192ED03UL;
        var i = 0;
        for (; i + 1 < students; i += 2)
        {
            var bits = WyRand(ref state);
            var j = Bounded((uint)bits, (uint)(i + 1), ref state);
            order[i] = order[j];
            order[j] = i;
            j = Bounded((uint)(bits >> 32), (uint)(i + 2), ref state);
            order[i + 1] = order[j];
            order[j] = i + 1;
        }

        if (i < students)
        {
            var j = Bounded((uint)WyRand(ref state), (uint)(i + 1), ref state);
            order[i] = order[j];
            order[j] = i;
        }
    }

    /// <summary>wyrand (Wang Yi): a 64-bit generator of one multiplication per output that passes BigCrush and PractRand.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong WyRand(ref ulong state)
    {
        state += 0xA0761D6478BD642FUL;
        var high = Math.BigMul(state, state ^ 0xE7037ED1A0B428DBUL, out var low);
        return high ^ low;
    }

    /// <summary>A uniform integer in [0, bound) from a random 32-bit word, drawing again (rarely) to avoid bias (Lemire 2019).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Bounded(uint word, uint bound, ref ulong state)
    {
        var product = (ulong)word * bound;
        if ((uint)product < bound)
        {
            var threshold = (uint)-bound % bound;
            while ((uint)product < threshold)
            {
                product = (ulong)(uint)WyRand(ref state) * bound;
            }
        }

        return (int)(product >> 32);
    }
}
