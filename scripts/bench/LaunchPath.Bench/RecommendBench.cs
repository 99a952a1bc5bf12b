using System.Diagnostics;
using LaunchPath.Matching;
using LaunchPath.Contracts.Common;
using LaunchPath.Contracts.Matching;
using LaunchPath.Contracts.Opportunities;
using LaunchPath.Contracts.People;

/// <summary>Recommendations for one student over M opportunities (top 20 with reasons), timed for many students. Target: p95 ≤ 10 ms at 10k.</summary>
internal static class RecommendBench
{
    public static void Run(int opportunities, int students)
    {
        var random = new Random(3);
        var clusters = Enumerable.Range(0, 14).Cast<CareerCluster>().ToArray();
        var stages = Enum.GetValues<ContinuumStage>();
        var days = new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday };
        var facts = Enumerable.Range(0, opportunities).Select(_ => new OpportunityFacts
        {
            Stage = stages[random.Next(stages.Length)],
            Cluster = clusters[random.Next(clusters.Length)],
            MinGrade = 6 + random.Next(6),
            MinAge = random.Next(4) == 0 ? 16 : null,
            Hazardous = random.Next(50) == 0,
            Prerequisite = random.Next(5) == 0 ? ContinuumStage.Exploration : null,
            Modality = random.Next(8) == 0 ? Modality.Virtual : Modality.InPerson,
            Location = new GeoPoint { Latitude = 37.5 + random.NextDouble() * 0.5, Longitude = -122.3 + random.NextDouble() * 0.5 },
            Schedule = WeekMask.From([new WeeklySlot { Day = days[random.Next(5)], Start = "15:30", End = "17:30" }]),
            Compensation = (Compensation)random.Next(3),
            CreditOffered = random.Next(2) == 0,
            Seats = 10,
            SeatsLeft = random.Next(11),
            Pathway = random.Next(3) == 0 ? "Health Science and Medical Technology" : null,
        }).ToList();
        var today = new DateOnly(2027, 1, 15);
        // Built once per list, as the API builds it once per region snapshot.
        var building = Stopwatch.StartNew();
        var index = RecommendationIndex.Of(facts);
        Console.WriteLine($"index of {opportunities:N0} opportunities built in {building.Elapsed.TotalMilliseconds:0.0} ms");
        var timings = new List<double>(students);
        var returned = 0;
        var people = Enumerable.Range(0, students).Select(_ => new StudentFacts
        {
            Grade = 9 + random.Next(4),
            Age = 14 + random.Next(4),
            Interests = clusters.OrderBy(_ => random.Next()).Take(1 + random.Next(3)).ToHashSet(),
            Completed = new Dictionary<CareerCluster, ContinuumStage> { [clusters[random.Next(14)]] = ContinuumStage.Exploration },
            Availability = WeekMask.From(days.Where(_ => random.Next(2) == 0).Select(d => new WeeklySlot { Day = d, Start = "15:00", End = "18:00" })),
            Home = new GeoPoint { Latitude = 37.5 + random.NextDouble() * 0.5, Longitude = -122.3 + random.NextDouble() * 0.5 },
            Transportation = (TransportationMode)random.Next(6),
            MaxTravelMinutes = 30 + 5 * random.Next(6),
            PrefersPaid = random.Next(2) == 0,
            WantsCredit = random.Next(2) == 0,
        }).ToList();

        // Warm up for a second and a half, as a running API is: the runtime has then replaced its first, unoptimized
        // code (after 30 calls and a pause), which a few hundred calls in a fresh process mostly still run.
        var warming = Stopwatch.StartNew();
        for (var i = 0; warming.Elapsed < TimeSpan.FromSeconds(1.5); i++)
        {
            Recommender.Rank(people[i % people.Count], index, include: null, new MatchingWeights(), today, 20);
        }

        foreach (var student in people)
        {
            var watch = Stopwatch.StartNew();
            var ranked = Recommender.Rank(student, index, include: null, new MatchingWeights(), today, 20);
            watch.Stop();
            timings.Add(watch.Elapsed.TotalMilliseconds);
            returned += ranked.Count;
        }

        timings.Sort();
        double P(double q) => timings[Math.Min(timings.Count - 1, (int)(q * timings.Count))];
        Console.WriteLine($"recommend: {opportunities:N0} opportunities, {students} students, top 20 with reasons (avg {returned / (double)students:0.0} returned)");
        Console.WriteLine($"per student: p50 {P(0.5):0.00} ms, p95 {P(0.95):0.00} ms, max {timings[^1]:0.00} ms [target p95 ≤ 10 ms: {(P(0.95) <= 10 ? "met" : "NOT met")}]; " +
                          $"peak RSS {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024):N0} MiB");
    }
}
