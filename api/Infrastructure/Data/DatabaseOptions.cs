using Microsoft.Data.Sqlite;

namespace LaunchPath.Api.Infrastructure.Data;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>SQLite: a file path data source (default ./data/launchpath.db). SQL Server: a full connection string.</summary>
    public string ConnectionString { get; set; } = "Data Source=data/launchpath.db";

    /// <summary>Run DbUp migrations when the host starts.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>The connection string the engine will actually use (SQLite gets foreign keys and a busy timeout).</summary>
    public string EffectiveConnectionString()
    {
        if (Provider != DatabaseProvider.Sqlite)
        {
            return ConnectionString;
        }

        var builder = new SqliteConnectionStringBuilder(ConnectionString)
        {
            ForeignKeys = true,
            DefaultTimeout = 30,
            Pooling = true,
        };
        return builder.ToString();
    }

    /// <summary>Creates the directory of a file-backed SQLite database, so a fresh clone runs without set-up.</summary>
    public void EnsureSqliteDirectory()
    {
        if (Provider != DatabaseProvider.Sqlite)
        {
            return;
        }

        var dataSource = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
        if (string.IsNullOrEmpty(dataSource) || dataSource == ":memory:" || dataSource.StartsWith("file:", StringComparison.Ordinal))
        {
            return;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
    }
}
