using System.Data.Common;
using System.Xml.Linq;
using Dapper;
using LaunchPath.Api.Infrastructure.Data;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace LaunchPath.Api.Infrastructure.Security;

/// <summary>
/// The ASP.NET Core Data Protection key ring in the database, so every node reads what any node protected (the SIS
/// client secrets). Data Protection creates, rotates (every 90 days) and retires the keys; this only stores them.
/// A key folder from before the ring lived here (<paramref name="legacyFolder"/>) is imported once, so secrets saved
/// then can still be read.
/// </summary>
public sealed class DatabaseKeyRing(Db db, TimeProvider clock, string legacyFolder) : IXmlRepository, ISqlSource
{
    private const string Select = "SELECT xml FROM data_protection_keys ORDER BY created_at";

    private const string Insert = "INSERT INTO data_protection_keys (name, xml, created_at) VALUES (@Name, @Xml, @Now)";

    public static IEnumerable<string> Statements(SqlDialect dialect) => [Select, Insert];

    // Data Protection calls these synchronously, rarely (at start-up and when a key is created or expires).
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = db.OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
        var stored = connection.Query<string>(Select).ToList();
        if (stored.Count == 0 && Directory.Exists(legacyFolder))
        {
            foreach (var file in Directory.EnumerateFiles(legacyFolder, "*.xml").Order(StringComparer.Ordinal))
            {
                StoreElement(XElement.Load(file), Path.GetFileNameWithoutExtension(file));
            }

            stored = connection.Query<string>(Select).ToList();
        }

        return stored.Select(xml => XElement.Parse(xml)).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = db.OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
        try
        {
            connection.Execute(Insert, new { Name = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting), Now = clock.GetUtcNow() });
        }
        catch (DbException exception) when (db.Dialect.IsUniqueViolation(exception))
        {
            // The same key stored twice (a retry): the first copy is the key.
        }
    }
}
