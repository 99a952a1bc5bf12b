using System.Data.Common;
using Dapper;
using LaunchPath.Api.Infrastructure.Messaging;
using LaunchPath.Contracts.Messaging;

namespace LaunchPath.Api.Domain;

/// <summary>A region's message settings, with the defaults a region has until its curators change them.</summary>
internal static class MessageSettingsRecord
{
    public const int DefaultAgreementReminderDays = 3;
    public const int DefaultHoursReminderDays = 3;
    public const int DefaultExpiryWarningDays = 7;
    public const string DefaultTimeZone = "America/Los_Angeles";

    private const string Select =
        "SELECT r.id AS region_id, r.time_zone, s.agreement_reminder_days, s.hours_reminder_days, s.expiry_warning_days, s.version " +
        "FROM organizations r LEFT JOIN message_settings s ON s.region_id = r.id WHERE r.id = @RegionId";

    /// <summary>Every region's settings (for the reminder jobs), with the defaults filled in.</summary>
    private const string SelectAll =
        "SELECT r.id AS region_id, r.time_zone, s.agreement_reminder_days, s.hours_reminder_days, s.expiry_warning_days, s.version " +
        "FROM organizations r LEFT JOIN message_settings s ON s.region_id = r.id WHERE r.type = 'region'";

    public static IEnumerable<string> Statements => [Select, SelectAll];

    public static async Task<MessageSettings> ReadAsync(DbConnection connection, Guid regionId, CancellationToken cancellationToken) =>
        (await connection.QuerySingleAsync<Row>(new CommandDefinition(Select, new { RegionId = regionId }, cancellationToken: cancellationToken))).ToContract();

    public static async Task<Dictionary<Guid, MessageSettings>> AllAsync(DbConnection connection, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<Row>(new CommandDefinition(SelectAll, cancellationToken: cancellationToken))).ToDictionary(r => r.RegionId, r => r.ToContract());

    private sealed class Row
    {
        public Guid RegionId { get; set; }
        public string? TimeZone { get; set; }
        public int? AgreementReminderDays { get; set; }
        public int? HoursReminderDays { get; set; }
        public int? ExpiryWarningDays { get; set; }
        public int? Version { get; set; }

        public MessageSettings ToContract() => new()
        {
            RegionId = RegionId.ToString("D"),
            TimeZone = MessageDates.Zone(TimeZone).Id,
            AgreementReminderDays = AgreementReminderDays ?? DefaultAgreementReminderDays,
            HoursReminderDays = HoursReminderDays ?? DefaultHoursReminderDays,
            ExpiryWarningDays = ExpiryWarningDays ?? DefaultExpiryWarningDays,
            Version = Version ?? 0,
        };
    }
}
