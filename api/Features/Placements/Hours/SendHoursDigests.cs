using System.Data.Common;
using Dapper;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Jobs;
using LaunchPath.Api.Infrastructure.Messaging;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Placements;

namespace LaunchPath.Api.Features.Placements.Hours;

/// <summary>
/// Hours waiting for approval reach the supervisor named in each placement's agreement by email, at most once per
/// supervisor per day (in the region's time zone): one message with every submitted entry not yet in one, and every
/// entry still waiting the region's reminder delay after its first message (once more, marked as waiting), each with a
/// one-time link to approve or reject it (a supervisor with a LaunchPath account gets the same links; signing in also
/// works). A recurring job (hourly, on one node at a time); the day's batch key is written first, so a second node or
/// a rerun after a crash never sends a supervisor a second message that day.
/// </summary>
public static class SendHoursDigests
{
    public const string JobKind = "hours-digests";

    public static readonly TimeSpan Every = TimeSpan.FromHours(1);

    private const string SelectWaiting =
        "SELECT h.id, h.placement_id, h.work_date, h.minutes, h.activity, h.supervisor_notified_at, pl.student_id, s.given_name, s.preferred_name, s.family_name, op.title AS opportunity_title, " +
        "op.employer_id, op.region_id, a.terms, r.name AS region_name, r.time_zone " +
        "FROM hours_entries h JOIN placements pl ON pl.id = h.placement_id JOIN people s ON s.id = pl.student_id JOIN opportunities op ON op.id = pl.opportunity_id " +
        "JOIN agreements a ON a.placement_id = pl.id JOIN organizations r ON r.id = op.region_id " +
        "WHERE h.status = 'submitted' AND (h.supervisor_notified_at IS NULL OR h.supervisor_reminded_at IS NULL) ORDER BY h.work_date, h.id";

    private const string MarkNotified =
        "UPDATE hours_entries SET supervisor_notified_at = @Now WHERE id IN (SELECT value FROM json_each(@Ids)) AND status = 'submitted' AND supervisor_notified_at IS NULL";

    private const string LinkPlacement = "INSERT INTO message_placements (message_id, placement_id) VALUES (@MessageId, @PlacementId)";

    private const string MarkReminded =
        "UPDATE hours_entries SET supervisor_reminded_at = @Now WHERE id IN (SELECT value FROM json_each(@Ids)) AND status = 'submitted' AND supervisor_reminded_at IS NULL";

