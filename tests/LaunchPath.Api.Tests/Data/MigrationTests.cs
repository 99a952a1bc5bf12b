using Dapper;
using LaunchPath.Api.Infrastructure.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LaunchPath.Api.Tests.Data;

public sealed class MigrationTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "launchpath-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void Migrating_creates_the_folder_turns_on_wal_and_is_idempotent()
    {
        var file = Path.Combine(_directory, "nested", "lp.db");
        var options = Options.Create(new DatabaseOptions { ConnectionString = $"Data Source={file}" });
        var migrator = new DatabaseMigrator(options, NullLogger<DatabaseMigrator>.Instance);

        migrator.Migrate();
        migrator.Migrate();

        using var connection = new SqliteConnection(options.Value.EffectiveConnectionString());
        connection.Open();
        connection.QuerySingle<string>("PRAGMA journal_mode").Should().Be("wal");
        connection.QuerySingle<long>("PRAGMA foreign_keys").Should().Be(1);
        connection.QuerySingle<long>("SELECT COUNT(*) FROM schemaversions").Should().Be(DatabaseMigrator.Scripts(DatabaseProvider.Sqlite).Count);
    }

    [Fact]
    public void Foreign_keys_are_enforced()
    {
        var file = Path.Combine(_directory, "fk.db");
        var options = Options.Create(new DatabaseOptions { ConnectionString = $"Data Source={file}" });
        new DatabaseMigrator(options, NullLogger<DatabaseMigrator>.Instance).Migrate();

        using var connection = new SqliteConnection(options.Value.EffectiveConnectionString());
        connection.Open();
        var act = () => connection.Execute(
            "INSERT INTO organizations (id, type, name, parent_id, region_id, scope_key, created_at, updated_at) " +
            "VALUES ('a', 'district', 'D', 'missing-parent', 'r', 'missing-parent', '', '')");
        act.Should().Throw<SqliteException>().WithMessage("*FOREIGN KEY*");
    }
}
