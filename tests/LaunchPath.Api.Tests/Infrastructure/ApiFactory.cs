using LaunchPath.Api.Infrastructure.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace LaunchPath.Api.Tests.Infrastructure;

/// <summary>
/// The real API over HTTP, on a database of its own: a fresh SQLite file, or, when LAUNCHPATH_TEST_SQLSERVER holds a
/// connection string, a fresh SQL Server database.
/// </summary>
public sealed class ApiFactory : WebApplicationFactory<Program>
{
    public const string SqlServerVariable = "LAUNCHPATH_TEST_SQLSERVER";
    public const string ThrowPath = "/__test/throw";
    public const string AdminEmail = "admin@launchpath.test";
    public const string AdminPassword = "correct horse battery staple";
    private static readonly string SigningKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    private readonly string _connectionString;
    private readonly string? _sqliteFile;

    public ApiFactory(DatabaseProvider provider, Dictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        Provider = provider;
        _settings = settings ?? [];
        _services = services;
        if (provider == DatabaseProvider.Sqlite)
        {
            var directory = Path.Combine(Path.GetTempPath(), "launchpath-tests");
            Directory.CreateDirectory(directory);
            _sqliteFile = Path.Combine(directory, $"{Guid.NewGuid():N}.db");
            _connectionString = $"Data Source={_sqliteFile}";
        }
        else
        {
            var server = Environment.GetEnvironmentVariable(SqlServerVariable)
                         ?? throw new InvalidOperationException($"{SqlServerVariable} is not set.");
            _connectionString = new SqlConnectionStringBuilder(server) { InitialCatalog = $"launchpath_test_{Guid.NewGuid():N}" }.ToString();
        }
    }

    public DatabaseProvider Provider { get; }

    /// <summary>The test database (tests read ids of demo data from it).</summary>
    public string ConnectionString => _connectionString;

    public static bool SqlServerAvailable => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(SqlServerVariable));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("Database:ConnectionString", _connectionString);
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("Demo:Seed", "false");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        builder.UseSetting("Serilog:MinimumLevel:Override:LaunchPath.Api.Infrastructure.Http.Problems", "Fatal");
        builder.UseSetting("Auth:SigningKey", SigningKey);
        builder.UseSetting("Bootstrap:AdminEmail", AdminEmail);
        builder.UseSetting("Bootstrap:AdminPassword", AdminPassword);
        builder.UseSetting("RateLimits:SignInPerMinute", "100000");
        builder.UseSetting("RateLimits:ApiKeyPerMinute", "100000");
        // Nothing is sent unless a test runs an SMTP server and turns the sender on.
        builder.UseSetting("Messaging:SenderEnabled", "false");
        builder.UseSetting("DataProtection:KeysPath", Path.Combine(Path.GetTempPath(), "launchpath-tests", "keys"));
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, ThrowingEndpointFilter>());
        if (_services is not null)
        {
            builder.ConfigureServices(_services);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing)
        {
            return;
        }

        if (_sqliteFile is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { _sqliteFile, _sqliteFile + "-wal", _sqliteFile + "-shm" })
            {
                try
                {
                    File.Delete(file);
                }
                catch (IOException)
                {
                    // Best effort: the temp folder is cleaned by the OS.
                }
            }
        }
        else
        {
            DropSqlServerDatabase();
        }
    }

    private void DropSqlServerDatabase()
    {
        var builder = new SqlConnectionStringBuilder(_connectionString);
        var database = builder.InitialCatalog;
        builder.InitialCatalog = "master";
        SqlConnection.ClearAllPools();
        using var connection = new SqlConnection(builder.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"IF DB_ID('{database}') IS NOT NULL BEGIN ALTER DATABASE [{database}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{database}]; END";
        command.ExecuteNonQuery();
    }

    /// <summary>A route that throws, to prove unhandled errors become a 500 ProblemDetails without internals.</summary>
    private sealed class ThrowingEndpointFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((HttpContext context, Func<Task> nextMiddleware) =>
                context.Request.Path == ThrowPath
                    ? throw new InvalidOperationException("secret internal detail: Data Source=/var/lib/secret.db")
                    : nextMiddleware());
        };
    }
}

/// <summary>One API per test class, on SQLite.</summary>
public sealed class SqliteApi : IDisposable
{
    public SqliteApi() => Factory = new ApiFactory(DatabaseProvider.Sqlite);

    public ApiFactory Factory { get; }

    public void Dispose() => Factory.Dispose();
}

/// <summary>One API per test class, on SQL Server when LAUNCHPATH_TEST_SQLSERVER is set; otherwise its tests are skipped.</summary>
public sealed class SqlServerApi : IDisposable
{
    private readonly Lazy<ApiFactory> _factory = new(() => new ApiFactory(DatabaseProvider.SqlServer));

    public ApiFactory Factory
    {
        get
        {
            Skip.IfNot(ApiFactory.SqlServerAvailable, $"{ApiFactory.SqlServerVariable} is not set: no SQL Server to run against.");
            return _factory.Value;
        }
    }

    public void Dispose()
    {
        if (_factory.IsValueCreated)
        {
            _factory.Value.Dispose();
        }
    }
}
