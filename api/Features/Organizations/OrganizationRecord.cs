using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Contracts.Common;
using LaunchPath.Contracts.Organizations;

namespace LaunchPath.Api.Features.Organizations;

/// <summary>The organizations row as Dapper reads it, and its one mapping to the wire record. Shared by the area's slices.</summary>
internal sealed class OrganizationRecord
{
    public const string Columns =
        "id, type, name, parent_id, region_id, district_id, sourced_id, identifier, address_line1, address_line2, address_city, " +
        "address_state, address_postal_code, address_country, industry, career_cluster, version, created_at, updated_at";

    public Guid Id { get; set; }
    public string Type { get; set; } = "";
    public string Name { get; set; } = "";
    public Guid? ParentId { get; set; }
    public Guid? RegionId { get; set; }
    public Guid? DistrictId { get; set; }
    public string? SourcedId { get; set; }
    public string? Identifier { get; set; }
    public string? AddressLine1 { get; set; }
    public string? AddressLine2 { get; set; }
    public string? AddressCity { get; set; }
    public string? AddressState { get; set; }
    public string? AddressPostalCode { get; set; }
    public string? AddressCountry { get; set; }
    public string? Industry { get; set; }
    public string? CareerCluster { get; set; }
    public int Version { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public OrganizationType OrganizationType => DbEnum.Parse<OrganizationType>(Type);

    /// <summary>The uniqueness scope of an external sourcedId: ids are unique among one parent's organizations (regions among regions).</summary>
    public static string ScopeKey(Guid? parentId) => parentId?.ToString("D") ?? "root";

    public Organization ToContract() => new()
    {
        Id = Id.ToString("D"),
        Type = OrganizationType,
        Name = Name,
        ParentId = ParentId?.ToString("D"),
        SourcedId = SourcedId,
        Identifier = Identifier,
        Address = AddressLine1 is null
            ? null
            : new PostalAddress
            {
                Line1 = AddressLine1,
                Line2 = AddressLine2,
                City = AddressCity ?? "",
                State = AddressState ?? "",
                PostalCode = AddressPostalCode ?? "",
                Country = AddressCountry,
            },
        Industry = Industry,
        CareerCluster = CareerCluster is null ? null : DbEnum.Parse<CareerCluster>(CareerCluster),
        Version = Version,
        CreatedAt = CreatedAt,
        UpdatedAt = UpdatedAt,
    };

    /// <summary>Column parameters for the editable fields, shared by insert and update.</summary>
    public static object EditableParameters(string name, string? sourcedId, string? identifier, PostalAddress? address, string? industry, CareerCluster? cluster) => new
    {
        Name = name.Trim(),
        SourcedId = Normalize(sourcedId),
        Identifier = Normalize(identifier),
        AddressLine1 = Normalize(address?.Line1),
        AddressLine2 = Normalize(address?.Line2),
        AddressCity = Normalize(address?.City),
        AddressState = Normalize(address?.State),
        AddressPostalCode = Normalize(address?.PostalCode),
        AddressCountry = address is null ? null : Normalize(address.Country)?.ToUpperInvariant() ?? "US",
        Industry = Normalize(industry),
        CareerCluster = cluster is null ? null : DbEnum.ToText(cluster.Value),
    };

    private static string? Normalize(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
