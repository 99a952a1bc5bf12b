using Dapper;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Jobs;
using LaunchPath.Api.Infrastructure.Messaging;

namespace LaunchPath.Api.Features.Partners.Documents;

/// <summary>
/// Thirty days before an approved employer document expires, its employer's admins and the region's convener staff
/// are emailed, once per document: a recurring job (every six hours, on one node at a time) that marks the document
/// warned in the transaction that writes the emails, so a rerun or a second node never warns twice. Once it has lapsed,
/// a required document blocks new placements (<see cref="Partnerships"/>) and shows on the convener's board.
/// </summary>
public static class WarnExpiringDocuments
{
    public const string JobKind = "document-expiry";

    public static readonly TimeSpan Every = TimeSpan.FromHours(6);

    private const string SelectDue =
        "SELECT d.id, d.employer_id, d.region_id, d.kind, d.expires_on, e.name AS employer_name, r.name AS region_name FROM employer_documents d " +
        "JOIN organizations e ON e.id = d.employer_id JOIN organizations r ON r.id = d.region_id " +
        "WHERE d.status = 'approved' AND d.expiry_warned_at IS NULL AND d.expires_on >= @Today AND d.expires_on <= @Until";

    private const string MarkWarned = "UPDATE employer_documents SET expiry_warned_at = @Now WHERE id = @Id AND expiry_warned_at IS NULL";

    private const string SelectConveners =
        "SELECT DISTINCT u.email, u.display_name FROM memberships m JOIN users u ON u.id = m.user_id " +
        "WHERE m.organization_id = @RegionId AND m.role IN ('convenerAdmin', 'convenerStaff') AND u.disabled = 0 ORDER BY u.email";

    public sealed class Job(Db db, Outbox outbox, PublicUrl publicUrl, TimeProvider clock, ILogger<Job> logger) : IRecurringJob, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [SelectDue, MarkWarned, SelectConveners, .. EmployerMessages.Statements, .. Partnerships.Statements];

        public Task RunAsync(JobContext job, CancellationToken cancellationToken) => WarnAsync(cancellationToken);

        /// <summary>Warns of every approved document expiring within 30 days not yet warned of; returns how many documents.</summary>
        public async Task<int> WarnAsync(CancellationToken cancellationToken)
        {
            if (publicUrl.ForBackground(logger, "document expiry warnings") is not { } origin)
            {
                return 0;
            }

            var now = clock.GetUtcNow();
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            await using var connection = await db.OpenAsync(cancellationToken);
            var due = (await connection.QueryAsync<Due>(new CommandDefinition(SelectDue, new { Today = today, Until = today.AddDays(Partnerships.ExpiryWarningDays) },
                cancellationToken: cancellationToken))).ToList();
            var warned = 0;
            foreach (var document in due)
            {
                var rules = await Partnerships.RequirementsAsync(connection, document.RegionId, cancellationToken);
                var kind = rules.Documents.FirstOrDefault(k => k.Key == document.Kind);
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                if (await connection.ExecuteAsync(new CommandDefinition(MarkWarned, new { document.Id, Now = now }, transaction, cancellationToken: cancellationToken)) == 0)
                {
                    continue;
                }

                var values = new Dictionary<string, object>
                {
                    ["employer"] = document.EmployerName,
                    ["document"] = kind?.Name ?? document.Kind,
                    ["expires"] = document.ExpiresOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    ["required"] = kind?.Required ?? false,
                    ["link"] = $"{origin}/#/partnership",
                };
                await EmployerMessages.WriteAsync(connection, transaction, outbox, document.EmployerId, "partner.documentExpiring", new Dictionary<string, object>(values), null, null, now,
                    cancellationToken);
                foreach (var convener in await connection.QueryAsync<Person>(new CommandDefinition(SelectConveners, new { document.RegionId }, transaction, cancellationToken: cancellationToken)))
                {
                    await outbox.EnqueueAsync(connection, transaction, new Envelope("partner.documentExpiring", MessageTemplates.DefaultLanguage, convener.Email, convener.DisplayName,
                        new Dictionary<string, object>(values) { ["recipient"] = convener.DisplayName, ["region"] = document.RegionName, ["link"] = $"{origin}/#/partners" }), cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                warned++;
            }

            if (warned > 0)
            {
                outbox.Wake();
            }

            return warned;
        }
    }

    private sealed class Due
    {
        public Guid Id { get; set; }
        public Guid EmployerId { get; set; }
        public Guid RegionId { get; set; }
        public string Kind { get; set; } = "";
        public DateOnly ExpiresOn { get; set; }
        public string EmployerName { get; set; } = "";
        public string RegionName { get; set; } = "";
    }

    private sealed class Person
    {
        public string Email { get; set; } = "";
        public string DisplayName { get; set; } = "";
    }
}
