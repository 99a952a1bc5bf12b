using System.Text.Json;
using System.Numerics;
using LaunchPath.Contracts.Common;
using LaunchPath.Contracts.Matching;
using LaunchPath.Contracts.Opportunities;
using LaunchPath.Contracts.People;

namespace LaunchPath.Matching;

public enum ReasonCode
{
    InterestMatch,
    NoInterestMatch,
    PathwayAligned,
    NextStepOnContinuum,
    ExploreFirst,
    ScheduleFits,
    ScheduleConflicts,
    TravelFits,
    TravelLong,
    Virtual,
    PaidAsPreferred,
    CreditAsPreferred,
    SeatsAvailable,
    FewSeatsLeft,
    // Why an opportunity is not eligible (never recommended):
    BelowMinimumGrade,
    BelowMinimumAge,
    HazardousUnder18,
    PrerequisiteMissing,
    NoSeatsLeft,
    Ended,
    OutOfReach,
}

/// <summary>
/// One reason, with its words in English and the numbers in them, so that a reader in another language can say it:
/// <paramref name="Value"/> (a grade, an age, minutes away, a share in percent, seats left) and <paramref name="Limit"/>
/// (the most minutes, the seats), and <paramref name="Term"/> for a variant of the words (paid or stipend, a stage,
/// gradeUnknown, buildsOnExploration).
/// </summary>
public readonly record struct Reason(ReasonCode Code, double Weight, string Detail, int? Value = null, int? Limit = null, string? Term = null);

/// <summary>What the engine knows about a student.</summary>
public sealed class StudentFacts
{
    /// <summary>Null when the grade is unknown: eligible only for opportunities without a grade rule.</summary>
    public required int? Grade { get; init; }
    public int? Age { get; init; }
    public IReadOnlySet<CareerCluster> Interests { get; init; } = new HashSet<CareerCluster>();
    public string? Pathway { get; init; }
    /// <summary>The furthest continuum stage the student has completed, per career cluster.</summary>
    public IReadOnlyDictionary<CareerCluster, ContinuumStage> Completed { get; init; } = new Dictionary<CareerCluster, ContinuumStage>();
    public WeekMask Availability { get; init; }
    public GeoPoint? Home { get; init; }
    public TransportationMode? Transportation { get; init; }
    public int? MaxTravelMinutes { get; init; }
    public bool PrefersPaid { get; init; }
    public bool WantsCredit { get; init; }
}

/// <summary>What the engine knows about an opportunity.</summary>
public sealed record OpportunityFacts
{
    public required ContinuumStage Stage { get; init; }
    public required CareerCluster Cluster { get; init; }
    public string? Pathway { get; init; }
    public int? MinGrade { get; init; }
    public int? MinAge { get; init; }
    public ContinuumStage? Prerequisite { get; init; }
    public bool Hazardous { get; init; }
    public Modality Modality { get; init; }
    public GeoPoint? Location { get; init; }
    public WeekMask Schedule { get; init; }
    public Compensation Compensation { get; init; }
    public bool CreditOffered { get; init; }
    public int SeatsLeft { get; init; }
    public int Seats { get; init; }
    public DateOnly? EndDate { get; init; }
}

