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
/// therefore show an edit or a seat count up to that old; applying and choosing always check the database.
/// </summary>
public sealed class RegionOpportunities(Db db, TimeProvider clock) : ISqlSource
{
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(5);

    private static readonly string SelectPublished =
        $"SELECT {OpportunityRecord.Columns} FROM {OpportunityRecord.From} WHERE op.status = 'published' AND op.region_id = @RegionId";

    private const string SelectTaken =
        "SELECT pl.opportunity_id, COUNT(*) AS taken FROM placements pl JOIN opportunities op ON op.id = pl.opportunity_id " +
        "WHERE op.region_id = @RegionId AND op.status = 'published' AND pl.status IN " + MatchingFacts.Holding + " GROUP BY pl.opportunity_id";

    public static IEnumerable<string> Statements(SqlDialect dialect) => [SelectPublished, SelectTaken, .. OpportunityRecord.Statements];

    private readonly FreshCache<Guid, Snapshot> _snapshots = new(Freshness, clock);

    /// <summary>One published opportunity: its row, its audience, its contract as anyone sees it, and its facts for the engine.</summary>
    internal sealed record Entry(OpportunityRecord Record, IReadOnlyList<OrgRef> Audience, Opportunity Contract, OpportunityFacts Facts)
    {
        private readonly bool _regionWide = Record.Audience == "region";

        /// <summary>Whether a student of this school (in this district) may see it: region-wide, or the audience names either.</summary>
        public bool OpenTo(Guid schoolId, Guid districtId)
        {
            if (_regionWide)
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
    }

    internal sealed record Snapshot(DateTimeOffset ReadAt, IReadOnlyList<Entry> Opportunities)
    {
        /// <summary>The entries by opportunity id (built once per snapshot).</summary>
        public FrozenDictionary<Guid, Entry> ById { get; } = Opportunities.ToFrozenDictionary(e => e.Record.Id);

        /// <summary>The entries in id order (built once per snapshot), for paging by id without sorting per request.</summary>
        public IReadOnlyList<Entry> InIdOrder { get; } = Opportunities.OrderBy(e => e.Record.Id).ToArray();

        /// <summary>Where in <see cref="InIdOrder"/> the entries after <paramref name="after"/> start (all of them when null).</summary>
        public int StartAfter(Guid? after)
        {
            if (after is not { } id)
            {
                return 0;
            }

            int low = 0, high = InIdOrder.Count;
            while (low < high)
            {
                var middle = (low + high) / 2;
                if (InIdOrder[middle].Record.Id.CompareTo(id) <= 0)
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

    private async Task<Snapshot> ReadAsync(Guid regionId)
    {
        var readAt = clock.GetUtcNow();
        await using var connection = await db.OpenAsync(CancellationToken.None);
        var rows = (await connection.QueryAsync<OpportunityRecord>(new CommandDefinition(SelectPublished, new { RegionId = regionId }))).ToList();
        var audiences = await OpportunityRecord.AudiencesAsync(connection, rows.Select(r => r.Id).ToList(), null, CancellationToken.None);
        var taken = (await connection.QueryAsync<TakenRow>(new CommandDefinition(SelectTaken, new { RegionId = regionId })))
            .ToDictionary(r => r.OpportunityId, r => r.Taken);
        var entries = rows.Select(row =>
        {
            var contract = row.ToContract(audiences[row.Id], Caller.Anonymous);
            var seatsLeft = Math.Max(0, row.Seats - taken.GetValueOrDefault(row.Id));
            return new Entry(row, audiences[row.Id], contract, MatchingFacts.Opportunity(contract, seatsLeft));
        }).ToList();
        return new Snapshot(readAt, entries);
    }

    private sealed class TakenRow
    {
        public Guid OpportunityId { get; set; }
        public int Taken { get; set; }
    }
}
