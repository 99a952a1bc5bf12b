using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Identity;

namespace LaunchPath.Api.Features.ApiKeys;

internal sealed class ApiKeyRecord
{
    public const string Columns = "id, organization_id, name, prefix, permissions, created_at, revoked_at, last_used_at";

    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public string Name { get; set; } = "";
    public string Prefix { get; set; } = "";
    public string Permissions { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }

    public ApiKeyInfo ToContract() => new()
    {
        Id = Id.ToString("D"),
        OrganizationId = OrganizationId.ToString("D"),
        Name = Name,
        Prefix = Prefix,
        Permissions = ApiKeyFormat.ParsePermissions(Permissions).ToList(),
        CreatedAt = CreatedAt,
        RevokedAt = RevokedAt,
        LastUsedAt = LastUsedAt,
    };
}
