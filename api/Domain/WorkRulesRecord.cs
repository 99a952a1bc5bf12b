using System.Data.Common;
using Dapper;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Contracts.Placements;

namespace LaunchPath.Api.Domain;

/// <summary>A region's work rules, with the default (federal) a region has until its curators choose another.</summary>
internal static class WorkRulesRecord
{
    private const string Select =
        "SELECT r.id AS region_id, w.minor_hours_rule, w.version FROM organizations r LEFT JOIN work_rules w ON w.region_id = r.id WHERE r.id = @RegionId";

    public static IEnumerable<string> Statements => [Select];

    public static async Task<WorkRules> ReadAsync(DbConnection connection, Guid regionId, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleAsync<Row>(new CommandDefinition(Select, new { RegionId = regionId }, cancellationToken: cancellationToken));
        return new WorkRules
        {
            RegionId = row.RegionId.ToString("D"),
            MinorHoursRule = row.MinorHoursRule is null ? MinorHoursRule.Federal : DbEnum.Parse<MinorHoursRule>(row.MinorHoursRule),
            Version = row.Version ?? 0,
        };
    }

    private sealed class Row
    {
        public Guid RegionId { get; set; }
        public string? MinorHoursRule { get; set; }
        public int? Version { get; set; }
    }
}