/// <summary>A week in 15-minute slots as 7 × 96 bits, so overlaps are a few popcounts.</summary>
public readonly record struct WeekMask(UInt128 Sun, UInt128 Mon, UInt128 Tue, UInt128 Wed, UInt128 Thu, UInt128 Fri, UInt128 Sat)
{
    public bool IsEmpty => (Sun | Mon | Tue | Wed | Thu | Fri | Sat) == UInt128.Zero;

    public int Quarters => Count(Sun) + Count(Mon) + Count(Tue) + Count(Wed) + Count(Thu) + Count(Fri) + Count(Sat);

    public int Overlap(WeekMask other) =>
        Count(Sun & other.Sun) + Count(Mon & other.Mon) + Count(Tue & other.Tue) + Count(Wed & other.Wed) + Count(Thu & other.Thu)
        + Count(Fri & other.Fri) + Count(Sat & other.Sat);

    public static WeekMask From(IEnumerable<WeeklySlot> slots)
    {
        var days = new UInt128[7];
        foreach (var slot in slots)
        {
            if (!TimeOnly.TryParse(slot.Start, System.Globalization.CultureInfo.InvariantCulture, out var start)
                || !TimeOnly.TryParse(slot.End, System.Globalization.CultureInfo.InvariantCulture, out var end))
            {
                continue;
            }

            for (var q = (start.Hour * 60 + start.Minute) / 15; q < Math.Min(96, (end.Hour * 60 + end.Minute + 14) / 15); q++)
            {
                days[(int)slot.Day] |= UInt128.One << q;
            }
        }

        return new WeekMask(days[0], days[1], days[2], days[3], days[4], days[5], days[6]);
    }

    private static int Count(UInt128 bits) => (int)UInt128.PopCount(bits);
}

public readonly record struct Recommendation(int Index, double Score, IReadOnlyList<Reason> Reasons);

/// <summary>
/// Ranks opportunities for a student (or students for an opportunity) and says why. Ineligible opportunities (grade,
/// age, hazardous work under 18, missing prerequisite stage, no seats, ended, out of travel reach) are never
/// recommended. Pure computation over facts the caller loads.
/// </summary>
public static class Recommender
{
    /// <summary>Default longest one-way trip when the student has not said.</summary>
    public const int DefaultMaxTravelMinutes = 45;

    /// <summary>The best <paramref name="limit"/> opportunities for the student, best first (ties in input order), each explained; every one scored.</summary>
    public static List<Recommendation> Rank(StudentFacts student, IReadOnlyList<OpportunityFacts> opportunities, MatchingWeights weights, DateOnly today, int limit) =>
        Rank(student, opportunities, index: null, include: null, weights, today, limit);

    /// <summary>
    /// The same answer over the opportunities the index was built over (<see cref="RecommendationIndex.Opportunities"/>);
    /// <paramref name="include"/> (when given) says which of them the student may see at all. Opportunities are scored
    /// by groups, the group whose best possible score is highest first, until the worst of those kept beats every group
    /// still to come: a student's interests and home set most of the score, so most of a region's opportunities are
    /// never looked at, and the answer is exactly what scoring every one of them gives.
    /// </summary>
    public static List<Recommendation> Rank(StudentFacts student, RecommendationIndex index, Func<int, bool>? include, MatchingWeights weights, DateOnly today, int limit) =>
        Rank(student, index.Opportunities, index, include, weights, today, limit);

