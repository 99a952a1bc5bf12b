using System.Data.Common;
using Dapper;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Jobs;
using LaunchPath.Api.Infrastructure.Messaging;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Placements;

namespace LaunchPath.Api.Features.Placements.Agreements;

/// <summary>
/// Reminders about agreements, per the region's message settings, hourly on one node at a time:
/// <list type="bullet">
/// <item>an agreement that has waited the region's delay for a guardian's (of a minor) or the supervisor's
/// acknowledgement reminds them, with a new link, once per version of the agreement;</item>
/// <item>a placement whose approval expires within the region's warning days while its agreement is incomplete warns
/// the school's WBL coordinators, once per expiry date.</item>
/// </list>
/// Each reminder's key is written first (<c>message_batches</c>), so a rerun or a second node never sends it twice.
/// </summary>
public static class SendReminders
{
    public const string JobKind = "reminders";

    public static readonly TimeSpan Every = TimeSpan.FromHours(1);

    private const string SelectWaitingAgreements =
        "SELECT pl.id, a.version, a.updated_at, a.terms, op.region_id FROM placements pl JOIN agreements a ON a.placement_id = pl.id " +
        "JOIN opportunities op ON op.id = pl.opportunity_id WHERE pl.status = 'agreementPending'";

    /// <summary>Who acknowledged the current version of a placement's agreement.</summary>
    private const string SelectAcknowledged =
        "SELECT a.party FROM acknowledgements a JOIN agreements ag ON ag.placement_id = a.placement_id AND ag.version = a.agreement_version WHERE a.placement_id = @Id";

    private const string SelectExpiring =
        "SELECT pl.id, pl.expires_on, op.region_id FROM placements pl JOIN opportunities op ON op.id = pl.opportunity_id " +
        "WHERE pl.status IN ('approved', 'agreementPending') AND pl.expires_on IS NOT NULL AND pl.expires_on >= @Today AND pl.expires_on <= @Until";

    private const string SelectCoordinators =
        "SELECT u.id, u.email, u.display_name FROM memberships m JOIN users u ON u.id = m.user_id " +
        "WHERE m.organization_id = @SchoolId AND m.role = 'schoolCoordinator' AND u.disabled = 0 ORDER BY u.email";

    private const string SelectRegionName = "SELECT name FROM organizations WHERE id = @Id";

