using LaunchPath.Matching;

namespace LaunchPath.Matching.Tests;

/// <summary>Properties of the match-round engine, over many generated instances.</summary>
public sealed class DeferredAcceptanceProperties
{
    public static TheoryData<bool, bool, bool> Variants() => new()
    {
        { false, false, false },
        { true, false, false },
        { false, true, false },
        { false, false, true },
        { true, true, true },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Results_are_stable_within_capacity_and_acceptable_to_both_sides(bool rankings, bool unacceptable, bool reserves)
    {
        for (var seed = 0; seed < 300; seed++)
        {
            var input = Instances.Random(seed, students: 3 + seed % 40, opportunities: 1 + seed % 12, maxChoices: 5, rankings, unacceptable, reserves);
            var result = DeferredAcceptance.Run(input, seed);

            for (var o = 0; o < input.OpportunityCount; o++)
            {
                result.Assignment.Count(a => a == o).Should().BeLessThanOrEqualTo(input.Capacities[o], $"seed {seed}: opportunity {o} is over capacity");
            }

            for (var s = 0; s < input.StudentCount; s++)
            {
                if (result.Assignment[s] is var o and >= 0)
                {
                    ReferenceDeferredAcceptance.PreferenceList(input, s).Should().Contain(o, $"seed {seed}: student {s} only gets what she ranked");
                    ReferenceDeferredAcceptance.Acceptable(input, o, s).Should().BeTrue($"seed {seed}: the employer did not mark student {s} unacceptable");
                }
            }

            ReferenceDeferredAcceptance.BlockingPairs(input, DeferredAcceptance.LotteryRanks(input.StudentCount, seed), result.Assignment).Should().BeEmpty($"seed {seed}: the match must be stable");
        }
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void It_gives_what_the_textbook_algorithm_gives_on_larger_instances(bool rankings, bool unacceptable, bool reserves)
    {
        // The student-optimal stable matching is unique, so however the engine orders proposals it must end where the
        // textbook algorithm does. Seats up to 12, so held lists fill, reorder and let students go.
        for (var seed = 0; seed < 120; seed++)
        {
            var input = Instances.Random(5000 + seed, students: 20 + seed * 2, opportunities: 2 + seed % 25, maxChoices: 8, rankings, unacceptable, reserves, maxCapacity: 12);
            var result = DeferredAcceptance.Run(input, seed);

            result.Assignment.Should().Equal(ReferenceDeferredAcceptance.Match(input, DeferredAcceptance.LotteryRanks(input.StudentCount, seed)), $"seed {seed}");
        }
    }

    [Fact]
    public void Running_into_a_reused_array_gives_the_same_result_whatever_the_array_held()
    {
        var input = Instances.Random(21, students: 300, opportunities: 25, maxChoices: 6, rankings: true, unacceptable: true, reserves: true, maxCapacity: 8);
        var expected = DeferredAcceptance.Run(input, 9);
        var reused = Enumerable.Repeat(7, 310).ToArray(); // longer than needed, and full of a real opportunity

        DeferredAcceptance.Run(input, 9, reused).Should().Be(expected.Proposals);
        reused[..300].Should().Equal(expected.Assignment);
        reused[300..].Should().OnlyContain(x => x == 7, "entries past the students are left alone");
        FluentActions.Invoking(() => DeferredAcceptance.Run(input, 9, new int[299])).Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Input_that_would_take_the_engine_outside_its_arrays_is_refused()
    {
        FluentActions.Invoking(() => new MatchInput(2, [1, 1], [0, 1, 2], [0, 2])).Should().Throw<ArgumentException>("opportunity 2 does not exist");
        FluentActions.Invoking(() => new MatchInput(2, [1, 1], [0, 1, 2], [-1, 0])).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => new MatchInput(1, [], [0, 1], [0])).Should().Throw<ArgumentException>("there are no opportunities");
        FluentActions.Invoking(() => new MatchInput(3, [1, 1], [0, 2, 1, 2], [0, 1])).Should().Throw<ArgumentException>("the offsets go back");
        var valid = new MatchInput(2, [1, 1], [0, 1, 2], [0, 1]);
        FluentActions.Invoking(() => DeferredAcceptance.Run(new MatchInput(2, [1, 1], [0, 1, 2], [0, 1]) { InReserveGroup = [true], Reserves = [1, 0] }, 1))
            .Should().Throw<ArgumentException>("the group has one entry for two students");
        FluentActions.Invoking(() => DeferredAcceptance.Run(new MatchInput(2, [1, 1], [0, 1, 2], [0, 1]) { InReserveGroup = [true, false], Reserves = [1] }, 1))
            .Should().Throw<ArgumentException>("the reserves have one entry for two opportunities");
        FluentActions.Invoking(() => DeferredAcceptance.Run(new MatchInput(2, [1, 1], [0, 1, 2], [0, 1]) { Rankings = [null] }, 1))
            .Should().Throw<ArgumentException>("the rankings have one entry for two opportunities");
        DeferredAcceptance.Run(valid, 1).Assignment.Should().Equal(0, 1);
    }

    [Fact]
    public void A_round_with_nobody_or_no_seats_runs_and_places_nobody()
    {
        DeferredAcceptance.Run(new MatchInput(0, [2, 3], [0], []), 1).Assignment.Should().BeEmpty();
        DeferredAcceptance.Run(new MatchInput(2, [], [0, 0, 0], []), 1).Assignment.Should().Equal(-1, -1);

        var noSeats = DeferredAcceptance.Run(new MatchInput(2, [0, 0], [0, 2, 3], [0, 1, 1]) { InReserveGroup = [true, false], Reserves = [1, 0] }, 1);
        noSeats.Assignment.Should().Equal(-1, -1);
        noSeats.Proposals.Should().Be(0, "an opportunity without seats takes no proposals");
    }

    [Fact]
    public void Seats_far_beyond_the_round_cost_no_memory_and_change_nothing()
    {
        // 5,000 students, 2,000 opportunities with a billion seats each: held slots follow who chose what (10,000
        // choices), not the seats offered (which, cut to the students, would still be 10 million slots, 80 MB).
        var start = Enumerable.Range(0, 5001).Select(s => s * 2).ToArray();
        var choices = Enumerable.Range(0, 5000).SelectMany(s => new[] { s % 2000, (s + 7) % 2000 }).ToArray();
        var input = new MatchInput(5000, Enumerable.Repeat(1_000_000_000, 2000).ToArray(), start, choices);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = DeferredAcceptance.Run(input, 4);
        (GC.GetAllocatedBytesForCurrentThread() - before).Should().BeLessThan(4_000_000);
        result.Assignment.Should().Equal(Enumerable.Range(0, 5000).Select(s => s % 2000), "everyone gets their first choice");

        // And the same cut where it matters, on instances checked against the textbook algorithm.
        for (var seed = 0; seed < 40; seed++)
        {
            var random = Instances.Random(7000 + seed, students: 30 + seed, opportunities: 3 + seed % 7, maxChoices: 4, rankings: seed % 2 == 0, unacceptable: false, reserves: true, maxCapacity: 3);
            var huge = new MatchInput(random.StudentCount, random.Capacities.Select(c => c == 0 ? 0 : 2_000_000_000).ToArray(), random.PreferenceStart, random.Preferences)
            {
                Rankings = random.Rankings,
                InReserveGroup = random.InReserveGroup,
                Reserves = random.Reserves,
            };
            DeferredAcceptance.Run(huge, seed).Assignment.Should().Equal(ReferenceDeferredAcceptance.Match(huge, DeferredAcceptance.LotteryRanks(huge.StudentCount, seed)), $"seed {seed}");
        }
    }

    [Fact]
    public void Ranks_given_beside_the_lists_match_the_same_rankings_given_per_opportunity()
    {
        for (var seed = 0; seed < 60; seed++)
        {
            var input = Instances.Random(9000 + seed, students: 40 + seed * 3, opportunities: 3 + seed % 20, maxChoices: 6, rankings: true, unacceptable: seed % 3 == 0, reserves: seed % 2 == 0, maxCapacity: 10);
            // Built the way the API builds it: each rank put where the student chose the opportunity, not looked up.
            var rankAt = new int[input.Preferences.Length];
            for (var s = 0; s < input.StudentCount; s++)
            {
                for (var i = input.PreferenceStart[s]; i < input.PreferenceStart[s + 1]; i++)
                {
                    var ranks = input.Rankings![input.Preferences[i]];
                    rankAt[i] = ranks is not { Count: > 0 } ? 0 : ranks.TryGetValue(s, out var rank) ? rank : MatchInput.Unranked;
                }
            }

            var beside = new MatchInput(input.StudentCount, input.Capacities, input.PreferenceStart, input.Preferences)
            {
                RankAt = rankAt, Unacceptable = input.Unacceptable, InReserveGroup = input.InReserveGroup, Reserves = input.Reserves,
            };
            var (fast, reference) = (DeferredAcceptance.Run(beside, seed), DeferredAcceptance.Run(input, seed));
            fast.Assignment.Should().Equal(ReferenceDeferredAcceptance.Match(input, DeferredAcceptance.LotteryRanks(input.StudentCount, seed)), $"seed {seed}");
            fast.Proposals.Should().Be(reference.Proposals, $"seed {seed}");
        }

        FluentActions.Invoking(() => DeferredAcceptance.Run(new MatchInput(2, [1], [0, 1, 2], [0, 0]) { Rankings = [new Dictionary<int, int> { [0] = -1 }] }, 1))
            .Should().Throw<ArgumentException>().WithMessage("*0 (best) or more*");
        FluentActions.Invoking(() => DeferredAcceptance.Run(new MatchInput(2, [1], [0, 1, 2], [0, 0]) { RankAt = [0] }, 1))
            .Should().Throw<ArgumentException>().WithMessage("*one entry per preference*");
    }

    [Fact]
    public void Rankings_that_rank_nobody_are_the_lottery_alone()
    {
        var input = Instances.Random(31, students: 200, opportunities: 20, maxChoices: 5, rankings: false, unacceptable: false, reserves: true, maxCapacity: 6);
        var empty = new MatchInput(input.StudentCount, input.Capacities, input.PreferenceStart, input.Preferences)
        {
            Rankings = new IReadOnlyDictionary<int, int>?[input.OpportunityCount],
            InReserveGroup = input.InReserveGroup,
            Reserves = input.Reserves,
        };
        var (withEmpty, without) = (DeferredAcceptance.Run(empty, 3), DeferredAcceptance.Run(input, 3));
        withEmpty.Assignment.Should().Equal(without.Assignment);
        withEmpty.Proposals.Should().Be(without.Proposals);
    }

    [Fact]
    public void The_same_seed_gives_the_same_result_and_another_seed_may_not()
    {
        var input = Instances.Random(11, students: 200, opportunities: 30, maxChoices: 6, rankings: true, unacceptable: true, reserves: true);
        DeferredAcceptance.Run(input, 42).Assignment.Should().Equal(DeferredAcceptance.Run(input, 42).Assignment);

        var differs = Enumerable.Range(1, 20).Any(seed => !DeferredAcceptance.Run(input, seed).Assignment.SequenceEqual(DeferredAcceptance.Run(input, 42).Assignment));
        differs.Should().BeTrue("the lottery breaks ties, so another seed changes some outcomes");
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void On_small_instances_it_is_the_student_optimal_stable_matching(bool rankings, bool unacceptable, bool reserves)
    {
        for (var seed = 0; seed < 150; seed++)
        {
            var input = Instances.Random(1000 + seed, students: 1 + seed % 5, opportunities: 1 + seed % 3, maxChoices: 3, rankings, unacceptable, reserves);
            var result = DeferredAcceptance.Run(input, seed);
            var lottery = DeferredAcceptance.LotteryRanks(input.StudentCount, seed);
            var stable = AllMatchings(input).Where(m => ReferenceDeferredAcceptance.BlockingPairs(input, lottery, m).Count == 0).ToList();

            stable.Should().ContainEquivalentOf(result.Assignment, o => o.WithStrictOrdering(), $"seed {seed}: the result is one of the stable matchings");
            foreach (var other in stable)
            {
                for (var s = 0; s < input.StudentCount; s++)
                {
                    Rank(input, s, result.Assignment[s]).Should().BeLessThanOrEqualTo(Rank(input, s, other[s]),
                        $"seed {seed}: no stable matching is better for student {s}");
                }
            }
        }
    }

    [Fact]
    public void The_lottery_is_a_seeded_permutation_that_favours_no_position()
    {
        DeferredAcceptance.LotteryRanks(1000, 7).Order().Should().Equal(Enumerable.Range(0, 1000), "every student gets one distinct rank");
        DeferredAcceptance.LotteryRanks(1000, 7).Should().Equal(DeferredAcceptance.LotteryRanks(1000, 7));
        DeferredAcceptance.LotteryRanks(1000, 8).Should().NotEqual(DeferredAcceptance.LotteryRanks(1000, 7));

        // Over many seeds, student 0 lands in each tenth of the ranks about equally often (expected 400 of 4,000).
        var tenths = new int[10];
        for (var seed = 0; seed < 4000; seed++)
        {
            tenths[DeferredAcceptance.LotteryRanks(50, seed)[0] / 5]++;
        }

        tenths.Should().OnlyContain(count => count > 300 && count < 500, "the draw is unbiased");
    }

    [Fact]
    public void Reserved_seats_go_to_the_group_before_higher_lottery_numbers_and_open_up_when_unused()
    {
        // Two students want the one seat; the seat is reserved for the group; the group member loses the lottery.
        var lottery = DeferredAcceptance.LotteryRanks(2, 5);
        var (lucky, unlucky) = lottery[0] < lottery[1] ? (0, 1) : (1, 0);
        var group = new bool[2];
        group[unlucky] = true;
        var input = new MatchInput(2, [1], [0, 1, 2], [0, 0]) { InReserveGroup = group, Reserves = [1] };
        DeferredAcceptance.Run(input, 5).Assignment[unlucky].Should().Be(0, "the reserved seat goes to the group member");

        var noGroupDemand = new MatchInput(2, [1], [0, 1, 2], [0, 0]) { InReserveGroup = new bool[2], Reserves = [1] };
        DeferredAcceptance.Run(noGroupDemand, 5).Assignment[lucky].Should().Be(0, "an unused reserve is open to everyone (a reserve, not a quota)");
    }

    [Fact]
    public void Employer_rankings_come_before_the_lottery_and_unacceptable_students_are_never_placed()
    {
        var input = new MatchInput(3, [1, 1], [0, 2, 4, 6], [0, 1, 0, 1, 0, 1])
        {
            Rankings = [new Dictionary<int, int> { [2] = 0 }, null],
            Unacceptable = new HashSet<long> { MatchInput.Pair(1, 2) },
        };
        var result = DeferredAcceptance.Run(input, 3);
        result.Assignment[2].Should().Be(0, "the employer ranked student 2 first");
        result.Assignment.Count(a => a == 1).Should().Be(1);
        result.Assignment.Should().Contain(-1);
    }

    private static int Rank(MatchInput input, int student, int opportunity)
    {
        if (opportunity < 0)
        {
            return int.MaxValue;
        }

        var list = ReferenceDeferredAcceptance.PreferenceList(input, student).ToList();
        return list.IndexOf(opportunity);
    }

    /// <summary>Every assignment of students to an acceptable choice (or none) that respects capacities.</summary>
    private static IEnumerable<int[]> AllMatchings(MatchInput input)
    {
        var options = Enumerable.Range(0, input.StudentCount)
            .Select(s => ReferenceDeferredAcceptance.PreferenceList(input, s).Where(o => ReferenceDeferredAcceptance.Acceptable(input, o, s)).Append(-1).ToArray()).ToArray();
        var current = new int[input.StudentCount];

        IEnumerable<int[]> Walk(int s)
        {
            if (s == input.StudentCount)
            {
                yield return (int[])current.Clone();
                yield break;
            }

            foreach (var o in options[s])
            {
                if (o >= 0 && current.Take(s).Count(x => x == o) >= input.Capacities[o])
                {
                    continue;
                }

                current[s] = o;
                foreach (var m in Walk(s + 1))
                {
                    yield return m;
                }
            }
        }

        return Walk(0);
    }
}