    private static List<Recommendation> Rank(StudentFacts student, IReadOnlyList<OpportunityFacts> opportunities, RecommendationIndex? index, Func<int, bool>? include,
        MatchingWeights weights, DateOnly today, int limit)
    {
        // The worst kept is the heap's first: the lowest score, and of equal scores the later index.
        var top = new PriorityQueue<int, (double Score, int Index)>(limit + 1, Comparer<(double Score, int Index)>.Create((a, b) =>
            a.Score != b.Score ? a.Score.CompareTo(b.Score) : b.Index.CompareTo(a.Index)));
        var homeCosine = HomeCosine(student);
        // Opportunity i, read from `facts` (the index keeps a copy of each group's facts side by side in memory, so
        // scoring a group reads one stretch of memory instead of objects all over the heap).
        void Consider(int i, OpportunityFacts facts)
        {
            if (include is not null && !include(i))
            {
                return;
            }

            var minutes = TravelMinutes(student, facts, homeCosine);
            if (Ineligible(student, facts, today, minutes) is not null)
            {
                return;
            }

            var score = Score(student, facts, weights, reasons: null, minutes);
            if (top.Count == limit && top.TryPeek(out _, out var worst) && (score < worst.Score || (score == worst.Score && i > worst.Index)))
            {
                return; // what the heap would drop at once
            }

            top.Enqueue(i, (score, i));
            if (top.Count > limit)
            {
                top.Dequeue();
            }
        }

        if (limit <= 0)
        {
            return [];
        }

        if (index?.GroupsByBound(student, weights) is var (groups, bounds, count))
        {
            for (var k = 0; k < count; k++)
            {
                if (top.Count == limit && top.TryPeek(out _, out var worst) && worst.Score > bounds[k] + RecommendationIndex.Slack)
                {
                    break;
                }

                var (from, to) = index.Members(groups[k]);
                for (var m = from; m < to; m++)
                {
                    Consider(index.Opportunity(m), index.Facts(m));
                }
            }
        }
        else
        {
            for (var i = 0; i < opportunities.Count; i++)
            {
                Consider(i, opportunities[i]);
            }
        }

        var results = new List<Recommendation>(top.Count);
        while (top.TryDequeue(out var i, out var key))
        {
            var reasons = new List<Reason>(8);
            Score(student, opportunities[i], weights, reasons);
            results.Add(new Recommendation(i, key.Score, reasons));
        }

        results.Reverse();
        return results;
    }

    public static bool Eligible(StudentFacts student, OpportunityFacts opportunity, DateOnly today) =>
        Ineligible(student, opportunity, today, TravelMinutes(student, opportunity)) is null;

    /// <summary>The first rule that makes the opportunity ineligible for the student, or null.</summary>
    public static Reason? WhyIneligible(StudentFacts student, OpportunityFacts o, DateOnly today)
    {
        var minutes = TravelMinutes(student, o);
        return Ineligible(student, o, today, minutes) switch
        {
            null => null,
            ReasonCode.BelowMinimumGrade => new Reason(ReasonCode.BelowMinimumGrade, 0,
                student.Grade is null ? $"For grade {o.MinGrade} and up; the student's grade is unknown." : $"For grade {o.MinGrade} and up.", o.MinGrade,
                Term: student.Grade is null ? "gradeUnknown" : null),
            ReasonCode.HazardousUnder18 => new Reason(ReasonCode.HazardousUnder18, 0, "Hazardous work: participants must be 18 or older."),
            ReasonCode.BelowMinimumAge => new Reason(ReasonCode.BelowMinimumAge, 0, $"For ages {o.MinAge} and up.", o.MinAge),
            ReasonCode.PrerequisiteMissing => new Reason(ReasonCode.PrerequisiteMissing, 0,
                $"Needs a completed {o.Prerequisite!.Value.ToString().ToLowerInvariant()} experience in this career cluster first.",
                Term: JsonNamingPolicy.CamelCase.ConvertName(o.Prerequisite!.Value.ToString())),
            ReasonCode.NoSeatsLeft => new Reason(ReasonCode.NoSeatsLeft, 0, "No seats left."),
            ReasonCode.Ended => new Reason(ReasonCode.Ended, 0, "Already ended."),
            var code => new Reason(code!.Value, 0, $"About {minutes:0} minutes away; too far for the student's travel.", (int?)Math.Round(minutes ?? 0)),
        };
    }

    /// <summary>Why the opportunity is closed to the student, as a code only (no text: the region's every opportunity is checked).</summary>
    private static ReasonCode? Ineligible(StudentFacts student, OpportunityFacts o, DateOnly today, double? minutes)
    {
        if (o.MinGrade is { } grade && (student.Grade is not { } known || known < grade))
        {
            return ReasonCode.BelowMinimumGrade;
        }

        var minAge = o.Hazardous ? Math.Max(18, o.MinAge ?? 18) : o.MinAge;
        if (minAge is { } age && (student.Age is null || student.Age < age))
        {
            return o.Hazardous ? ReasonCode.HazardousUnder18 : ReasonCode.BelowMinimumAge;
        }

        if (o.Prerequisite is { } prerequisite && (!student.Completed.TryGetValue(o.Cluster, out var done) || done < prerequisite))
        {
            return ReasonCode.PrerequisiteMissing;
        }

        if (o.SeatsLeft <= 0)
        {
            return ReasonCode.NoSeatsLeft;
        }

        if (o.EndDate is { } end && end < today)
        {
            return ReasonCode.Ended;
        }

        if (minutes is { } away && away > (student.MaxTravelMinutes ?? DefaultMaxTravelMinutes) * 1.5)
        {
            return ReasonCode.OutOfReach;
        }

        return null;
    }

