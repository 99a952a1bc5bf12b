using System.Globalization;
using Dapper;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Jobs;
using LaunchPath.Api.Infrastructure.Messaging;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Placements;

namespace LaunchPath.Api.Features.Placements;

/// <summary>
/// Coordinators and conveners (school coordinators, district administrators, convener staff and administrators) get a
/// weekly email of what waits for them — the same list as their "needs my action" (placements to approve, agreements
/// to write or follow up, approvals about to lapse, opportunities to review…), counted — from Monday 7 am in their
/// region's time zone, and none in a week where nothing waits. Optional: the link in it stops it (or turns it into
/// part of a daily digest). A recurring job (hourly, on one node at a time); the week's batch key per person is
/// written in the message's transaction, so nobody gets it twice.
/// </summary>
public static class SendWeeklyDigests
{
    public const string JobKind = "weekly-digests";

    public static readonly TimeSpan Every = TimeSpan.FromHours(1);

    /// <summary>The local hour on Monday from which the week's digest goes.</summary>
    public const int Hour = 7;

    private const string SelectStaff =
        "SELECT u.id, u.email, u.display_name, MIN(r.name) AS region_name, MIN(r.time_zone) AS time_zone FROM users u " +
        "JOIN memberships m ON m.user_id = u.id JOIN organizations o ON o.id = m.organization_id LEFT JOIN organizations r ON r.id = o.region_id " +
        "WHERE u.disabled = 0 AND m.role IN ('schoolCoordinator', 'districtAdmin', 'convenerAdmin', 'convenerStaff') GROUP BY u.id, u.email, u.display_name";

    private static readonly Dictionary<string, Dictionary<ActionKind, string>> Labels = new()
    {
        ["en"] = new()
        {
            [ActionKind.DecideApplicants] = "Applications to accept or decline", [ActionKind.ApprovePlacements] = "Placements to approve",
            [ActionKind.WriteAgreements] = "Training agreements to write", [ActionKind.FollowUpAgreements] = "Agreements waiting for acknowledgements",
            [ActionKind.RenewApprovals] = "Approvals that lapse within a week", [ActionKind.AcknowledgeAsSupervisor] = "Agreements to acknowledge as the supervisor",
            [ActionKind.ApproveHours] = "Hours entries to approve", [ActionKind.AcknowledgeAsStudent] = "Your agreements to acknowledge",
            [ActionKind.AcknowledgeAsGuardian] = "Your child's agreements to acknowledge", [ActionKind.CurateOpportunities] = "Opportunities to review",
            [ActionKind.WriteReflections] = "Placements to reflect on",
        },
        ["es"] = new()
        {
            [ActionKind.DecideApplicants] = "Solicitudes por aceptar o rechazar", [ActionKind.ApprovePlacements] = "Prácticas por aprobar",
            [ActionKind.WriteAgreements] = "Acuerdos de formación por redactar", [ActionKind.FollowUpAgreements] = "Acuerdos en espera de reconocimientos",
            [ActionKind.RenewApprovals] = "Aprobaciones que vencen en una semana", [ActionKind.AcknowledgeAsSupervisor] = "Acuerdos por reconocer como supervisor",
            [ActionKind.ApproveHours] = "Registros de horas por aprobar", [ActionKind.AcknowledgeAsStudent] = "Sus acuerdos por reconocer",
            [ActionKind.AcknowledgeAsGuardian] = "Acuerdos de su hijo o hija por reconocer", [ActionKind.CurateOpportunities] = "Oportunidades por revisar",
            [ActionKind.WriteReflections] = "Prácticas sobre las que reflexionar",
        },
    };

    /// <summary>Every kind has its words in every language LaunchPath writes (a test holds this).</summary>
    public static IReadOnlyDictionary<string, Dictionary<ActionKind, string>> Words => Labels;

    public sealed class Job(Db db, Outbox outbox, PublicUrl publicUrl, CallerLoader callers, TimeProvider clock, ILogger<Job> logger) : IRecurringJob, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [SelectStaff, .. MessageBatches.Statements, .. Outbox.Statements, .. MessagePreferenceStore.Statements(dialect)];

        public Task RunAsync(JobContext job, CancellationToken cancellationToken) => SendAsync(cancellationToken);

        /// <summary>Writes this week's digest for every coordinator and convener with something waiting and none yet this week; returns how many.</summary>
        public async Task<int> SendAsync(CancellationToken cancellationToken)
        {
            if (publicUrl.ForBackground(logger, "weekly digests") is not { } baseUrl)
            {
                return 0;
            }

            var now = clock.GetUtcNow();
            var actions = new GetMyActions.Handler(db, clock);
            await using var connection = await db.OpenAsync(cancellationToken);
            var staff = (await connection.QueryAsync<Staff>(new CommandDefinition(SelectStaff, cancellationToken: cancellationToken))).ToList();
            var written = 0;
            foreach (var person in staff)
            {
                var local = TimeZoneInfo.ConvertTime(now, MessageDates.Zone(person.TimeZone));
                if (local.DayOfWeek == DayOfWeek.Monday && local.Hour < Hour)
                {
                    continue; // the week's digest goes from Monday 7 am; later in the week (a node was down) it still goes
                }

                var week = $"{ISOWeek.GetYear(local.DateTime)}-W{ISOWeek.GetWeekOfYear(local.DateTime):00}";
                if (await callers.ForUserAsync(person.Id, cancellationToken) is not { } caller)
                {
                    continue;
                }

                var waiting = (await actions.Handle(new GetMyActions.Query(caller), cancellationToken)).Value!;
                if (waiting.Count == 0)
                {
                    continue;
                }

                // Staff have no record language: the one they chose for their address, else English.
                var language = MessageTemplates.LanguageFor((await MessagePreferenceStore.ReadAsync(connection, Outbox.Normalize(person.Email), cancellationToken)).Language);
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                if (!await MessageBatches.ClaimAsync(connection, transaction, db.Dialect, $"weekly:{person.Id:D}:{week}", now, cancellationToken))
                {
                    continue;
                }

                var items = waiting.Select(a => new Dictionary<string, object> { ["label"] = Labels[language][a.Kind], ["count"] = a.Count }).ToList();
                await outbox.EnqueueAsync(connection, transaction, new Envelope("digest.weekly", language, person.Email, person.DisplayName, new Dictionary<string, object>
                {
                    ["recipient"] = person.DisplayName,
                    ["region"] = person.RegionName ?? "LaunchPath",
                    ["items"] = items,
                    ["total"] = waiting.Sum(a => a.Count),
                    ["link"] = $"{baseUrl.TrimEnd('/')}/#/inbox",
                }), cancellationToken);
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

    private sealed class Staff
    {
        public Guid Id { get; set; }
        public string Email { get; set; } = "";
        public string DisplayName { get; set; } = "";
        public string? RegionName { get; set; }
        public string? TimeZone { get; set; }
    }
}
