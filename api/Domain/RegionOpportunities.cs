using System.Collections.Frozen;
using Dapper;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Opportunities;
using LaunchPath.Matching;

namespace LaunchPath.Api.Domain;

/// <summary>
/// A region's published opportunities with their audiences, matching facts and seats left, read from the database at
/// most every <see cref="Freshness"/> per node and shared by every recommendation request in between (a region-wide read
/// of ~10k opportunities per request is what made recommendations take seconds at region scale). Recommendations may
/// therefore show an edit or a seat count up to that old; applying and choosing always check the database. Closed
/// opportunities are kept beside them (students still find those in search), and an opportunity written on this node
/// makes the node read its region again at the next request.
/// </summary>
public sealed class RegionOpportunities(Db db, TimeProvider clock) : ISqlSource
{
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(5);

    private static readonly string SelectListed =
        $"SELECT {OpportunityRecord.Columns} FROM {OpportunityRecord.From} WHERE op.status IN ('published', 'closed') AND op.region_id = @RegionId";

    private const string SelectTaken =
        "SELECT pl.opportunity_id, COUNT(*) AS taken FROM placements pl JOIN opportunities op ON op.id = pl.opportunity_id " +
        "WHERE op.region_id = @RegionId AND op.status = 'published' AND pl.status IN " + MatchingFacts.Holding + " GROUP BY pl.opportunity_id";

    public static IEnumerable<string> Statements(SqlDialect dialect) => [SelectListed, SelectTaken, .. OpportunityRecord.Statements];

    private readonly FreshCache<Guid, Snapshot> _snapshots = new(Freshness, clock);

    /// <summary>One published opportunity: its row, its audience, its contract as anyone sees it, and its facts for the engine.</summary>
    internal sealed record Entry(OpportunityRecord Record, IReadOnlyList<OrgRef> Audience, Opportunity Contract, OpportunityFacts Facts)
    {
        /// <summary>For everyone in the region (when not for educators).</summary>
        public bool RegionWide { get; } = Record.Audience == "region";

        /// <summary>A teacher externship: for educators, never for students.</summary>
        public bool ForEducators { get; } = StudentFit.ForEducators(Record);

        /// <summary>Whether a student of this school (in this district) may see it: not for educators, and region-wide or the audience names either.</summary>
        public bool OpenTo(Guid schoolId, Guid districtId)
        {
            if (ForEducators)
            {
                return false;
            }

            if (RegionWide)
            {
                return true;
            }

            for (var i = 0; i < Audience.Count; i++)
            {
                if (Audience[i].Id == schoolId || Audience[i].Id == districtId)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether a reader of these schools and districts may see it: region-wide, or the audience names one of them.</summary>
        public bool OpenTo(Guid[] organizations)
        {
            if (RegionWide)
            {
                return true;
            }

            for (var i = 0; i < Audience.Count; i++)
            {
                if (Array.IndexOf(organizations, Audience[i].Id) >= 0)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <param name="ReadAt">When it was read.</param>
    /// <param name="Opportunities">The published ones (what may be recommended, applied to, chosen).</param>
    /// <param name="Listed">The published and the closed ones, in id order: what a student finds in search.</param>
    internal sealed record Snapshot(DateTimeOffset ReadAt, IReadOnlyList<Entry> Opportunities, IReadOnlyList<Entry> Listed)
    {
        /// <summary>The published entries by opportunity id (built once per snapshot).</summary>
        public FrozenDictionary<Guid, Entry> ById { get; } = Opportunities.ToFrozenDictionary(e => e.Record.Id);

        /// <summary>The published entries in id order (built once per snapshot), for paging by id without sorting per request.</summary>
        public IReadOnlyList<Entry> InIdOrder { get; } = Opportunities.OrderBy(e => e.Record.Id).ToArray();

        /// <summary>
        /// The published entries' matching facts (in the same order) grouped for recommending, built with the snapshot (off the request path, a few
        /// milliseconds for ten thousand): a student's recommendations score the groups that can still make their top,
        /// not the whole region.
        /// </summary>
        public RecommendationIndex Recommending { get; } = RecommendationIndex.Of(Opportunities.Select(e => e.Facts).ToArray());

        // Per published entry, in one small array: never for students (0), region-wide (1), or its audience decides (2).
        private readonly byte[] _forStudents = Opportunities.Select(e => e.ForEducators ? (byte)0 : e.RegionWide ? (byte)1 : (byte)2).ToArray();

        /// <summary>
        /// <see cref="Entry.OpenTo(Guid, Guid)"/> of the published entry at <paramref name="index"/>, answered from one byte
        /// per entry unless its audience names schools or districts.
        /// </summary>
        public bool OpenTo(int index, Guid schoolId, Guid districtId) =>
            _forStudents[index] switch { 1 => true, 2 => Opportunities[index].OpenTo(schoolId, districtId), _ => false };

        /// <summary>Where in <paramref name="ordered"/> (in id order) the entries after <paramref name="after"/> start (all of them when null).</summary>
        public static int StartAfter(IReadOnlyList<Entry> ordered, Guid? after)
        {
            if (after is not { } id)
            {
                return 0;
            }

            int low = 0, high = ordered.Count;
            while (low < high)
            {
                var middle = (low + high) / 2;
                if (ordered[middle].Record.Id.CompareTo(id) <= 0)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle;
                }
            }

            return low;
        }
    }

    internal Task<Snapshot> ForRegionAsync(Guid regionId, CancellationToken cancellationToken) =>
        _snapshots.GetAsync(regionId, () => ReadAsync(regionId), cancellationToken);

    /// <summary>
    /// An opportunity of the region was written on this node: the next request reads the region again, so whoever wrote
    /// it (and everyone on this node) sees it at once. Other nodes see it within <see cref="Freshness"/> (twice that while
    /// a stale snapshot is served during its refresh).
    /// </summary>
    public void Changed(Guid regionId) => _snapshots.Forget(regionId);

    private async Task<Snapshot> ReadAsync(Guid regionId)
    {
        var readAt = clock.GetUtcNow();
        await using var connection = await db.OpenAsync(CancellationToken.None);
        var rows = (await connection.QueryAsync<OpportunityRecord>(new CommandDefinition(SelectListed, new { RegionId = regionId }))).ToList();
        var audiences = await OpportunityRecord.AudiencesAsync(connection, rows.Select(r => r.Id).ToList(), null, CancellationToken.None);
        var taken = (await connection.QueryAsync<TakenRow>(new CommandDefinition(SelectTaken, new { RegionId = regionId })))
            .ToDictionary(r => r.OpportunityId, r => r.Taken);
        var entries = rows.Select(row =>
        {
            var contract = row.ToContract(audiences[row.Id], Caller.Anonymous);
            var seatsLeft = Math.Max(0, row.Seats - taken.GetValueOrDefault(row.Id));
            return new Entry(row, audiences[row.Id], contract, MatchingFacts.Opportunity(contract, seatsLeft));
        }).ToList();
        return new Snapshot(readAt, entries.Where(e => e.Record.OpportunityStatus == OpportunityStatus.Published).ToList(), entries.OrderBy(e => e.Record.Id).ToArray());
    }

    private sealed class TakenRow
    {
        public Guid OpportunityId { get; set; }
        public int Taken { get; set; }
    }
}
