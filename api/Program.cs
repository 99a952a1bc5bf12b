using LaunchPath.Api.Infrastructure.Messaging;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Features.ApiKeys;
using LaunchPath.Api.Features.Auth;
using LaunchPath.Api.Features.Calendars;
using LaunchPath.Api.Features.Classes;
using LaunchPath.Api.Features.Events;
using LaunchPath.Api.Features.Partners;
using LaunchPath.Api.Features.Messages;
using LaunchPath.Api.Features.Matching;
using LaunchPath.Api.Features.Matching.Rounds;
using LaunchPath.Api.Features.Opportunities;
using LaunchPath.Api.Features.Organizations;
using LaunchPath.Api.Features.Outcomes;
using LaunchPath.Api.Features.People;
using LaunchPath.Api.Features.Placements;
using LaunchPath.Api.Features.Roster;
using LaunchPath.Api.Features.Users;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Demo;
using LaunchPath.Api.Infrastructure.Hosting;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Jobs;
using LaunchPath.Api.Infrastructure.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Http.Json;
using Serilog;
using Serilog.Formatting.Compact;

SqlDialect.ConfigureSqliteProcess();
var builder = WebApplication.CreateBuilder(args);

// Logs: Serilog, JSON outside Development. Request logging records method, path template values and status only;
// bodies and query strings (which may carry student data) are never logged. Each host logs through its own logger,
// not the process-wide static one (tests run several hosts in one process and read what each logged).
builder.Services.AddSerilog((services, logger) =>
{
    logger.ReadFrom.Configuration(builder.Configuration)
        .ReadFrom.Services(services)
        .EscapingControlCharacters()
        // The framework's own per-request lines carry the full URL, query string included: never log them.
        .MinimumLevel.Override("Microsoft.AspNetCore.Hosting.Diagnostics", Serilog.Events.LogEventLevel.Warning)
        .MinimumLevel.Override("Microsoft.AspNetCore.Routing", Serilog.Events.LogEventLevel.Warning)
        .Enrich.FromLogContext();
    if (!builder.Configuration.GetValue("Serilog:Console", true))
    {
        // Tests that read the log through a sink of their own turn the console off.
    }
    else if (builder.Environment.IsDevelopment())
    {
        logger.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {Properties:j}{NewLine}{Exception}");
    }
    else
    {
        logger.WriteTo.StandardOutput(new RenderedCompactJsonFormatter());
    }
}, preserveStaticLogger: true);

// The API, not Kestrel, answers over-long request targets and header values it cannot read, so those errors are
// problem+json too (see RequestLimitsMiddleware and the Idempotency-Key check).
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.Limits.MaxRequestLineSize = RequestLimitsMiddleware.KestrelMaxRequestLine;
    kestrel.Limits.MaxRequestBufferSize = RequestLimitsMiddleware.KestrelMaxRequestLine * 2;
    kestrel.RequestHeaderEncodingSelector = _ => System.Text.Encoding.Latin1;
    // What Kestrel still rejects on its own (a NUL in the path, a malformed request line) is answered as a problem too.
    kestrel.ConfigureEndpointDefaults(listen => listen.UseProblemRejections());
});

// Behind a reverse proxy or load balancer: X-Forwarded-For/-Proto are believed only from the proxies named in
// Proxy:KnownProxies (addresses) or Proxy:KnownNetworks (CIDR); from anyone else they are ignored.
builder.Services.Configure<Microsoft.AspNetCore.Builder.ForwardedHeadersOptions>(forwarded =>
{
    forwarded.ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto;
    // The framework trusts loopback by default (both network lists); only the configured proxies are trusted here.
    forwarded.KnownProxies.Clear();
    forwarded.KnownIPNetworks.Clear();
#pragma warning disable ASPDEPR005 // the older list is still consulted
    forwarded.KnownNetworks.Clear();
#pragma warning restore ASPDEPR005
    foreach (var proxy in builder.Configuration.GetSection("Proxy:KnownProxies").Get<string[]>() ?? [])
    {
        forwarded.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
    }

    foreach (var network in builder.Configuration.GetSection("Proxy:KnownNetworks").Get<string[]>() ?? [])
    {
        forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
    }
});

