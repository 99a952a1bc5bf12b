using System.Data.Common;
using Dapper;
using LaunchPath.Contracts.Roster;
using Microsoft.AspNetCore.DataProtection;

namespace LaunchPath.Api.Features.Roster;

/// <summary>A roster_connections row, its secret's protection, and its next nightly pull. Shared by the area.</summary>
internal sealed class RosterConnectionRecord
{
    /// <summary>The Data Protection purpose of client secrets: a secret protected for anything else cannot be read as one.</summary>
    public const string SecretPurpose = "LaunchPath.Roster.ConnectionSecret.v1";

    public const string Columns =
        "district_id, base_url, token_url, client_id, client_secret, enabled, pull_hour_utc, watermark, next_pull_at, last_pull_at, last_import_id, updated_at";

    private static readonly string Select = $"SELECT {Columns} FROM roster_connections WHERE district_id = @DistrictId";

    public static IEnumerable<string> Statements => [Select];

    public Guid DistrictId { get; set; }
    public string BaseUrl { get; set; } = "";
    public string TokenUrl { get; set; } = "";
    public string ClientId { get; set; } = "";
    public string ClientSecret { get; set; } = "";
    public bool Enabled { get; set; }
    public int PullHourUtc { get; set; }
    public string? Watermark { get; set; }
    public DateTimeOffset? NextPullAt { get; set; }
    public DateTimeOffset? LastPullAt { get; set; }
    public Guid? LastImportId { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public static Task<RosterConnectionRecord?> FindAsync(DbConnection connection, Guid districtId, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<RosterConnectionRecord>(new CommandDefinition(Select, new { DistrictId = districtId }, cancellationToken: cancellationToken));

    public OneRosterPuller.Credentials Credentials(IDataProtectionProvider protection) =>
        new(BaseUrl, TokenUrl, ClientId, protection.CreateProtector(SecretPurpose).Unprotect(ClientSecret));

    /// <summary>The next time the nightly pull is due: today's pull hour if it is still ahead, else tomorrow's.</summary>
    public static DateTimeOffset NextPull(DateTimeOffset now, int hourUtc)
    {
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddHours(hourUtc);
        return today > now ? today : today.AddDays(1);
    }

    public RosterConnection ToContract() => new()
    {
        DistrictId = DistrictId.ToString("D"),
        BaseUrl = BaseUrl,
        TokenUrl = TokenUrl,
        ClientId = ClientId,
        ClientSecretSet = ClientSecret.Length > 0,
        Enabled = Enabled,
        PullHourUtc = PullHourUtc,
        Watermark = Watermark,
        LastPullAt = LastPullAt,
        LastImportId = LastImportId?.ToString("D"),
        NextPullAt = Enabled ? NextPullAt : null,
        UpdatedAt = UpdatedAt,
    };
}