    public sealed class Job(Db db, Outbox outbox, PublicUrl publicUrl, TimeProvider clock, ILogger<Job> logger) : IRecurringJob, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) =>
            [SelectWaiting, MarkNotified, MarkReminded, LinkPlacement, .. MessageBatches.Statements, .. MessageSettingsRecord.Statements, .. ActionLinks.Statements, .. Disclosures.Statements, .. Outbox.Statements];

        public Task RunAsync(JobContext job, CancellationToken cancellationToken) => SendAsync(cancellationToken);

        /// <summary>Writes today's message for every supervisor with entries waiting and none yet today; returns how many.</summary>
        public async Task<int> SendAsync(CancellationToken cancellationToken)
        {
            if (publicUrl.ForBackground(logger, "hours digests") is not { } baseUrl)
            {
                return 0;
            }

            var now = clock.GetUtcNow();
            await using var connection = await db.OpenAsync(cancellationToken);
            var settings = await MessageSettingsRecord.AllAsync(connection, cancellationToken);
            // New entries, and entries the supervisor was told of the region's reminder delay ago and has not decided.
            var waiting = (await connection.QueryAsync<Waiting>(new CommandDefinition(SelectWaiting, cancellationToken: cancellationToken)))
                .Where(w => w.SupervisorNotifiedAt is not { } told
                            || told <= now - TimeSpan.FromDays(settings.TryGetValue(w.RegionId, out var region) ? region.HoursReminderDays : MessageSettingsRecord.DefaultHoursReminderDays))
                .ToList();
            var written = 0;
            foreach (var group in waiting
                         .Select(w => (Entry: w, Terms: DbJson.Read<AgreementRequest?>(w.Terms, null)))
                         .Where(w => w.Terms is { SupervisorEmail.Length: > 0 })
                         .GroupBy(w => w.Terms!.SupervisorEmail.Trim().ToLowerInvariant()))
            {
                var first = group.First();
                var zone = MessageDates.Zone(first.Entry.TimeZone);
                var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                if (!await MessageBatches.ClaimAsync(connection, transaction, db.Dialect, $"hours:{group.Key}:{today:yyyy-MM-dd}", now, cancellationToken))
                {
                    continue; // this supervisor had today's message: the rest waits for tomorrow's
                }

                const string language = MessageTemplates.DefaultLanguage;
                var entries = new List<Dictionary<string, object>>();
                foreach (var (entry, _) in group)
                {
                    var (token, _) = await ActionLinks.IssueAsync(connection, ActionLinks.ApproveHours, entry.PlacementId, "supervisor", entry.Id, null, now, cancellationToken,
                        transaction);
                    entries.Add(new Dictionary<string, object>
                    {
                        ["student"] = PersonNames.Full(entry.GivenName, entry.PreferredName, entry.FamilyName),
                        ["opportunity"] = entry.OpportunityTitle,
                        ["date"] = MessageDates.Day(entry.WorkDate, language),
                        ["hours"] = MessageDates.Duration(entry.Minutes),
                        ["activity"] = entry.Activity.Length > 200 ? entry.Activity[..200] + "…" : entry.Activity,
                        ["link"] = $"{baseUrl.TrimEnd('/')}/hours/{token}",
                        ["reminder"] = entry.SupervisorNotifiedAt is not null,
                        ["since"] = entry.SupervisorNotifiedAt is { } told ? MessageDates.Date(told, zone, language) : "",
                    });
                }

                var terms = first.Terms!;
                var messageId = await outbox.EnqueueAsync(connection, transaction, new Envelope("hours.supervisor", language, terms.SupervisorEmail.Trim(), terms.SupervisorName, new Dictionary<string, object>
                {
                    ["recipient"] = terms.SupervisorName,
                    ["count"] = entries.Count,
                    ["entries"] = entries,
                    ["expires"] = MessageDates.Date(now + ActionLinks.Lifetime, zone, language),
                    ["region"] = first.Entry.RegionName,
                }, HoldsSecret: true), cancellationToken);
                foreach (var placementId in group.Select(g => g.Entry.PlacementId).Distinct())
                {
                    // Staff see the email on each placement it concerns.
                    await connection.ExecuteAsync(new CommandDefinition(LinkPlacement, new { MessageId = messageId, PlacementId = placementId }, transaction,
                        cancellationToken: cancellationToken));
                }

                await Disclosures.RecordAsync(connection, Caller.Anonymous, group.Select(g => g.Entry).DistinctBy(e => e.StudentId).Select(e =>
                        new Disclosures.Disclosure(e.StudentId, e.EmployerId, "name, placement, hours logged", "school official: the student's worksite supervisor",
                            $"Emailed the hours waiting for approval to the supervisor named in the training agreement ({terms.SupervisorEmail.Trim()})")).ToList(),
                    now, cancellationToken, transaction);
                await connection.ExecuteAsync(new CommandDefinition(MarkNotified, new { Ids = DbIds.Of(group.Where(g => g.Entry.SupervisorNotifiedAt is null).Select(g => g.Entry.Id)), Now = now },
                    transaction, cancellationToken: cancellationToken));
                await connection.ExecuteAsync(new CommandDefinition(MarkReminded, new { Ids = DbIds.Of(group.Where(g => g.Entry.SupervisorNotifiedAt is not null).Select(g => g.Entry.Id)), Now = now },
                    transaction, cancellationToken: cancellationToken));
                await transaction.CommitAsync(cancellationToken);
                written++;
            }

            if (written > 0)
            {
                outbox.Wake();
            }

            return written;
        }

    }

    private sealed class Waiting
    {
        public Guid Id { get; set; }
        public Guid PlacementId { get; set; }
        public DateOnly WorkDate { get; set; }
        public int Minutes { get; set; }
        public string Activity { get; set; } = "";
        public DateTimeOffset? SupervisorNotifiedAt { get; set; }
        public Guid StudentId { get; set; }
        public string GivenName { get; set; } = "";
        public string? PreferredName { get; set; }
        public string FamilyName { get; set; } = "";
        public string OpportunityTitle { get; set; } = "";
        public Guid EmployerId { get; set; }
        public Guid RegionId { get; set; }
        public string Terms { get; set; } = "";
        public string RegionName { get; set; } = "";
        public string? TimeZone { get; set; }
    }
}