builder.AddLaunchPathTelemetry();
builder.Services.Configure<DatabaseOptions>(builder.Configuration.GetSection(DatabaseOptions.Section));
builder.Services.AddSingleton<Db>();
builder.Services.AddHostedService<SqliteCheckpointer>();
// Messages are written to the outbox with the change that causes them and sent by every node's sender.
builder.Services.Configure<MessagingOptions>(builder.Configuration.GetSection(MessagingOptions.Section));
builder.Services.AddSingleton<MessageTemplates>();
builder.Services.AddSingleton<Unsubscribes>();
builder.Services.AddSingleton<Outbox>();
builder.Services.AddHttpContextAccessor();
builder.Services.AddSingleton<PublicUrl>();
builder.Services.AddSingleton<IMessageChannel, EmailChannel>();
builder.Services.AddSingleton<OutboxSender>();
builder.Services.AddHostedService(provider => provider.GetRequiredService<OutboxSender>());
builder.Services.AddSingleton<DatabaseMigrator>();
builder.Services.AddSingleton<DemoSeeder>();
builder.Services.AddSingleton<BootstrapAdmin>();
// Background work runs as jobs claimed from the database with a lease: any node may run any job, exactly one at a time.
builder.Services.AddJobs(builder.Configuration);
builder.Services.AddJob<RosterImportJob>(RosterJobs.JobKind);
builder.Services.AddJob<MatchRoundJob>(MatchRoundJob.JobKind);
builder.Services.AddJob<SendRoundResults>(SendRoundResults.JobKind);
builder.Services.AddRecurringJob<RosterPullScheduler>(RosterPullScheduler.JobKind, TimeSpan.FromMinutes(1));
builder.Services.AddRecurringJob<IdempotencyCleanup>(IdempotencyCleanup.JobKind, TimeSpan.FromHours(1));
builder.Services.AddRecurringJob<SecurityCleanup>(SecurityCleanup.JobKind, TimeSpan.FromHours(6));
builder.Services.AddRecurringJob<LaunchPath.Api.Features.Placements.Hours.SendHoursDigests.Job>(LaunchPath.Api.Features.Placements.Hours.SendHoursDigests.JobKind,
    LaunchPath.Api.Features.Placements.Hours.SendHoursDigests.Every);
builder.Services.AddRecurringJob<LaunchPath.Api.Features.Placements.Agreements.SendReminders.Job>(LaunchPath.Api.Features.Placements.Agreements.SendReminders.JobKind,
    LaunchPath.Api.Features.Placements.Agreements.SendReminders.Every);
builder.Services.AddRecurringJob<LaunchPath.Api.Features.Messages.SendDailyDigests.Job>(LaunchPath.Api.Features.Messages.SendDailyDigests.JobKind,
    LaunchPath.Api.Features.Messages.SendDailyDigests.Every);
builder.Services.AddRecurringJob<LaunchPath.Api.Features.Placements.SendWeeklyDigests.Job>(LaunchPath.Api.Features.Placements.SendWeeklyDigests.JobKind,
    LaunchPath.Api.Features.Placements.SendWeeklyDigests.Every);
builder.Services.AddRecurringJob<LaunchPath.Api.Features.Partners.Documents.WarnExpiringDocuments.Job>(LaunchPath.Api.Features.Partners.Documents.WarnExpiringDocuments.JobKind,
    LaunchPath.Api.Features.Partners.Documents.WarnExpiringDocuments.Every);
builder.Services.AddSingleton<RosterJobs>();
builder.Services.AddSingleton<RegionOpportunities>();
builder.Services.AddSingleton<OutcomesReports.ReportCache>();
builder.Services.AddSingleton<OneRosterPuller>();
builder.Services.AddSingleton<RosterConnections>();
// Pulls from district SIS services: a timeout per request, no redirects followed, answers bounded.
builder.Services.AddHttpClient(OneRosterPuller.HttpClientName, client =>
    {
        client.Timeout = TimeSpan.FromSeconds(builder.Configuration.GetValue("Roster:PullTimeoutSeconds", 60));
        client.MaxResponseContentBufferSize = 256L * 1024 * 1024;
    })
    .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        // A district admin names the SIS's address: never let it point the server at its own network.
        ConnectCallback = OutboundConnections.PublicOnly(builder.Configuration.GetValue("Roster:AllowPrivateAddresses", false)),
    });
