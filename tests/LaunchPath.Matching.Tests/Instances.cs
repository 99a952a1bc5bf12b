using LaunchPath.Matching;

namespace LaunchPath.Matching.Tests;

/// <summary>Random match-round instances; the oracle they are checked against is the engine's ReferenceDeferredAcceptance.</summary>
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
}
