using Dapper;
using LaunchPath.Api.Infrastructure.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace LaunchPath.Schema.Tests;

/// <summary>
/// The two engines' migrations build the same database: the same tables, the same columns (names, nullability and
/// comparable types), the same indexes (names, columns, uniqueness, filtered or not) and unique constraints. SQLite's is
/// read from a freshly migrated file; SQL Server's from the migrations folded by <see cref="SqlServerSchema"/>.
/// </summary>
public sealed class EnginesAgreeTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), "launchpath-tests", $"engines-{Guid.NewGuid():N}.db");

    public EnginesAgreeTests()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_file)!);
        new DatabaseMigrator(Options.Create(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={_file}" }),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<DatabaseMigrator>.Instance).Migrate();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }

    private sealed record Column(string Table, string Name, string Type, bool Nullable);

    private sealed record Index(string Table, string Name, string Columns, bool Unique, bool Filtered);

    /// <summary>What a SQL Server type is stored as in SQLite (README, Databases: ids, dates and times as text).</summary>
    private static string Affinity(DataTypeReference type)
    {
        var name = ((SqlDataTypeReference)type).SqlDataTypeOption;
        return name switch
        {
            SqlDataTypeOption.Int or SqlDataTypeOption.BigInt or SqlDataTypeOption.SmallInt or SqlDataTypeOption.TinyInt or SqlDataTypeOption.Bit => "INTEGER",
            SqlDataTypeOption.Float or SqlDataTypeOption.Real or SqlDataTypeOption.Decimal or SqlDataTypeOption.Numeric => "REAL",
            SqlDataTypeOption.VarBinary or SqlDataTypeOption.Binary => "BLOB",
            _ => "TEXT",
        };
    }

    private static bool Nullable(ColumnDefinition column) =>
        !column.Constraints.OfType<NullableConstraintDefinition>().Any(c => !c.Nullable)
        && !column.Constraints.OfType<UniqueConstraintDefinition>().Any(c => c.IsPrimaryKey);

    private static List<Column> SqlServerColumns(SqlServerSchema schema) =>
        schema.Tables.SelectMany(t => t.Value.Definition.ColumnDefinitions.Select(c =>
                new Column(t.Key.ToLowerInvariant(), c.ColumnIdentifier.Value.ToLowerInvariant(), Affinity(c.DataType), Nullable(c))))
            .ToList();

    private List<Column> SqliteColumns()
    {
        using var connection = new SqliteConnection($"Data Source={_file}");
        return Tables(connection).SelectMany(table => connection.Query<(long Cid, string Name, string Type, long NotNull, string? Default, long Pk)>($"PRAGMA table_info('{table}')")
                .Select(c => new Column(table, c.Name.ToLowerInvariant(), c.Type.ToUpperInvariant() is "" ? "TEXT" : c.Type.ToUpperInvariant(), c.NotNull == 0 && c.Pk == 0)))
            .ToList();
    }

    private static List<string> Tables(SqliteConnection connection) =>
        connection.Query<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND lower(name) <> 'schemaversions' ORDER BY name").ToList();

    [Fact]
    public void Both_engines_build_the_same_tables_and_columns()
    {
        var schema = SqlServerSchema.FromMigrations();
        var sqlite = SqliteColumns();
        var sqlServer = SqlServerColumns(schema);

        sqlServer.Should().HaveCountGreaterThan(300, "every column of every table is compared");
        sqlite.Select(c => c.Table).Distinct().Should().BeEquivalentTo(sqlServer.Select(c => c.Table).Distinct(), "the same tables");
        sqlite.Should().BeEquivalentTo(sqlServer, "the same columns, nullability and comparable types");
    }

    [Fact]
    public void Both_engines_build_the_same_indexes()
    {
        var schema = SqlServerSchema.FromMigrations();
        var sqlServer = schema.Indexes.Values.Select(i => new Index(
                i.OnName.BaseIdentifier.Value.ToLowerInvariant(), i.Name.Value.ToLowerInvariant(),
                string.Join(",", i.Columns.Select(c => c.Column.MultiPartIdentifier.Identifiers[^1].Value.ToLowerInvariant())), i.Unique, i.FilterPredicate is not null))
            .Concat(schema.Tables.SelectMany(t => t.Value.Definition.TableConstraints.OfType<UniqueConstraintDefinition>().Where(u => !u.IsPrimaryKey)
                .Select(u => new Index(t.Key.ToLowerInvariant(), "unique constraint", string.Join(",", u.Columns.Select(c => c.Column.MultiPartIdentifier.Identifiers[^1].Value.ToLowerInvariant())), true, false))))
            .ToList();

        using var connection = new SqliteConnection($"Data Source={_file}");
        var sqlite = Tables(connection).SelectMany(table => connection.Query<(long Seq, string Name, long Unique, string Origin, long Partial)>($"PRAGMA index_list('{table}')")
                .Where(i => i.Origin != "pk")
                .Select(i => new Index(table, i.Origin == "u" ? "unique constraint" : i.Name.ToLowerInvariant(),
                    string.Join(",", connection.Query<(long Seqno, long Cid, string Name)>($"PRAGMA index_info('{i.Name}')").OrderBy(c => c.Seqno).Select(c => c.Name.ToLowerInvariant())),
                    i.Unique == 1, i.Partial == 1)))
            .ToList();

        sqlServer.Should().HaveCountGreaterThan(40, "every index is compared");
        sqlite.Should().BeEquivalentTo(sqlServer);
    }
}
