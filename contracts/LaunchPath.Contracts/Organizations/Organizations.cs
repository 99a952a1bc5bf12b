using LaunchPath.Contracts.Common;

namespace LaunchPath.Contracts.Organizations;

/// <summary>
/// The kinds of organization LaunchPath knows. Regions (a convener's territory) hold districts and employers;
/// districts hold schools (OneRoster orgs of type district and school).
/// </summary>
public enum OrganizationType
{
    Region,
    District,
    School,
    Employer,
}

/// <summary>An organization: region, district, school or employer.</summary>
public sealed record Organization
{
    public required string Id { get; init; }
    public required OrganizationType Type { get; init; }
    public required string Name { get; init; }
    /// <summary>The region (for districts and employers) or district (for schools) this organization belongs to.</summary>
    public string? ParentId { get; init; }
    /// <summary>External id from the district SIS (OneRoster sourcedId), unique among the parent's organizations.</summary>
    public string? SourcedId { get; init; }
    /// <summary>Human-facing code, e.g. a CDS code or NCES id.</summary>
    public string? Identifier { get; init; }
    public PostalAddress? Address { get; init; }
    /// <summary>Employers only: free-text industry (e.g. NAICS title).</summary>
    public string? Industry { get; init; }
    /// <summary>Employers only: the career cluster the employer mainly serves.</summary>
    public CareerCluster? CareerCluster { get; init; }
    /// <summary>Concurrency version; also sent as the ETag.</summary>
    public required int Version { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>One page of organizations; pass nextCursor back as cursor for the next page.</summary>
public sealed record OrganizationPage
{
    public required IReadOnlyList<Organization> Items { get; init; }
    public string? NextCursor { get; init; }
}

public sealed record CreateOrganizationRequest
{
    public required OrganizationType Type { get; init; }
    public required string Name { get; init; }
    /// <summary>Required for districts and employers (a region) and schools (a district); must be absent for regions.</summary>
    public string? ParentId { get; init; }
    public string? SourcedId { get; init; }
    public string? Identifier { get; init; }
    public PostalAddress? Address { get; init; }
    public string? Industry { get; init; }
    public CareerCluster? CareerCluster { get; init; }
}

/// <summary>Replaces the organization's editable fields. Type and parent cannot change.</summary>
public sealed record UpdateOrganizationRequest
{
    public required string Name { get; init; }
    public string? SourcedId { get; init; }
    public string? Identifier { get; init; }
    public PostalAddress? Address { get; init; }
    public string? Industry { get; init; }
    public CareerCluster? CareerCluster { get; init; }
}
