using Dapper;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Jobs;
using LaunchPath.Api.Infrastructure.Messaging;

namespace LaunchPath.Api.Features.Matching.Rounds;

/// <summary>
/// Once a round is published, each student who ranked choices in it is emailed their result, in their language: the
/// placement they were matched to (approved by the school), or, when none, what happens next (the coordinator follows
/// up; opportunities with seats left are open to apply to). A job queued in the publication's transaction: a region's
/// round writes a hundred thousand messages, which the publication itself should not wait for; the job writes them
/// all with its completion, in one transaction, so a rerun after a crash writes none twice.
/// </summary>
public sealed class SendRoundResults(Db db, Outbox outbox, PublicUrl publicUrl, ILogger<SendRoundResults> logger) : IJobHandler, ISqlSource
{
    internal const string JobKind = "round-results";

    private const string SelectRound = "SELECT r.name, r.region_id, g.name AS region_name FROM match_rounds r JOIN organizations g ON g.id = r.region_id WHERE r.id = @Id AND r.status = 'published'";

    /// <summary>Every student with choices in the round, with the placement the round gave them (if any).</summary>
    private const string SelectStudents =
        "SELECT s.id, s.given_name, s.preferred_name, s.email, s.preferred_language, pl.id AS placement_id, op.title AS opportunity_title, e.name AS employer_name " +
        "FROM match_round_choice_lists l JOIN people s ON s.id = l.student_id " +
        "LEFT JOIN placements pl ON pl.match_round_id = l.round_id AND pl.student_id = l.student_id AND pl.status = 'approved' " +
        "LEFT JOIN opportunities op ON op.id = pl.opportunity_id LEFT JOIN organizations e ON e.id = op.employer_id " +
        "WHERE l.round_id = @Id AND s.email IS NOT NULL";

    public static IEnumerable<string> Statements(SqlDialect dialect) => [SelectRound, SelectStudents, .. Outbox.Statements];

    public async Task RunAsync(JobContext job, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var round = await connection.QuerySingleOrDefaultAsync<RoundRow>(new CommandDefinition(SelectRound, new { Id = job.SubjectId }, transaction, cancellationToken: cancellationToken));
        var written = 0;
        var baseUrl = publicUrl.ForBackground(logger, $"the results of round {job.SubjectId:D}");
        if (baseUrl is not null && round is not null)
        {
            foreach (var student in await connection.QueryAsync<StudentRow>(new CommandDefinition(SelectStudents, new { Id = job.SubjectId }, transaction, cancellationToken: cancellationToken)))
            {
                var language = MessageTemplates.LanguageFor(student.PreferredLanguage);
                var name = PersonNames.First(student.GivenName, student.PreferredName);
                await outbox.EnqueueAsync(connection, transaction, new Envelope("round.result", language, student.Email!, name, new Dictionary<string, object>
                {
                    ["recipient"] = name,
                    ["round"] = round.Name,
                    ["matched"] = student.PlacementId is not null,
                    ["opportunity"] = student.OpportunityTitle ?? "",
                    ["employer"] = student.EmployerName ?? "",
                    ["link"] = student.PlacementId is { } placement ? $"{baseUrl}/#/placements/{placement:D}" : $"{baseUrl}/#/search",
                    ["region"] = round.RegionName,
                }, student.Id, student.PlacementId), cancellationToken);
                if (++written % 1000 == 0)
                {
                    job.Report(Math.Min(95, written / 1000));
                }
            }
        }

        await job.CompleteAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        outbox.Wake();
        logger.LogInformation("Round {RoundId}: {Count} result messages written", job.SubjectId, written);
    }

    private sealed class RoundRow
    {
        public string Name { get; set; } = "";
        public Guid RegionId { get; set; }
        public string RegionName { get; set; } = "";
    }

    private sealed class StudentRow
    {
        public Guid Id { get; set; }
        public string GivenName { get; set; } = "";
        public string? PreferredName { get; set; }
        public string? Email { get; set; }
        public string? PreferredLanguage { get; set; }
        public Guid? PlacementId { get; set; }
        public string? OpportunityTitle { get; set; }
        public string? EmployerName { get; set; }
    }
}
