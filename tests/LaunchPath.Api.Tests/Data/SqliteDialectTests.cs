using Dapper;
using LaunchPath.Api.Infrastructure.Data;
using Microsoft.Data.Sqlite;

namespace LaunchPath.Api.Tests.Data;

/// <summary>The SQLite side of the dialect and the type handlers, executed on a real in-memory database.</summary>
public sealed class SqliteDialectTests : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public SqliteDialectTests()
    {
        DapperTypeHandlers.Register();
        _connection.Open();
        _connection.Execute("CREATE TABLE t (k1 TEXT NOT NULL, k2 TEXT NOT NULL, name TEXT, created TEXT, PRIMARY KEY (k1, k2))");
    }

    public void Dispose() => _connection.Dispose();

    [Fact]
    public void Upsert_inserts_then_updates_and_keeps_insert_only_columns()
    {
        var sql = SqlDialect.Sqlite.Upsert("t", ["k1", "k2"], ["name"], ["created"]);
        _connection.Execute(sql, new { k1 = "a", k2 = "b", name = "first", created = "2020" });
        _connection.Execute(sql, new { k1 = "a", k2 = "b", name = "second", created = "2099" });

        var row = _connection.QuerySingle<(string Name, string Created)>("SELECT name, created FROM t");
        row.Should().Be(("second", "2020"));
    }

    [Fact]
    public void Upsert_with_no_update_columns_leaves_existing_rows_alone()
    {
        var sql = SqlDialect.Sqlite.Upsert("t", ["k1", "k2"], [], ["name"]);
        _connection.Execute(sql, new { k1 = "a", k2 = "b", name = "first" });
        _connection.Execute(sql, new { k1 = "a", k2 = "b", name = "second" });
        _connection.QuerySingle<string>("SELECT name FROM t").Should().Be("first");
    }

    [Fact]
    public void Limit_and_now_run()
    {
        for (var i = 0; i < 5; i++)
        {
            _connection.Execute("INSERT INTO t (k1, k2) VALUES (@i, 'x')", new { i = i.ToString() });
        }

        _connection.Query<string>(SqlDialect.Sqlite.Limit("SELECT k1 FROM t ORDER BY k1"), new { Take = 2 }).Should().Equal("0", "1");
        var now = _connection.QuerySingle<string>($"SELECT {SqlDialect.Sqlite.UtcNow}");
        DateTimeOffset.Parse(now).Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
    }

    [Fact]
    public void Unique_violations_are_recognised()
    {
        _connection.Execute("INSERT INTO t (k1, k2) VALUES ('a', 'b')");
        var act = () => _connection.Execute("INSERT INTO t (k1, k2) VALUES ('a', 'b')");
        var exception = act.Should().Throw<SqliteException>().Which;
        SqlDialect.Sqlite.IsUniqueViolation(exception).Should().BeTrue();

        var notNull = () => _connection.Execute("INSERT INTO t (k1, k2) VALUES (NULL, 'b')");
        SqlDialect.Sqlite.IsUniqueViolation(notNull.Should().Throw<SqliteException>().Which).Should().BeFalse();
    }

    private sealed record Row(Guid Id, Guid? Other, DateOnly Day, DateOnly? MaybeDay, DateTimeOffset At, DateTimeOffset? MaybeAt);

    [Fact]
    public void Guid_DateOnly_and_DateTimeOffset_round_trip_as_text()
    {
        _connection.Execute("CREATE TABLE r (id TEXT, other TEXT, day TEXT, maybe_day TEXT, at TEXT, maybe_at TEXT)");
        var id = Guid.CreateVersion7();
        var at = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.FromHours(-8)).AddTicks(1234567);
        _connection.Execute("INSERT INTO r VALUES (@Id, @Other, @Day, @MaybeDay, @At, @MaybeAt)",
            new Row(id, null, new DateOnly(2026, 9, 1), null, at, null));

        _connection.QuerySingle<string>("SELECT id FROM r").Should().Be(id.ToString("D"), "ids are stored as text");
        _connection.QuerySingle<string>("SELECT day FROM r").Should().Be("2026-09-01");
        _connection.QuerySingle<string>("SELECT at FROM r").Should().Be("2026-03-04T13:06:07.1234567Z", "times are stored in UTC");

        var row = _connection.QuerySingle<Row>("SELECT id AS Id, other AS Other, day AS Day, maybe_day AS MaybeDay, at AS At, maybe_at AS MaybeAt FROM r");
        row.Id.Should().Be(id);
        row.Other.Should().BeNull();
        row.Day.Should().Be(new DateOnly(2026, 9, 1));
        row.MaybeDay.Should().BeNull();
        row.At.Should().Be(at);
        row.MaybeAt.Should().BeNull();

        _connection.QuerySingle<int>("SELECT COUNT(*) FROM r WHERE id = @id", new { id }).Should().Be(1, "a Guid parameter matches the stored text");
    }
}