    /// <summary>The weighted score; when <paramref name="reasons"/> is given, each contribution is explained there.</summary>
    public static double Score(StudentFacts s, OpportunityFacts o, MatchingWeights w, List<Reason>? reasons) => Score(s, o, w, reasons, TravelMinutes(s, o));

    private static double Score(StudentFacts s, OpportunityFacts o, MatchingWeights w, List<Reason>? reasons, double? travelMinutes)
    {
        // Without reasons (scoring every opportunity of the region) no detail is formatted: that cost more than the score.
        var score = 0.0;
        void Add(ReasonCode code, double weight, string detail, int? value = null, int? limit = null, string? term = null)
        {
            score += weight;
            reasons?.Add(new Reason(code, Math.Round(weight, 2), detail, value, limit, term));
        }

        if (s.Interests.Contains(o.Cluster))
        {
            Add(ReasonCode.InterestMatch, w.Interest, "Matches a career interest.");
        }
        else if (s.Interests.Count > 0)
        {
            Add(ReasonCode.NoInterestMatch, -0.5 * w.Interest, "Outside the student's career interests.");
        }

        if (s.Pathway is not null && o.Pathway is not null && string.Equals(s.Pathway, o.Pathway, StringComparison.OrdinalIgnoreCase))
        {
            Add(ReasonCode.PathwayAligned, w.Pathway, "Aligned with the student's pathway.");
        }

        // Sequencing: exploration before preparation and training, per career cluster.
        var explored = s.Completed.TryGetValue(o.Cluster, out var completed) && completed >= ContinuumStage.Exploration;
        if (o.Stage >= ContinuumStage.Preparation && !explored)
        {
            Add(ReasonCode.ExploreFirst, -w.Sequencing, "Explore this career cluster (a job shadow, mentorship or interview) before an intensive experience.");
        }
        else if (!explored && o.Stage == ContinuumStage.Exploration && s.Interests.Contains(o.Cluster))
        {
            Add(ReasonCode.NextStepOnContinuum, w.Sequencing, "The next step on the continuum in this cluster.");
        }
        else if (explored && o.Stage >= ContinuumStage.Preparation && completed < o.Stage)
        {
            Add(ReasonCode.NextStepOnContinuum, w.Sequencing, "Builds on an exploration the student completed.", term: "buildsOnExploration");
        }

        if (!o.Schedule.IsEmpty && !s.Availability.IsEmpty)
        {
            var fit = (double)o.Schedule.Overlap(s.Availability) / o.Schedule.Quarters;
            if (fit >= 0.999)
            {
                Add(ReasonCode.ScheduleFits, w.Schedule, "Fits the student's availability.");
            }
            else if (fit > 0)
            {
                Add(ReasonCode.ScheduleFits, w.Schedule * (2 * fit - 1), reasons is null ? "" : $"Overlaps {fit:P0} of the schedule with the student's availability.",
                    (int)Math.Round(fit * 100), term: "partly");
            }
            else
            {
                Add(ReasonCode.ScheduleConflicts, -w.Schedule, "Meets when the student is not available.");
            }
        }

        if (o.Modality == Modality.Virtual)
        {
            Add(ReasonCode.Virtual, w.Travel, "Virtual: no travel.");
        }
        else if (travelMinutes is { } minutes)
        {
            var max = s.MaxTravelMinutes ?? DefaultMaxTravelMinutes;
            if (minutes <= max)
            {
                Add(ReasonCode.TravelFits, w.Travel * (1 - 0.5 * minutes / Math.Max(1, max)), reasons is null ? "" : $"About {minutes:0} minutes away (within {max}).",
                    (int)Math.Round(minutes), max);
            }
            else
            {
                Add(ReasonCode.TravelLong, -w.Travel * Math.Min(1, (minutes - max) / max), reasons is null ? "" : $"About {minutes:0} minutes away (more than {max}).",
                    (int)Math.Round(minutes), max);
            }
        }

        if (s.PrefersPaid && o.Compensation is Compensation.Paid or Compensation.Stipend)
        {
            Add(ReasonCode.PaidAsPreferred, w.Pay, o.Compensation == Compensation.Paid ? "Paid, as the student prefers." : "Offers a stipend.",
                term: o.Compensation == Compensation.Paid ? "paid" : "stipend");
        }

        if (s.WantsCredit && o.CreditOffered)
        {
            Add(ReasonCode.CreditAsPreferred, w.Credit, "Offers credit, as the student wants.");
        }

        if (o.Seats > 0)
        {
            var share = (double)o.SeatsLeft / o.Seats;
            Add(share < 0.25 ? ReasonCode.FewSeatsLeft : ReasonCode.SeatsAvailable, w.Seats * share, reasons is null ? "" : $"{o.SeatsLeft} of {o.Seats} seats left.",
                o.SeatsLeft, o.Seats);
        }

        return score;
    }

