using System.Text.Json;

namespace LaunchPath.Api.Infrastructure.Data;

/// <summary>
/// Lists as one JSON array parameter, read back with <c>IN (SELECT value FROM json_each(@Ids))</c> on both engines
/// (SQLite's json_each; on SQL Server a json_each function over OPENJSON, migration 0017). One parameter, however many
/// ids: the cost is linear, where Dapper's "IN @Ids" expansion bound one named parameter per id and grew with the
/// square of the list on SQLite. Ids are canonical strings, as SQLite stores them and as SQL Server converts to
/// uniqueidentifier.
/// A caller's own few organizations (the visibility predicates) are tested per row instead, with
/// <c>EXISTS (SELECT 1 FROM json_each(@Regions) WHERE value = x.region_id)</c>: for every <c>IN (SELECT …)</c> list
/// SQLite builds a temporary table and a Bloom filter on each execution, which for the eight lists of an opportunity
/// search cost more than the search (≈ 390 µs against ≈ 200 µs).
/// </summary>
public static class DbIds
{
    public static string Of(IEnumerable<Guid> ids) => JsonSerializer.Serialize(ids.Select(id => id.ToString("D")).Distinct());

    public static string Texts(IEnumerable<string> values) => JsonSerializer.Serialize(values.Distinct());

    /// <summary>An id column read straight from a data reader (text on SQLite, uniqueidentifier on SQL Server).</summary>
    public static Guid Read(System.Data.Common.DbDataReader reader, int ordinal) => reader.GetValue(ordinal) switch
    {
        Guid id => id,
        string text => Guid.Parse(text),
        var other => throw new InvalidCastException($"Column {ordinal} is not an id ({other.GetType().Name})."),
    };
}
