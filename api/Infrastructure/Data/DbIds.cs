namespace LaunchPath.Api.Infrastructure.Data;

/// <summary>
/// Lists of ids for Dapper's "IN @Ids" expansion. Dapper binds list items without the type handlers, so a Guid would reach
/// SQLite as a BLOB and never equal the stored text; canonical strings compare equal on SQLite and convert implicitly to
/// uniqueidentifier on SQL Server.
/// </summary>
public static class DbIds
{
    public static List<string> Of(IEnumerable<Guid> ids) => ids.Select(id => id.ToString("D")).Distinct().ToList();
}
