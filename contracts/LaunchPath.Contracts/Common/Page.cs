namespace LaunchPath.Contracts.Common;

/// <summary>Career clusters of the Advance CTE National Career Clusters Framework (modernized 2024): 14 clusters.</summary>
public enum CareerCluster
{
    AdvancedManufacturing,
    Agriculture,
    ArtsEntertainmentDesign,
    Construction,
    DigitalTechnology,
    Education,
    EnergyNaturalResources,
    FinancialServices,
    HealthcareHumanServices,
    HospitalityEventsTourism,
    ManagementEntrepreneurship,
    MarketingSales,
    PublicServiceSafety,
    SupplyChainTransportation,
}

/// <summary>A postal address. State is a two-letter or full state/province name.</summary>
public sealed record PostalAddress
{
    public required string Line1 { get; init; }
    public string? Line2 { get; init; }
    public required string City { get; init; }
    public required string State { get; init; }
    public required string PostalCode { get; init; }
    /// <summary>ISO 3166-1 alpha-2 country code; defaults to US.</summary>
    public string? Country { get; init; }
}
