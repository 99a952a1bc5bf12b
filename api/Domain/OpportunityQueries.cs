using System.Data.Common;
using Dapper;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Opportunities;

namespace LaunchPath.Api.Domain;

/// <summary>Loading opportunities the caller may see; shared by the area's slices.</summary>
internal static class OpportunityQueries
{
    private static string SelectVisible(string visible) =>
        $"SELECT {OpportunityRecord.Columns} FROM {OpportunityRecord.From} WHERE op.id = @Id AND {visible}";

    public static IEnumerable<string> Statements => [SelectVisible(OpportunityAccess.VisibleSql(Caller.Anonymous, "op").Sql), .. OpportunityRecord.Statements];

    /// <summary>The row, or null when it does not exist or the caller may not see it (both are a 404).</summary>
    public static async Task<OpportunityRecord?> FindVisibleAsync(DbConnection connection, Caller caller, Guid id, CancellationToken cancellationToken)
    {
        var (visible, parameters) = OpportunityAccess.VisibleSql(caller, "op");
        parameters.Add("Id", id);
        return await connection.QuerySingleOrDefaultAsync<OpportunityRecord>(new CommandDefinition(SelectVisible(visible), parameters, cancellationToken: cancellationToken));
    }

    /// <summary>The opportunity as <paramref name="caller"/> sees it, with its audience and the caller's actions.</summary>
    public static async Task<Opportunity> ToContractAsync(DbConnection connection, OpportunityRecord row, Caller caller, CancellationToken cancellationToken)
    {
        var audiences = await OpportunityRecord.AudiencesAsync(connection, [row.Id], null, cancellationToken);
        return row.ToContract(audiences[row.Id], caller);
    }
}
