using System.Data.Common;
using Dapper;

namespace LaunchPath.Api.Domain;

/// <summary>
/// The unpublished match round an opportunity is in (at most one: opening a round refuses an opportunity already in
/// one). While a round covers it, students get its seats by ranking it there, not by applying.
/// </summary>
internal static class OpportunityRounds
{
    private const string SelectPending =
        "SELECT r.id, r.name, r.status FROM match_round_opportunities ro JOIN match_rounds r ON r.id = ro.round_id " +
        "WHERE ro.opportunity_id = @OpportunityId AND r.status <> 'published'";

    public static IEnumerable<string> Statements => [SelectPending];

    public sealed class Pending
    {
        public Guid Id { get; set; }
        public string Name { get; set; } = "";
        public string Status { get; set; } = "";

        /// <summary>Students may still rank (or change) their choices in it.</summary>
        public bool TakesChoices => Status is "open" or "matched";
    }

    public static async Task<Pending?> PendingAsync(DbConnection connection, Guid opportunityId, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<Pending>(new CommandDefinition(SelectPending, new { OpportunityId = opportunityId }, cancellationToken: cancellationToken)))
        .FirstOrDefault();
}
