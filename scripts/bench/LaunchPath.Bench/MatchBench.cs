using System.Diagnostics;
using LaunchPath.Matching;

/// <summary>
/// A match round at regional scale: N students × M opportunities × K choices, popularity skewed so that seats are
/// contested, 20% of students in a reserve group and reserves on 10% of opportunities. Each of 41 runs (after warm-ups)
/// times the round twice, once as the API calls it (allocating its result) and once into a result array reused from
/// the run before, and a baseline pass that reads every preference list once (counting demand), back to back with
/// different seeds. Targets: ≤ 0.3 s, and within 3× of the baseline. The 3× target is judged by the median of the
/// per-run ratios: a round and the baseline timed back to back see the same machine, so the ratio does not drift with
/// it the way separate figures do. The ratio of minimums is printed too; the baseline is short, and its fastest run
/// (a cache left just right) can be up to ≈ 20% under its typical one, while the round's is within a few percent.
/// With "ranked", the employers of a third of the opportunities also rank every applicant (in random order), so keys
/// differ per opportunity and every proposal takes the general path.
/// </summary>
internal static class MatchBench
{
    public static void Run(int students, int opportunities, int choices, bool ranked)
    {
        var input = Generate(students, opportunities, choices, seed: 1);
        if (ranked)
        {
            RankedVersusLottery(input, WithRankings(input, seed: 2));
            return;
        }

        Console.WriteLine($"match: {students:N0} students × {opportunities:N0} opportunities × {choices} choices, {input.Capacities.Sum():N0} seats" +
                          (ranked ? ", a third of the opportunities ranking their applicants" : ""));

        var reused = new int[students];
        for (var warmUp = 0; warmUp < 3; warmUp++)
        {
            DeferredAcceptance.Run(input, warmUp);
            DeferredAcceptance.Run(input, warmUp, reused);
            Baseline(input);
        }

        var fresh = new List<double>();
        var algorithm = new List<double>();
        var baseline = new List<double>();
        MatchResult? result = null;
        for (var run = 0; run < 41; run++)
        {
            var watch = Stopwatch.StartNew();
            result = DeferredAcceptance.Run(input, run);
            fresh.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            DeferredAcceptance.Run(input, run, reused);
            algorithm.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            var demand = Baseline(input);
            baseline.Add(watch.Elapsed.TotalMilliseconds);
            GC.KeepAlive(demand);
        }

        if (!reused.SequenceEqual(result!.Assignment))
        {
            throw new InvalidOperationException("The two ways of running the round disagree.");
        }

        var matched = result.Assignment.Count(a => a >= 0);
        var first = Enumerable.Range(0, students).Count(s => result.ChoiceRank(input, s) == 0);
        Console.WriteLine($"deferred acceptance as the API runs it: median {Median(fresh):0.0} ms (min {fresh.Min():0.0}, max {fresh.Max():0.0}), " +
                          $"{result.Proposals:N0} proposals, {matched:N0} matched, {first:N0} first choices [target ≤ 300 ms: {(Median(fresh) <= 300 ? "met" : "NOT met")}]");
        Console.WriteLine($"the same into a reused result array: median {Median(algorithm):0.0} ms (min {algorithm.Min():0.0}, max {algorithm.Max():0.0})");
        Console.WriteLine($"baseline single pass over all preference lists: median {Median(baseline):0.00} ms (min {baseline.Min():0.00})");
        // The 3× target is for the round as the issue sets it; with employers ranking, heterogeneous priorities make
        // newcomers displace others, which no single pass does, so that variant reports its ratio without a target.
        Ratio("round into a reused array", algorithm, baseline, target: !ranked);
        Ratio("round allocating its result", fresh, baseline, target: !ranked);
    }

