using System.Data.Common;
using Dapper;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Contracts.Placements;

namespace LaunchPath.Api.Domain;

/// <summary>
/// The region's evaluation rubric: the criteria and levels an employer rates a student against. A region without its
/// own uses <see cref="Default"/>. Region settings define it; evaluations read it.
/// </summary>
internal static class Rubrics
{
    public static readonly Rubric Default = new()
    {
        Name = "California internship evaluation (CDE template)",
        Levels =
        [
            new RubricLevel { Level = 1, Label = "Does not meet expectations" },
            new RubricLevel { Level = 2, Label = "Approaching expectations" },
            new RubricLevel { Level = 3, Label = "Meets expectations" },
            new RubricLevel { Level = 4, Label = "Above expectations" },
        ],
        Criteria =
        [
            new RubricCriterion { Id = "foundational-communication", Category = "Foundational Skills", Description = "Communicates clearly in speaking and writing" },
            new RubricCriterion { Id = "foundational-academics", Category = "Foundational Skills", Description = "Applies reading, writing and math to work tasks" },
            new RubricCriterion { Id = "foundational-technology", Category = "Foundational Skills", Description = "Uses technology and tools appropriately" },
            new RubricCriterion { Id = "applied-problem-solving", Category = "Applied Workplace Skills", Description = "Solves problems and thinks critically" },
            new RubricCriterion { Id = "applied-teamwork", Category = "Applied Workplace Skills", Description = "Works well with others" },
            new RubricCriterion { Id = "applied-safety", Category = "Applied Workplace Skills", Description = "Follows workplace procedures and safety rules" },
            new RubricCriterion { Id = "self-dependability", Category = "Self-Management & Personal Responsibility", Description = "Is punctual and dependable" },
            new RubricCriterion { Id = "self-initiative", Category = "Self-Management & Personal Responsibility", Description = "Takes initiative and manages time" },
            new RubricCriterion { Id = "self-feedback", Category = "Self-Management & Personal Responsibility", Description = "Accepts feedback and acts on it" },
        ],
    };

    private const string Select = "SELECT definition, version FROM rubrics WHERE region_id = @RegionId";

    public static IEnumerable<string> Statements => [Select];

    /// <summary>The region's rubric, or the default with version 0.</summary>
    public static async Task<Rubric> ForRegionAsync(DbConnection connection, Guid regionId, CancellationToken cancellationToken)
    {
        var stored = await connection.QuerySingleOrDefaultAsync<(string Definition, int Version)?>(
            new CommandDefinition(Select, new { RegionId = regionId }, cancellationToken: cancellationToken));
        return stored is { } row ? DbJson.Read(row.Definition, Default) with { Version = row.Version } : Default;
    }
}
