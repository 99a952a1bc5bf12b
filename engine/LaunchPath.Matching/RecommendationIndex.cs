using LaunchPath.Contracts.Common;
using LaunchPath.Contracts.Matching;
using LaunchPath.Contracts.Opportunities;

namespace LaunchPath.Matching;

/// <summary>
/// A list of opportunities grouped by what bounds their score for any student: the career cluster (interest and
/// sequencing) and the place (one of at most 8 × 8 squares over the list's locations, or virtual, or unknown), with,
/// per group, whether any of them names a pathway, a schedule, pay or a stipend, or credit, and the largest share of
/// seats left. Built once per list (a region's snapshot). A recommendation then works out each group's best possible
/// score for its student (a few hundred groups, not thousands of opportunities) and scores the groups best first, until
/// the worst it keeps beats every group still to come
/// (<see cref="Recommender.Rank(StudentFacts, RecommendationIndex, Func{int, bool}?, MatchingWeights, DateOnly, int)"/>).
/// </summary>
public sealed class RecommendationIndex
{
    /// <summary>Scores and bounds add the same terms in other orders, so a score may pass its bound by rounding alone.</summary>
    internal const double Slack = 1e-9;

    private const int PathwayFlag = 1, ScheduleFlag = 2, PaidFlag = 4, CreditFlag = 8;
    private const int Side = 8; // squares per side of the area the locations cover
    private const int Virtual = 0, Unknown = 1, FirstSquare = 2, Places = FirstSquare + Side * Side;
    private static readonly int Clusters = Enum.GetValues<CareerCluster>().Max(c => (int)c) + 2; // the last: a value outside the enum

    private readonly int[] _members;       // opportunity indexes, group by group, in input order within a group
    private readonly OpportunityFacts[] _facts; // their facts in the same order, copied so that a group's lie side by side
    private readonly int[] _groupStart;    // group g is _members[_groupStart[g].._groupStart[g + 1])
    private readonly int[] _flags;         // per group: the flags any member has
    private readonly double[] _seatsShare; // per group: the largest share of seats left (what the seats term can reach)
    private readonly double _south, _west, _square; // the squares: from (south, west), each `square` degrees a side

    private RecommendationIndex(IReadOnlyList<OpportunityFacts> opportunities, int[] members, OpportunityFacts[] facts, int[] groupStart, int[] flags, double[] seatsShare,
        double south, double west, double square) =>
        (Opportunities, _members, _facts, _groupStart, _flags, _seatsShare, _south, _west, _square) =
        (opportunities, members, facts, groupStart, flags, seatsShare, south, west, square);

    /// <summary>The opportunities the index was built over (what a ranking's indexes refer to).</summary>
    public IReadOnlyList<OpportunityFacts> Opportunities { get; }

    public static RecommendationIndex Of(IReadOnlyList<OpportunityFacts> opportunities)
    {
        double south = double.MaxValue, north = double.MinValue, west = double.MaxValue, east = double.MinValue;
        foreach (var o in opportunities)
        {
            if (o.Modality != Modality.Virtual && o.Location is { } at && double.IsFinite(at.Latitude) && double.IsFinite(at.Longitude))
            {
                (south, north) = (Math.Min(south, at.Latitude), Math.Max(north, at.Latitude));
                (west, east) = (Math.Min(west, at.Longitude), Math.Max(east, at.Longitude));
            }
        }

        // Squares a little larger than an eighth of the wider side, so the northern and eastern edges fall inside.
        var square = south <= north ? Math.Max(1e-3, Math.Max(north - south, east - west) / Side * (1 + 1e-6)) : 1;
        var groups = Clusters * Places;
        var group = new int[opportunities.Count];
        var start = new int[groups + 1];
        var flags = new int[groups];
        var share = new double[groups];
        for (var i = 0; i < opportunities.Count; i++)
        {
            var o = opportunities[i];
            var cluster = (uint)o.Cluster < (uint)(Clusters - 1) ? (int)o.Cluster : Clusters - 1;
            int place;
            if (o.Modality == Modality.Virtual)
            {
                place = Virtual;
            }
            else if (o.Location is { } at && double.IsFinite(at.Latitude) && double.IsFinite(at.Longitude))
            {
                place = FirstSquare + Math.Clamp((int)((at.Latitude - south) / square), 0, Side - 1) * Side + Math.Clamp((int)((at.Longitude - west) / square), 0, Side - 1);
            }
            else
            {
                place = Unknown;
            }

            var g = group[i] = cluster * Places + place;
            start[g + 1]++;
            flags[g] |= (o.Pathway is not null ? PathwayFlag : 0) | (!o.Schedule.IsEmpty ? ScheduleFlag : 0)
                        | (o.Compensation is Compensation.Paid or Compensation.Stipend ? PaidFlag : 0) | (o.CreditOffered ? CreditFlag : 0);
            if (o.Seats > 0)
            {
                share[g] = Math.Max(share[g], (double)o.SeatsLeft / o.Seats);
            }
        }

        for (var g = 0; g < groups; g++)
        {
            start[g + 1] += start[g];
        }

        var members = new int[opportunities.Count];
        var next = start[..groups];
        for (var i = 0; i < opportunities.Count; i++)
        {
            members[next[group[i]]++] = i;
        }

        // Copies allocated one after another, group by group: the memory a group's scoring reads is one stretch, as it
        // is for a scan of the whole list in order (the originals were allocated as their rows were read, among others).
        var facts = new OpportunityFacts[members.Length];
        for (var m = 0; m < members.Length; m++)
        {
            var o = opportunities[members[m]];
            facts[m] = o with { Location = o.Location is null ? null : o.Location with { } };
        }

        return new RecommendationIndex([.. opportunities], members, facts, start, flags, share, south, west, square);
    }