    /// <summary>Door-to-door estimate from coarse locations by the student's mode; null when a location is unknown.</summary>
    public static double? TravelMinutes(StudentFacts s, OpportunityFacts o) => TravelMinutes(s, o, HomeCosine(s));

    /// <summary>The cosine of the student's latitude, which every distance from home scales longitude by.</summary>
    internal static double HomeCosine(StudentFacts s) => s.Home is { } home ? Math.Cos(double.DegreesToRadians(home.Latitude)) : 0;

    private static double? TravelMinutes(StudentFacts s, OpportunityFacts o, double homeCosine)
    {
        if (o.Modality == Modality.Virtual || s.Home is null || o.Location is null)
        {
            return null;
        }

        return Minutes(s.Transportation, Kilometres(s.Home, o.Location, homeCosine));
    }

    /// <summary>Door-to-door minutes for a straight-line distance, by the student's mode (more kilometres, more minutes).</summary>
    internal static double Minutes(TransportationMode? mode, double straightKm)
    {
        var km = straightKm * 1.3; // streets are not straight lines
        return mode switch
        {
            TransportationMode.Walk => km * 12,
            TransportationMode.Bike => km * 4 + 2,
            TransportationMode.PublicTransit => km * 3 + 12,
            TransportationMode.Car or TransportationMode.SchoolProvided or TransportationMode.FamilyRide => km * 2 + 5,
            TransportationMode.None => km * 12,
            _ => km * 3 + 12, // not stated: assume public transit
        };
    }

    /// <summary>
    /// Straight-line distance from home on the equirectangular approximation, longitude scaled at home's latitude: within
    /// a region (tens of kilometres) it is within a fraction of a percent of the great-circle distance, with no
    /// trigonometry per opportunity; far apart (hundreds of kilometres) it errs by a few percent, long after any travel
    /// limit.
    /// </summary>
    internal static double Kilometres(GeoPoint home, GeoPoint b, double homeCosine)
    {
        const double earth = 6371;
        var dLat = double.DegreesToRadians(b.Latitude - home.Latitude);
        var dLon = double.DegreesToRadians(b.Longitude - home.Longitude) * homeCosine;
        return earth * Math.Sqrt(dLat * dLat + dLon * dLon);
    }
}
