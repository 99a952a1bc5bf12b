namespace LaunchPath.Matching;

/// <summary>
/// Student-proposing deferred acceptance (Gale and Shapley, 1962) with seat capacities, written the way the textbook
/// writes it. This is the specification of a match round: <see cref="DeferredAcceptance"/> computes the same
/// assignment fast, and the property tests check that it does on thousands of random instances.
/// <para>The rules an opportunity chooses by:</para>
/// <list type="number">
/// <item>A student it marked unacceptable, or any student when it has no seats, is never chosen.</item>
/// <item>Priority: students the employer ranked come before unranked ones, in the employer's order; ties, and all
/// students where the employer ranked none, are broken by one seeded lottery shared by every opportunity.</item>
/// <item>Minority reserves (Hafalir, Yenmez and Yildirim, 2013): the reserved seats go first to the best applicants of
/// the equity group; the remaining seats then go to the best of everyone left, group or not. Reserved seats the group
/// does not claim are open to all.</item>
/// </list>
/// <para>The algorithm:</para>
/// <list type="number">
/// <item>Every student starts free and unassigned, at the top of their preference list.</item>
/// <item>While some free student has an opportunity left on their list, they propose to the next one.</item>
/// <item>The opportunity considers the students it tentatively holds plus the proposer, keeps the ones the rules above
/// choose (up to its seats), and lets the others go; those become free again and go on down their own lists.</item>
/// <item>When no free student has anything left to propose to, the tentative assignments are final.</item>
/// </list>
/// <para>The result is stable (no student and opportunity would both rather have each other) and, among stable
/// assignments, the best for every student; the order in which free students propose does not change it.</para>
/// </summary>
public static class ReferenceDeferredAcceptance
{
    /// <summary>
    /// Runs the round. <paramref name="lottery"/> gives each student's lottery position (0 = luckiest), as
    /// <see cref="DeferredAcceptance.LotteryRanks"/> draws it for a seed. Returns each student's opportunity, or -1.
    /// </summary>
    public static int[] Match(MatchInput input, int[] lottery)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(lottery);
        var assignment = Enumerable.Repeat(-1, input.StudentCount).ToArray();
        var nextOnList = new int[input.StudentCount];
        var held = Enumerable.Range(0, input.OpportunityCount).Select(_ => new List<int>()).ToArray();
        var free = new Queue<int>(Enumerable.Range(0, input.StudentCount));
        while (free.TryDequeue(out var student))
        {
            var list = PreferenceList(input, student).ToArray();
            while (nextOnList[student] < list.Length)
            {
                var opportunity = list[nextOnList[student]++];
                var kept = Choose(input, lottery, opportunity, held[opportunity].Append(student));
                if (!kept.Contains(student))
                {
                    continue; // refused: propose to the next one on the list
                }

                foreach (var letGo in held[opportunity].Where(s => !kept.Contains(s)))
                {
                    assignment[letGo] = -1;
                    free.Enqueue(letGo);
                }

                held[opportunity] = kept.ToList();
                assignment[student] = opportunity;
                break;
            }
        }

        return assignment;
    }

    /// <summary>The student's preference list, best first.</summary>
    public static IEnumerable<int> PreferenceList(MatchInput input, int student) =>
        input.Preferences[input.PreferenceStart[student]..input.PreferenceStart[student + 1]];

    /// <summary>Rule 1: whether the opportunity can take the student at all.</summary>
    public static bool Acceptable(MatchInput input, int opportunity, int student) =>
        input.Capacities[opportunity] > 0 && !(input.Unacceptable?.Contains(MatchInput.Pair(opportunity, student)) ?? false);

    /// <summary>Rule 2: the opportunity's priority for a student (smaller is better): ranked before unranked, then lottery.</summary>
    public static (int Ranked, int Rank, int Lottery) Priority(MatchInput input, int[] lottery, int opportunity, int student)
    {
        if (input.Rankings?[opportunity] is { } ranks)
        {
            return ranks.TryGetValue(student, out var rank) ? (0, rank, lottery[student]) : (1, 0, lottery[student]);
        }

        return (0, 0, lottery[student]);
    }

    /// <summary>Rule 3: which of <paramref name="applicants"/> the opportunity keeps: reserved seats first, then the best of the rest.</summary>
    public static HashSet<int> Choose(MatchInput input, int[] lottery, int opportunity, IEnumerable<int> applicants)
    {
        var best = applicants.Where(s => Acceptable(input, opportunity, s)).OrderBy(s => Priority(input, lottery, opportunity, s)).ToList();
        var reserved = input.Reserves?[opportunity] ?? 0;
        var chosen = best.Where(s => input.InReserveGroup?[s] ?? false).Take(reserved).ToHashSet();
        foreach (var s in best)
        {
            if (chosen.Count >= input.Capacities[opportunity])
            {
                break;
            }

            chosen.Add(s);
        }

        return chosen;
    }

    /// <summary>Pairs (student, opportunity) that block an assignment: the student prefers o, and o would choose her.</summary>
    public static List<(int Student, int Opportunity)> BlockingPairs(MatchInput input, int[] lottery, int[] assignment)
    {
        var holders = Enumerable.Range(0, input.OpportunityCount).Select(o => Enumerable.Range(0, input.StudentCount).Where(s => assignment[s] == o).ToList()).ToArray();
        var blocking = new List<(int, int)>();
        for (var s = 0; s < input.StudentCount; s++)
        {
            foreach (var o in PreferenceList(input, s))
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
