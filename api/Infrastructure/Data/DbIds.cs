using System.Text.Json;

namespace LaunchPath.Api.Infrastructure.Data;

/// <summary>
/// Lists as one JSON array parameter, read back with <c>IN (SELECT value FROM json_each(@Ids))</c> on both engines
/// (SQLite's json_each; on SQL Server a json_each function over OPENJSON, migration 0017). One parameter, however many
/// ids: the cost is linear, where Dapper's "IN @Ids" expansion bound one named parameter per id and grew with the
/// square of the list on SQLite. Ids are canonical strings, as SQLite stores them and as SQL Server converts to
/// uniqueidentifier.
/// A caller's own few organizations (the visibility predicates) are tested per row instead (<see cref="Among"/>).
/// </summary>
public static class DbIds
{
    /// <summary>
    /// <c>EXISTS (SELECT 1 FROM json_each(@Regions) WHERE value = x.region_id)</c>: whether <paramref name="column"/> is
    /// in the short list <paramref name="parameter"/> (a caller's own few organizations), tested per row. For every
    /// <c>IN (SELECT …)</c> list SQLite builds a temporary table and a Bloom filter on each execution, which for the
    /// eight lists of an opportunity search cost more than the search (≈ 390 µs against ≈ 200 µs). Long lists that pick
    /// the rows (ids to load) keep <c>IN (SELECT value FROM json_each(@Ids))</c>.
    /// </summary>
    public static string Among(string column, string parameter) => $"EXISTS (SELECT 1 FROM json_each({parameter}) WHERE value = {column})";

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
