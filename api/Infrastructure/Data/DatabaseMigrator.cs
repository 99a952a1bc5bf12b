using System.Reflection;
using DbUp;
using DbUp.Builder;
using DbUp.Engine.Output;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace LaunchPath.Api.Infrastructure.Data;

/// <summary>Applies the numbered scripts of api/Database/&lt;engine&gt; with DbUp, once each, in order.</summary>
public sealed class DatabaseMigrator(IOptions<DatabaseOptions> options, ILogger<DatabaseMigrator> logger)
{
    public const string SqliteScriptPrefix = "LaunchPath.Api.Database.sqlite.";
    public const string SqlServerScriptPrefix = "LaunchPath.Api.Database.sqlserver.";

    public static IReadOnlyList<(string Name, string Sql)> Scripts(DatabaseProvider provider)
    {
        var assembly = typeof(DatabaseMigrator).Assembly;
        var prefix = provider == DatabaseProvider.Sqlite ? SqliteScriptPrefix : SqlServerScriptPrefix;
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name =>
            {
                using var stream = assembly.GetManifestResourceStream(name)!;
                using var reader = new StreamReader(stream);
                return (name[prefix.Length..], reader.ReadToEnd());
            })
            .ToList();
    }

    public void Migrate()
    {
        var value = options.Value;
        value.EnsureSqliteDirectory();
        var connectionString = value.EffectiveConnectionString();
        var assembly = Assembly.GetExecutingAssembly();

        UpgradeEngineBuilder builder;
        if (value.Provider == DatabaseProvider.Sqlite)
        {
            EnableWriteAheadLog(connectionString);
            builder = DeployChanges.To.SqliteDatabase(connectionString)
                .WithScriptsEmbeddedInAssembly(assembly, name => name.StartsWith(SqliteScriptPrefix, StringComparison.Ordinal));
        }
        else
        {
            EnsureDatabase.For.SqlDatabase(connectionString);
            builder = DeployChanges.To.SqlDatabase(connectionString)
                .WithScriptsEmbeddedInAssembly(assembly, name => name.StartsWith(SqlServerScriptPrefix, StringComparison.Ordinal));
        }

        var result = builder
            .WithTransactionPerScript()
            .LogTo(new DbUpLog(logger))
            .Build()
            .PerformUpgrade();

        if (!result.Successful)
        {
            throw new InvalidOperationException($"Database migration failed at script {result.ErrorScript?.Name}.", result.Error);
        }
    }

    private static void EnableWriteAheadLog(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (dataSource == ":memory:" || dataSource.Contains("mode=memory", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        command.ExecuteNonQuery();
    }

    private sealed class DbUpLog(ILogger logger) : IUpgradeLog
    {
        public void LogTrace(string format, params object[] args) => logger.LogTrace(format, args);

        public void LogDebug(string format, params object[] args) => logger.LogDebug(format, args);

        public void LogInformation(string format, params object[] args) => logger.LogInformation(format, args);

        public void LogWarning(string format, params object[] args) => logger.LogWarning(format, args);

        public void LogError(string format, params object[] args) => logger.LogError(format, args);

        public void LogError(Exception ex, string format, params object[] args) => logger.LogError(ex, format, args);
    }
}
