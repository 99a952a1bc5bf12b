namespace LaunchPath.Api.Domain;

/// <summary>How a person is named to others: their preferred given name when they have one, else their given name.</summary>
internal static class PersonNames
{
    public static string First(string givenName, string? preferredName) => string.IsNullOrWhiteSpace(preferredName) ? givenName : preferredName;

    public static string Full(string givenName, string? preferredName, string familyName) => $"{First(givenName, preferredName)} {familyName}".Trim();
}