    /// <summary>Group g's members: positions [From, To) for <see cref="Opportunity"/> and <see cref="Facts"/>.</summary>
    internal (int From, int To) Members(int group) => (_groupStart[group], _groupStart[group + 1]);

    /// <summary>The index, in the list the index was built over, of the opportunity at a member position.</summary>
    internal int Opportunity(int position) => _members[position];

    /// <summary>The facts of the opportunity at a member position (a copy of the list's).</summary>
    internal OpportunityFacts Facts(int position) => _facts[position];

    /// <summary>
    /// The non-empty groups with the most any of their opportunities can score for the student, highest first; null when a
    /// weight is negative or not finite (no term is then bounded by its weight, and everything must be scored).
    /// </summary>
    internal (int[] Groups, double[] Bounds, int Count)? GroupsByBound(StudentFacts s, MatchingWeights w)
    {
        if (!(w.Interest >= 0 && w.Pathway >= 0 && w.Sequencing >= 0 && w.Schedule >= 0 && w.Travel >= 0 && w.Pay >= 0 && w.Credit >= 0 && w.Seats >= 0)
            || !double.IsFinite(w.Interest + w.Pathway + w.Sequencing + w.Schedule + w.Travel + w.Pay + w.Credit + w.Seats))
        {
            return null;
        }

        // Travel: exactly its weight when virtual; nothing when either end's place is unknown; otherwise at most what the
        // nearest point of the square would give (the nearer, the more).
        var travel = new double[Places];
        travel[Virtual] = w.Travel;
        var homeCosine = Recommender.HomeCosine(s);
        var max = s.MaxTravelMinutes ?? Recommender.DefaultMaxTravelMinutes;
        for (var place = FirstSquare; place < Places; place++)
        {
            if (s.Home is not { } home)
            {
                continue;
            }

            var (row, column) = Math.DivRem(place - FirstSquare, Side);
            var nearest = new GeoPoint
            {
                Latitude = Math.Clamp(home.Latitude, _south + row * _square, _south + (row + 1) * _square),
                Longitude = Math.Clamp(home.Longitude, _west + column * _square, _west + (column + 1) * _square),
            };
            var minutes = Recommender.Minutes(s.Transportation, Recommender.Kilometres(home, nearest, homeCosine));
            travel[place] = minutes <= max ? w.Travel * (1 - 0.5 * minutes / Math.Max(1, max)) : -w.Travel * Math.Min(1, (minutes - max) / max);
        }

        var groups = new int[Math.Min(Opportunities.Count, Clusters * Places)];
        var bounds = new double[groups.Length];
        var count = 0;
        for (var c = 0; c < Clusters; c++)
        {
            // Interest: its weight, or half of it taken away when the student named others. Sequencing adds only in an
            // explored cluster, or for exploring one of the student's interests; elsewhere it takes away or adds nothing.
            // A cluster outside the enum is bounded by the most either can add.
            double cluster;
            if (c == Clusters - 1)
            {
                cluster = w.Interest + w.Sequencing;
            }
            else
            {
                var interested = s.Interests.Contains((CareerCluster)c);
                var explored = s.Completed.TryGetValue((CareerCluster)c, out var done) && done >= ContinuumStage.Exploration;
                cluster = (interested ? w.Interest : s.Interests.Count > 0 ? -0.5 * w.Interest : 0) + (interested || explored ? w.Sequencing : 0);
            }

            for (var place = 0; place < Places; place++)
            {
                var g = c * Places + place;
                if (_groupStart[g] == _groupStart[g + 1])
                {
                    continue;
                }

                // The schedule counts at most its weight when both sides have one; pathway, pay and credit their weight
                // when the student and an opportunity of the group both ask for it.
                var flags = _flags[g];
                var bound = cluster + travel[place] + w.Seats * _seatsShare[g]
                            + ((flags & PathwayFlag) != 0 && s.Pathway is not null ? w.Pathway : 0)
                            + ((flags & ScheduleFlag) != 0 && !s.Availability.IsEmpty ? w.Schedule : 0)
                            + ((flags & PaidFlag) != 0 && s.PrefersPaid ? w.Pay : 0)
                            + ((flags & CreditFlag) != 0 && s.WantsCredit ? w.Credit : 0);
                groups[count] = g;
                bounds[count++] = -bound; // sorted from the lowest, so the highest bound comes first
            }
        }

        // Which of equal bounds comes first changes nothing: the ranking's answer does not depend on the order it scores in.
        Array.Sort(bounds, groups, 0, count);
        for (var i = 0; i < count; i++)
        {
            bounds[i] = -bounds[i];
        }

        return (groups, bounds, count);
    }
}