    /// <summary>
    /// Ranked rounds: the same round with a third of the employers ranking every applicant, against the lottery round,
    /// back to back in each of 41 runs. The rankings come as the API gives them (<see cref="MatchInput.RankAt"/>, beside
    /// the preference lists); the dictionary form, which the engine turns into that first, is timed too. Target: the
    /// ranked round within 3× of the lottery round (median of per-run ratios).
    /// </summary>
    private static void RankedVersusLottery(MatchInput lottery, MatchInput rankedDictionaries)
    {
        var ranked = new MatchInput(lottery.StudentCount, lottery.Capacities, lottery.PreferenceStart, lottery.Preferences)
        {
            RankAt = rankedDictionaries.RankAtFromRankings(),
            InReserveGroup = lottery.InReserveGroup,
            Reserves = lottery.Reserves,
        };
        Console.WriteLine($"match, ranked: {lottery.StudentCount:N0} students × {lottery.OpportunityCount:N0} opportunities, {lottery.Capacities.Sum():N0} seats, " +
                          $"a third of the opportunities ranking their applicants ({rankedDictionaries.Rankings!.Sum(r => r?.Count ?? 0):N0} ranks)");
        for (var warmUp = 0; warmUp < 3; warmUp++)
        {
            DeferredAcceptance.Run(lottery, warmUp);
            DeferredAcceptance.Run(ranked, warmUp);
            DeferredAcceptance.Run(rankedDictionaries, warmUp);
        }

        var (lotteryTimes, rankedTimes, dictionaryTimes) = (new List<double>(), new List<double>(), new List<double>());
        MatchResult? result = null, fromDictionaries = null;
        for (var run = 0; run < 41; run++)
        {
            var watch = Stopwatch.StartNew();
            DeferredAcceptance.Run(lottery, run);
            lotteryTimes.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            result = DeferredAcceptance.Run(ranked, run);
            rankedTimes.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            fromDictionaries = DeferredAcceptance.Run(rankedDictionaries, run);
            dictionaryTimes.Add(watch.Elapsed.TotalMilliseconds);
        }

        if (!result!.Assignment.SequenceEqual(fromDictionaries!.Assignment))
        {
            throw new InvalidOperationException("The two forms of the rankings disagree.");
        }

        var paired = Median(rankedTimes.Select((t, run) => t / lotteryTimes[run]).ToList());
        Console.WriteLine($"lottery round: median {Median(lotteryTimes):0.0} ms (min {lotteryTimes.Min():0.0})");
        Console.WriteLine($"ranked round: median {Median(rankedTimes):0.0} ms (min {rankedTimes.Min():0.0}), {result.Proposals:N0} proposals, " +
                          $"{result.Assignment.Count(a => a >= 0):N0} matched; vs lottery: median of per-run ratios {paired:0.00}× [target ≤ 3×: {(paired <= 3 ? "met" : "NOT met")}]");
        Console.WriteLine($"ranked round from rankings as dictionaries (turned into ranks beside the lists first): median {Median(dictionaryTimes):0.0} ms " +
                          $"({Median(dictionaryTimes.Select((t, run) => t / lotteryTimes[run]).ToList()):0.00}× the lottery round)");
    }

    private static void Ratio(string what, List<double> times, List<double> baseline, bool target)
    {
        var paired = Median(times.Select((t, run) => t / baseline[run]).ToList());
        var verdict = target ? $" [target ≤ 3×: {(paired <= 3 ? "met" : "NOT met")}]" : "";
        Console.WriteLine($"  {what} vs baseline: median of per-run ratios {paired:0.00}×{verdict}, " +
                          $"ratio of medians {Median(times) / Median(baseline):0.00}×, of minimums {times.Min() / baseline.Min():0.00}×");
    }

    /// <summary>Reads every preference list once and counts demand per opportunity.</summary>
    private static int[] Baseline(MatchInput input)
    {
        var demand = new int[input.OpportunityCount];
        for (var s = 0; s < input.StudentCount; s++)
        {
            for (var i = input.PreferenceStart[s]; i < input.PreferenceStart[s + 1]; i++)
            {
                demand[input.Preferences[i]]++;
            }
        }

        return demand;
    }

    private static MatchInput Generate(int students, int opportunities, int choices, int seed)
    {
        var random = new Random(seed);
        // Popularity: a few opportunities are wanted by many (power-law weights).
        var weights = Enumerable.Range(0, opportunities).Select(o => 1.0 / Math.Pow(o + 1, 0.6)).ToArray();
        var cumulative = new double[opportunities];
        var total = 0.0;
        for (var o = 0; o < opportunities; o++)
        {
            total += weights[o];
            cumulative[o] = total;
        }

        var capacities = Enumerable.Range(0, opportunities).Select(_ => 1 + random.Next(18)).ToArray();
        var start = new int[students + 1];
        var prefs = new int[students * choices];
        var chosen = new HashSet<int>();
        var n = 0;
        for (var s = 0; s < students; s++)
        {
            chosen.Clear();
            while (chosen.Count < choices)
            {
                var x = random.NextDouble() * total;
                var o = Array.BinarySearch(cumulative, x);
                chosen.Add(o < 0 ? Math.Min(~o, opportunities - 1) : o);
            }

            foreach (var o in chosen)
            {
                prefs[n++] = o;
            }

            start[s + 1] = n;
        }

        return new MatchInput(students, capacities, start, prefs)
        {
            InReserveGroup = Enumerable.Range(0, students).Select(_ => random.NextDouble() < 0.2).ToArray(),
            Reserves = capacities.Select(c => random.NextDouble() < 0.1 ? Math.Max(1, c / 4) : 0).ToArray(),
        };
    }

    private static MatchInput WithRankings(MatchInput input, int seed)
    {
        var random = new Random(seed);
        var applicants = new List<int>?[input.OpportunityCount];
        for (var s = 0; s < input.StudentCount; s++)
        {
            for (var i = input.PreferenceStart[s]; i < input.PreferenceStart[s + 1]; i++)
            {
                var o = input.Preferences[i];
                if (o % 3 == 0)
                {
                    (applicants[o] ??= []).Add(s);
                }
            }
        }

        var rankings = applicants.Select(list => list is null
            ? null
            : (IReadOnlyDictionary<int, int>)list.OrderBy(_ => random.Next()).Select((student, rank) => (student, rank)).ToDictionary(x => x.student, x => x.rank)).ToArray();
        return new MatchInput(input.StudentCount, input.Capacities, input.PreferenceStart, input.Preferences)
        {
            InReserveGroup = input.InReserveGroup,
            Reserves = input.Reserves,
            Rankings = rankings,
        };
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