// Secrets held for districts (SIS client secrets) are encrypted with the Data Protection key ring, kept in the database
// so that every API node reads what any node wrote (DataProtection:KeysPath keeps it in a folder instead).
var dataProtection = builder.Services.AddDataProtection().SetApplicationName("LaunchPath");
if (builder.Configuration.GetValue<string>("DataProtection:KeysPath") is { Length: > 0 } keysPath)
{
    dataProtection.PersistKeysToFileSystem(new DirectoryInfo(keysPath));
}
else
{
    builder.Services.AddSingleton(provider => new DatabaseKeyRing(provider.GetRequiredService<Db>(), TimeProvider.System,
        builder.Configuration.GetValue("DataProtection:LegacyKeysPath", "data/keys")!));
    builder.Services.AddOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>()
        .Configure<DatabaseKeyRing>((keyManagement, ring) => keyManagement.XmlRepository = ring);
}

builder.Services.AddSingleton<PasswordHasher<Accounts.Account>>();
builder.Services.AddLaunchPathSecurity(builder.Configuration);
builder.Services.AddSingleton(TimeProvider.System);
DapperTypeHandlers.Register();
DefaultTypeMap.MatchNamesWithUnderscores = true;

builder.Services.AddMediator(options => options.ServiceLifetime = ServiceLifetime.Scoped);
builder.Services.AddValidators();
builder.Services.AddLaunchPathProblemDetails();
builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
builder.Services.ConfigureHttpJsonOptions(options => Json.Configure(options.SerializerOptions));
builder.Services.Configure<Microsoft.AspNetCore.Mvc.JsonOptions>(options => Json.Configure(options.JsonSerializerOptions));

builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [HealthEndpoints.ReadyTag]);
builder.Services.AddLaunchPathOpenApi();

var app = builder.Build();

var database = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DatabaseOptions>>().Value;
// "--migrate-only": a release step brings the database up to date (and creates the bootstrap administrator), then exits,
// so N nodes can start with Database:MigrateOnStartup=false and never race to migrate.
var migrateOnly = args.Contains("--migrate-only");
if (database.MigrateOnStartup || migrateOnly)
{
    app.Services.GetRequiredService<DatabaseMigrator>().Migrate();
    await app.Services.GetRequiredService<BootstrapAdmin>().EnsureAsync(CancellationToken.None);
    if (app.Configuration.GetValue<bool>("Demo:Seed"))
    {
        await app.Services.GetRequiredService<DemoSeeder>().SeedAsync(CancellationToken.None);
    }

    if (migrateOnly)
    {
        return;
    }
}

// With no proxy named the middleware is left out: with empty lists it would believe every sender.
if (app.Configuration.GetSection("Proxy:KnownProxies").Exists() || app.Configuration.GetSection("Proxy:KnownNetworks").Exists())
{
    app.UseForwardedHeaders();
}

// Request logging sits outside the exception handler, so it logs the status the client got (a 400, not the exception).
app.UseSerilogRequestLogging(options => Logging.Configure(options, app.Services));
app.UseExceptionHandler();
app.UseStatusCodePages();
// The built SPA's files are served before routing, so the app's catch-all route never shadows them.
app.UseSpaFiles();
app.UseRouting();
app.UseMiddleware<RequestLimitsMiddleware>();
// The development API browser is public; everything after authorization needs a caller unless it says otherwise.
if (app.Environment.IsDevelopment())
{
    app.UseSwagger();
    app.UseSwaggerUI(options => options.SwaggerEndpoint("/swagger/v1/swagger.yaml", "LaunchPath API v1"));
}

app.UseAuthentication();
app.UseRateLimiter();
app.UseAuthorization();
app.UseMiddleware<IdempotencyMiddleware>();

app.MapHealth();
app.MapLaunchPathMetrics();
// Every operation's arguments are checked before its handler runs: no null array members, dates in range.
var api = app.MapGroup("").CheckRequests();
api.MapAuth();
api.MapOrganizations();
api.MapUsers();
api.MapApiKeys();
api.MapOpportunities();
api.MapPeople();
api.MapRoster();
api.MapClasses();
api.MapMatching();
api.MapPlacements();
api.MapMessages();
api.MapEvents();
api.MapCalendars();
api.MapPartners();
OutcomesReports.Map(api);
app.MapSpaFallback();

app.Run();

/// <summary>Entry point; public so the integration tests can host it.</summary>
public partial class Program
{
    /// <summary>The one JSON shape of the API: camelCase, string enums, nulls honoured as declared.</summary>
    internal static class Json
    {
        public static void Configure(JsonSerializerOptions options)
        {
            options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
            options.RespectNullableAnnotations = true;
            options.RespectRequiredConstructorParameters = true;
            // A member the contract does not have is a client mistake (a typo would otherwise be dropped silently).
            options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        }
    }
}
