using LaunchPath.Contracts.Common;

namespace LaunchPath.Api.Infrastructure.Data;

/// <summary>A postal address stored as address_* columns; shared by every table that has one.</summary>
public static class AddressColumns
{
    public const string Select = "address_line1, address_line2, address_city, address_state, address_postal_code, address_country";

    public static PostalAddress? ToContract(string? line1, string? line2, string? city, string? state, string? postalCode, string? country) =>
        line1 is null
            ? null
            : new PostalAddress { Line1 = line1, Line2 = line2, City = city ?? "", State = state ?? "", PostalCode = postalCode ?? "", Country = country };

    /// <summary>Parameters named like the columns (@address_line1 ...).</summary>
    public static object Parameters(PostalAddress? address) => new
    {
        address_line1 = Normalize(address?.Line1),
        address_line2 = Normalize(address?.Line2),
        address_city = Normalize(address?.City),
        address_state = Normalize(address?.State),
        address_postal_code = Normalize(address?.PostalCode),
        address_country = address is null ? null : Normalize(address.Country)?.ToUpperInvariant() ?? "US",
    };

    public const string InsertParameters = "@address_line1, @address_line2, @address_city, @address_state, @address_postal_code, @address_country";

    public const string Assignments =
        "address_line1 = @address_line1, address_line2 = @address_line2, address_city = @address_city, address_state = @address_state, " +
        "address_postal_code = @address_postal_code, address_country = @address_country";

    public static string? Normalize(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
