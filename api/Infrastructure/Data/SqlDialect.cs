using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace LaunchPath.Api.Infrastructure.Data;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

/// <summary>
/// The few places where SQLite and SQL Server disagree. Everything else is written once in SQL both engines accept.
/// </summary>
public abstract class SqlDialect
{
    public static readonly SqlDialect Sqlite = new SqliteDialect();
    public static readonly SqlDialect SqlServer = new SqlServerDialect();

    public static SqlDialect For(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => Sqlite,
        DatabaseProvider.SqlServer => SqlServer,
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

    public abstract DatabaseProvider Provider { get; }

    /// <summary>Appends a row limit to a query that already ends with ORDER BY.</summary>
    public abstract string Limit(string orderedSelect, string takeParameter = "@Take");

    /// <summary>The current UTC time as a SQL expression, in the engine's stored form.</summary>
    public abstract string UtcNow { get; }

    /// <summary>
    /// Insert-or-update of one row keyed on <paramref name="keyColumns"/>; parameters are named after the columns (@column).
    /// Columns in <paramref name="insertOnlyColumns"/> are written on insert and left alone on update.
    /// </summary>
    public abstract string Upsert(string table, IReadOnlyList<string> keyColumns, IReadOnlyList<string> updateColumns, IReadOnlyList<string>? insertOnlyColumns = null);

    public abstract bool IsUniqueViolation(DbException exception);

    /// <summary>Session settings for a large write transaction (bulk import), or null. SQLite: a page cache big enough to hold the working set.</summary>
    public virtual string? BulkSessionSql => null;

    /// <summary>What undoes <see cref="BulkSessionSql"/> (the default cache, its pages freed), or null.</summary>
    public virtual string? BulkSessionEndSql => null;

    public abstract DbConnection CreateConnection(string connectionString);

    /// <summary>
    /// A value in the engine's stored form, for hand-prepared commands on hot paths (bulk import) that bypass Dapper's
    /// type handlers: SQLite keeps ids, dates and times as text; SQL Server as uniqueidentifier, date and datetime2 (UTC).
    /// </summary>
    public object ToDb(object? value) => value switch
    {
        null => DBNull.Value,
        Guid id => Provider == DatabaseProvider.Sqlite ? id.ToString("D") : id,
        DateOnly date => Provider == DatabaseProvider.Sqlite ? date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : date.ToDateTime(TimeOnly.MinValue),
        DateTimeOffset time => Provider == DatabaseProvider.Sqlite
            ? time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture)
            : time.UtcDateTime,
        bool flag => Provider == DatabaseProvider.Sqlite ? (flag ? 1 : 0) : flag,
        _ => value,
    };

    /// <summary>
    /// Process-wide SQLite settings, applied before the process opens its first database: SQLite's memory statistics are
    /// turned off. With them on, every allocation inside SQLite takes one global lock to count itself, and requests on
    /// different threads queued on it (a two-thread search ran at 1,570 queries/s with them, 2,200 without). Nothing in
    /// LaunchPath reads them. Once SQLite has started in the process (a test host that opened databases first), the call
    /// is refused and changes nothing.
    /// </summary>
    public static void ConfigureSqliteProcess()
    {
        const int SqliteConfigMemStatus = 9;
        SQLitePCL.Batteries_V2.Init();
        _ = SQLitePCL.raw.sqlite3_config(SqliteConfigMemStatus, 0);
    }

    protected static IEnumerable<string> AllColumns(IReadOnlyList<string> keys, IReadOnlyList<string> updates, IReadOnlyList<string>? insertOnly) =>
        keys.Concat(updates).Concat(insertOnly ?? []).Distinct(StringComparer.Ordinal);

    private sealed class SqliteDialect : SqlDialect
    {
        public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

        public override string Limit(string orderedSelect, string takeParameter = "@Take") => $"{orderedSelect} LIMIT {takeParameter}";

        public override string UtcNow => "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

        public override string? BulkSessionSql => "PRAGMA cache_size = -262144";

        public override string? BulkSessionEndSql => "PRAGMA cache_size = -2000; PRAGMA shrink_memory";

        public override string Upsert(string table, IReadOnlyList<string> keyColumns, IReadOnlyList<string> updateColumns, IReadOnlyList<string>? insertOnlyColumns = null)
        {
            var all = AllColumns(keyColumns, updateColumns, insertOnlyColumns).ToList();
            var set = updateColumns.Count == 0
                ? "NOTHING"
                : "UPDATE SET " + string.Join(", ", updateColumns.Select(c => $"{c} = excluded.{c}"));
            return $"INSERT INTO {table} ({string.Join(", ", all)}) VALUES ({string.Join(", ", all.Select(c => "@" + c))}) " +
                   $"ON CONFLICT ({string.Join(", ", keyColumns)}) DO {set}";
        }

        // SQLITE_CONSTRAINT (19) with the UNIQUE (2067) or PRIMARYKEY (1555) extended code.
        public override bool IsUniqueViolation(DbException exception) =>
            exception is SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 };

        public override DbConnection CreateConnection(string connectionString) => new SqliteConnection(connectionString);
    }

    private sealed class SqlServerDialect : SqlDialect
    {
        public override DatabaseProvider Provider => DatabaseProvider.SqlServer;

        public override string Limit(string orderedSelect, string takeParameter = "@Take") =>
            $"{orderedSelect} OFFSET 0 ROWS FETCH NEXT {takeParameter} ROWS ONLY";

        public override string UtcNow => "SYSUTCDATETIME()";

        public override string Upsert(string table, IReadOnlyList<string> keyColumns, IReadOnlyList<string> updateColumns, IReadOnlyList<string>? insertOnlyColumns = null)
        {
            var all = AllColumns(keyColumns, updateColumns, insertOnlyColumns).ToList();
            var update = updateColumns.Count == 0
                ? string.Empty
                : " WHEN MATCHED THEN UPDATE SET " + string.Join(", ", updateColumns.Select(c => $"target.{c} = source.{c}"));
            return $"MERGE INTO {table} WITH (HOLDLOCK) AS target " +
                   $"USING (SELECT {string.Join(", ", all.Select(c => $"@{c} AS {c}"))}) AS source " +
                   $"ON {string.Join(" AND ", keyColumns.Select(c => $"target.{c} = source.{c}"))}" +
                   update +
                   $" WHEN NOT MATCHED THEN INSERT ({string.Join(", ", all)}) VALUES ({string.Join(", ", all.Select(c => "source." + c))});";
        }

        // 2601: duplicate key in a unique index; 2627: unique/primary key constraint.
        public override bool IsUniqueViolation(DbException exception) =>
            exception is SqlException { Number: 2601 or 2627 };

        public override DbConnection CreateConnection(string connectionString) => new SqlConnection(connectionString);
    }
}
