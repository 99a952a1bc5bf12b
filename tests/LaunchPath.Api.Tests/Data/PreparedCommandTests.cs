using Dapper;
using LaunchPath.Api.Infrastructure.Data;
using Microsoft.Data.Sqlite;

namespace LaunchPath.Api.Tests.Data;

/// <summary>The roster writer's raw SQLite binding stores every value exactly as Dapper with <see cref="SqlDialect.ToDb"/> does.</summary>
public sealed class PreparedCommandTests
{
    [Fact]
    public void Binds_each_kind_of_value_as_the_dialect_stores_it()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        connection.Execute("CREATE TABLE t (n INTEGER PRIMARY KEY, v)");
        var dialect = SqlDialect.For(DatabaseProvider.Sqlite);
        var id = Guid.CreateVersion7();
        object?[] values =
        [
            "", "plain", "Zoë — 東京 ✓", new string('x', 5000), null, id, true, false, 42, 7L, 2.5, new DateOnly(2026, 11, 23),
            new DateTimeOffset(2026, 11, 23, 10, 30, 0, TimeSpan.FromHours(-8)),
        ];

        using var transaction = connection.BeginTransaction();
        using (var insert = new PreparedCommand(connection, transaction, dialect, "INSERT INTO t (n, v) VALUES (@n, @v)", "n", "v"))
        {
            for (var i = 0; i < values.Length; i++)
            {
                insert.Run(i, values[i]).Should().Be(1);
            }
        }

        for (var i = 0; i < values.Length; i++)
        {
            var expected = dialect.ToDb(values[i]);
            var stored = connection.QuerySingle<object?>("SELECT v FROM t WHERE n = @n", new { n = i }, transaction);
            var same = connection.QuerySingle<long>("SELECT v IS @expected AND typeof(v) = typeof(@expected) FROM t WHERE n = @n", new { n = i, expected }, transaction);
            same.Should().Be(1, $"value {i} ({values[i] ?? "null"}) is stored as {expected} (stored: {stored ?? "NULL"})");
        }
    }
}
