using Dapper;
using LaunchPath.Api.Infrastructure.Data;
using Microsoft.Data.Sqlite;

namespace LaunchPath.Api.Tests.Data;

/// <summary>Two editors who read the same version: the first save wins, the second is refused, whether the row existed or not.</summary>
public sealed class VersionedSaveTests
{
    private const string Insert = "INSERT INTO settings (id, value, version, updated_at) VALUES (@Id, @Value, @Version, @Now)";
    private const string Update = "UPDATE settings SET value = @Value, version = @Version, updated_at = @Now WHERE id = @Id AND version = @Current";

    [Fact]
    public async Task The_second_of_two_saves_from_the_same_version_is_refused()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await connection.ExecuteAsync("CREATE TABLE settings (id INTEGER PRIMARY KEY, value TEXT NOT NULL, version INTEGER NOT NULL, updated_at TEXT NOT NULL)");
        var dialect = SqlDialect.For(DatabaseProvider.Sqlite);
        Task<bool> Save(int current, string value, int? expected = null) =>
            VersionedSave.SaveAsync(connection, dialect, Insert, Update, expected, current, new { Id = 1, Value = value }, DateTimeOffset.UtcNow, CancellationToken.None);

        (await Save(0, "stale If-Match", expected: 3)).Should().BeFalse("the caller's If-Match is not the version read");
        (await Save(0, "first")).Should().BeTrue("nobody had saved: the row is inserted");
        (await Save(0, "second")).Should().BeFalse("someone else inserted it since version 0 was read");
        (await Save(1, "third")).Should().BeTrue();
        (await Save(1, "fourth")).Should().BeFalse("version 1 is stale now");
        (await connection.QuerySingleAsync<(string Value, long Version)>("SELECT value, version FROM settings WHERE id = 1")).Should().Be(("third", 2L));
    }
}
