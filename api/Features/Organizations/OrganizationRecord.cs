using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Contracts.Common;
using LaunchPath.Contracts.Organizations;

namespace LaunchPath.Api.Features.Organizations;

/// <summary>The organizations row as Dapper reads it, and its one mapping to the wire record. Shared by the area's slices.</summary>
internal sealed class OrganizationRecord
{
    public const string Columns =
        "id, type, name, parent_id, region_id, district_id, sourced_id, identifier, " + AddressColumns.Select +
        ", industry, career_cluster, version, created_at, updated_at";

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

    public Infrastructure.Security.OrgRef ToOrgRef() => new(Id, OrganizationType, RegionId ?? Id, DistrictId);

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
        Address = AddressColumns.ToContract(AddressLine1, AddressLine2, AddressCity, AddressState, AddressPostalCode, AddressCountry),
        Industry = Industry,
        CareerCluster = CareerCluster is null ? null : DbEnum.Parse<CareerCluster>(CareerCluster),
        Version = Version,
        CreatedAt = CreatedAt,
        UpdatedAt = UpdatedAt,
    };

    /// <summary>Column parameters for the editable fields, shared by insert and update.</summary>
    public static Dapper.DynamicParameters EditableParameters(string name, string? sourcedId, string? identifier, PostalAddress? address, string? industry, CareerCluster? cluster)
    {
        var parameters = new Dapper.DynamicParameters(AddressColumns.Parameters(address));
        parameters.AddDynamicParams(new
        {
            Name = name.Trim(),
            SourcedId = AddressColumns.Normalize(sourcedId),
            Identifier = AddressColumns.Normalize(identifier),
            Industry = AddressColumns.Normalize(industry),
            CareerCluster = cluster is null ? null : DbEnum.ToText(cluster.Value),
        });
        return parameters;
    }
}