    public sealed class Job(Db db, Outbox outbox, PublicUrl publicUrl, TimeProvider clock, ILogger<Job> logger) : IRecurringJob, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) =>
        [
            SelectWaitingAgreements, SelectAcknowledged, SelectExpiring, SelectCoordinators, SelectRegionName, .. MessageBatches.Statements, .. MessageSettingsRecord.Statements,
            .. AgreementMessages.Statements, .. PlacementRecord.Statements,
        ];

        public Task RunAsync(JobContext job, CancellationToken cancellationToken) => SendAsync(cancellationToken);

        /// <summary>Writes every reminder and warning due now; returns how many messages were written.</summary>
        public async Task<int> SendAsync(CancellationToken cancellationToken)
        {
            if (publicUrl.ForBackground(logger, "reminders") is not { } baseUrl)
            {
                return 0;
            }

            await using var connection = await db.OpenAsync(cancellationToken);
            var settings = await MessageSettingsRecord.AllAsync(connection, cancellationToken);
            var written = await AgreementRemindersAsync(connection, settings, baseUrl, cancellationToken) + await ExpiryWarningsAsync(connection, settings, baseUrl, cancellationToken);
            if (written > 0)
            {
                outbox.Wake();
            }

            return written;
        }

        private async Task<int> AgreementRemindersAsync(DbConnection connection, Dictionary<Guid, Contracts.Messaging.MessageSettings> settings, string baseUrl,
            CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            var written = 0;
            foreach (var agreement in await connection.QueryAsync<WaitingAgreement>(new CommandDefinition(SelectWaitingAgreements, cancellationToken: cancellationToken)))
            {
                var days = settings.TryGetValue(agreement.RegionId, out var region) ? region.AgreementReminderDays : MessageSettingsRecord.DefaultAgreementReminderDays;
                if (agreement.UpdatedAt > now - TimeSpan.FromDays(days))
                {
                    continue;
                }

                var placement = await PlacementRecord.FindVisibleAsync(connection, Caller.System, agreement.Id, cancellationToken);
                if (placement is null)
                {
                    continue;
                }

                var done = (await connection.QueryAsync<string>(new CommandDefinition(SelectAcknowledged, new { agreement.Id }, cancellationToken: cancellationToken)))
                    .Select(DbEnum.Parse<AgreementParty>).ToHashSet();
                var terms = DbJson.Read<AgreementRequest>(agreement.Terms, null!);
                foreach (var party in placement.RequiredParties(today).Where(p => p is AgreementParty.Guardian or AgreementParty.Supervisor && !done.Contains(p)))
                {
                    await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                    if (!await MessageBatches.ClaimAsync(connection, transaction, db.Dialect, $"reminder:agreement:{agreement.Id:D}:v{agreement.Version}:{DbEnum.ToText(party)}", now, cancellationToken))
                    {
                        continue;
                    }

                    written += (await AgreementMessages.WriteAsync(connection, transaction, outbox, placement, terms, [party], baseUrl, null, now, cancellationToken, reminder: true)).Count;
                    await transaction.CommitAsync(cancellationToken);
                }
            }

            return written;
        }

        private async Task<int> ExpiryWarningsAsync(DbConnection connection, Dictionary<Guid, Contracts.Messaging.MessageSettings> settings, string baseUrl,
            CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            var longest = settings.Values.Select(s => s.ExpiryWarningDays).DefaultIfEmpty(MessageSettingsRecord.DefaultExpiryWarningDays).Max();
            var written = 0;
            foreach (var expiring in await connection.QueryAsync<Expiring>(new CommandDefinition(SelectExpiring, new { Today = today, Until = today.AddDays(longest) },
                         cancellationToken: cancellationToken)))
            {
                var region = settings.GetValueOrDefault(expiring.RegionId);
                if (expiring.ExpiresOn > today.AddDays(region?.ExpiryWarningDays ?? MessageSettingsRecord.DefaultExpiryWarningDays))
                {
                    continue;
                }

                var placement = await PlacementRecord.FindVisibleAsync(connection, Caller.System, expiring.Id, cancellationToken);
                if (placement is null)
                {
                    continue;
                }

                var done = (await connection.QueryAsync<string>(new CommandDefinition(SelectAcknowledged, new { placement.Id }, cancellationToken: cancellationToken)))
                    .Select(DbEnum.Parse<AgreementParty>).ToHashSet();
                // Approved without an agreement yet, or written and waiting for those who have not acknowledged it.
                var missing = placement.PlacementStatus == PlacementStatus.Approved
                    ? "no agreement written yet"
                    : "waiting for " + string.Join(", ", placement.RequiredParties(today).Where(p => !done.Contains(p)).Select(p => DbEnum.ToText(p)));
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                if (!await MessageBatches.ClaimAsync(connection, transaction, db.Dialect, $"warning:expiry:{expiring.Id:D}:{expiring.ExpiresOn:yyyy-MM-dd}", now, cancellationToken))
                {
                    continue;
                }

                var coordinators = (await connection.QueryAsync<Coordinator>(new CommandDefinition(SelectCoordinators, new { placement.SchoolId }, transaction,
                    cancellationToken: cancellationToken))).ToList();
                var regionName = await connection.ExecuteScalarAsync<string>(new CommandDefinition(SelectRegionName, new { Id = expiring.RegionId }, transaction,
                    cancellationToken: cancellationToken)) ?? "";
                foreach (var coordinator in coordinators)
                {
                    await outbox.EnqueueAsync(connection, transaction, new Envelope("placement.expiring", MessageTemplates.DefaultLanguage, coordinator.Email, coordinator.DisplayName,
                        new Dictionary<string, object>
                        {
                            ["recipient"] = coordinator.DisplayName,
                            ["student"] = PersonNames.Full(placement.GivenName, placement.PreferredName, placement.FamilyName),
                            ["opportunity"] = placement.OpportunityTitle,
                            ["employer"] = placement.EmployerName,
                            ["date"] = MessageDates.Day(expiring.ExpiresOn, MessageTemplates.DefaultLanguage),
                            ["missing"] = missing,
                            ["link"] = $"{baseUrl.TrimEnd('/')}/#/placements/{placement.Id:D}",
                            ["region"] = regionName,
                        }, PlacementId: placement.Id), cancellationToken);
                    written++;
                }

                await transaction.CommitAsync(cancellationToken);
            }

            return written;
        }
    }

    private sealed class WaitingAgreement
    {
        public Guid Id { get; set; }
        public int Version { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }
        public string Terms { get; set; } = "";
        public Guid RegionId { get; set; }
    }

    private sealed class Expiring
    {
        public Guid Id { get; set; }
        public DateOnly ExpiresOn { get; set; }
        public Guid RegionId { get; set; }
    }

    private sealed class Coordinator
    {
        public Guid Id { get; set; }
        public string Email { get; set; } = "";
        public string DisplayName { get; set; } = "";
    }
}
