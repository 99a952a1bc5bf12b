using LaunchPath.Api.Matching;

namespace LaunchPath.Matching.Tests;

/// <summary>Random match-round instances, and a slow, obviously-correct reading of the rules to check the engine against.</summary>
public static class Instances
{
    public static MatchInput Random(int seed, int students, int opportunities, int maxChoices, bool rankings, bool unacceptable, bool reserves, int maxCapacity = 3)
    {
        var random = new Random(seed);
        var capacities = Enumerable.Range(0, opportunities).Select(_ => random.Next(0, maxCapacity + 1)).ToArray();
        var start = new int[students + 1];
        var prefs = new List<int>();
        for (var s = 0; s < students; s++)
        {
            var length = random.Next(0, Math.Min(maxChoices, opportunities) + 1);
            prefs.AddRange(Enumerable.Range(0, opportunities).OrderBy(_ => random.Next()).Take(length));
            start[s + 1] = prefs.Count;
        }

        IReadOnlyDictionary<int, int>?[]? ranks = null;
        if (rankings)
        {
            ranks = new IReadOnlyDictionary<int, int>?[opportunities];
            for (var o = 0; o < opportunities; o++)
            {
                if (random.Next(2) == 0)
                {
                    ranks[o] = Enumerable.Range(0, students).Where(_ => random.Next(2) == 0).OrderBy(_ => random.Next())
                        .Select((student, rank) => (student, rank)).ToDictionary(x => x.student, x => x.rank);
                }
            }
        }

        HashSet<long>? bad = null;
        if (unacceptable)
        {
            bad = [];
            for (var s = 0; s < students; s++)
            {
                for (var o = 0; o < opportunities; o++)
                {
                    if (random.Next(6) == 0)
                    {
                        bad.Add(MatchInput.Pair(o, s));
                    }
                }
            }
        }

        return new MatchInput(students, capacities, start, prefs.ToArray())
        {
            Rankings = ranks,
            Unacceptable = bad,
            InReserveGroup = reserves ? Enumerable.Range(0, students).Select(_ => random.Next(3) == 0).ToArray() : null,
            Reserves = reserves ? capacities.Select(c => random.Next(0, c + 1)).ToArray() : null,
        };
    }

    public static IEnumerable<int> List(MatchInput input, int student) =>
        input.Preferences[input.PreferenceStart[student]..input.PreferenceStart[student + 1]];

    public static bool Acceptable(MatchInput input, int opportunity, int student) =>
        input.Capacities[opportunity] > 0 && !(input.Unacceptable?.Contains(MatchInput.Pair(opportunity, student)) ?? false);

    /// <summary>The opportunity's priority, written out from the rules: ranked before unranked, then lottery.</summary>
    public static (int Ranked, int Rank, int Lottery) Priority(MatchInput input, int[] lottery, int opportunity, int student)
    {
        if (input.Rankings?[opportunity] is { } ranks)
        {
            return ranks.TryGetValue(student, out var rank) ? (0, rank, lottery[student]) : (1, 0, lottery[student]);
        }

        return (0, 0, lottery[student]);
    }

    /// <summary>The choice rule, written out: reserved seats to the best group members, then the best of the rest.</summary>
    public static HashSet<int> Choose(MatchInput input, int[] lottery, int opportunity, IEnumerable<int> applicants)
    {
        var sorted = applicants.Where(s => Acceptable(input, opportunity, s)).OrderBy(s => Priority(input, lottery, opportunity, s)).ToList();
        var reserve = input.Reserves?[opportunity] ?? 0;
        var chosen = sorted.Where(s => input.InReserveGroup?[s] ?? false).Take(reserve).ToHashSet();
        foreach (var s in sorted)
        {
            if (chosen.Count >= input.Capacities[opportunity])
            {
                break;
            }

            chosen.Add(s);
        }

        return chosen;
    }

    /// <summary>
    /// Deferred acceptance as the textbook gives it: a queue of free students, each proposing down their list, and each
    /// opportunity choosing from those it holds plus the proposer by <see cref="Choose"/>. Slow and plain, to check the
    /// engine's result against on instances too large to brute-force.
    /// </summary>
    public static int[] TextbookDeferredAcceptance(MatchInput input, int[] lottery)
    {
        var assignment = Enumerable.Repeat(-1, input.StudentCount).ToArray();
        var next = new int[input.StudentCount];
        var holders = Enumerable.Range(0, input.OpportunityCount).Select(_ => new List<int>()).ToArray();
        var free = new Queue<int>(Enumerable.Range(0, input.StudentCount));
        while (free.TryDequeue(out var s))
        {
            var list = List(input, s).ToArray();
            while (next[s] < list.Length)
            {
                var o = list[next[s]++];
                var chosen = Choose(input, lottery, o, holders[o].Append(s));
                if (!chosen.Contains(s))
                {
                    continue;
                }

                foreach (var letGo in holders[o].Where(h => !chosen.Contains(h)))
                {
                    assignment[letGo] = -1;
                    free.Enqueue(letGo);
                }

                holders[o] = chosen.ToList();
                assignment[s] = o;
                break;
            }
        }

        return assignment;
    }

    /// <summary>Pairs (student, opportunity) that block the assignment: the student prefers o, and o would choose her.</summary>
    public static List<(int Student, int Opportunity)> BlockingPairs(MatchInput input, int[] lottery, int[] assignment)
    {
        var holders = Enumerable.Range(0, input.OpportunityCount).Select(o => Enumerable.Range(0, input.StudentCount).Where(s => assignment[s] == o).ToList()).ToArray();
        var blocking = new List<(int, int)>();
        for (var s = 0; s < input.StudentCount; s++)
        {
            foreach (var o in List(input, s))
            {
                if (o == assignment[s])
                {
                    break; // only opportunities she ranks above her own
                }

                if (Acceptable(input, o, s) && Choose(input, lottery, o, holders[o].Append(s)).Contains(s))
                {
                    blocking.Add((s, o));
                }
            }
        }

        return blocking;
    }
}
