using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Tests.Infrastructure;
using LaunchPath.Contracts.Identity;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;

namespace LaunchPath.Api.Tests.Sweep;

/// <summary>
/// The API on real Kestrel over loopback with the demo data, its OpenAPI document, and an id of every kind a path can
/// name — what the spec-driven sweeps need to reach every operation as a real client would.
/// </summary>
public sealed class SweepApi : IAsyncLifetime
{
    public ApiFactory Factory { get; private set; } = null!;

    public LogCapture Logs { get; } = new();

    public JsonElement Spec { get; private set; }

    public Uri BaseAddress { get; private set; } = null!;

    public string AdminToken { get; private set; } = "";

    public Ids Ids { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Factory = new ApiFactory(DatabaseProvider.Sqlite,
            new Dictionary<string, string?>
            {
                ["Demo:Seed"] = "true",
                // Real failures must reach the log capture (the default test settings silence them).
                ["Serilog:MinimumLevel:Override:LaunchPath.Api.Infrastructure.Http.Problems"] = "Information",
                // Every request line is read from the capture (is a 4xx or an abort logged as an error?), not the console.
                ["Serilog:MinimumLevel:Override:Serilog.AspNetCore.RequestLoggingMiddleware"] = "Information",
                ["Serilog:Console"] = "false",
            },
            services => services.AddSingleton<ILogEventSink>(Logs));
        Factory.UseKestrel(0);
        Factory.StartServer();
        var address = Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1"));

        using var client = Client();
        var signIn = await client.PostAsync("/api/v1/auth/token", Json(new { email = ApiFactory.AdminEmail, password = ApiFactory.AdminPassword }));
        AdminToken = (await signIn.Read<AccessToken>()).Token;
        Spec = JsonDocument.Parse(await client.GetStringAsync("/swagger/v1/swagger.json")).RootElement.Clone();
        Ids = await Ids.LoadAsync(Factory.ConnectionString, Admin());
    }

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>A real HTTP client to the Kestrel server, sending header values as UTF-8 bytes (as a careless client may).</summary>
    public HttpClient Client() => new(new SocketsHttpHandler
    {
        RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8,
        AllowAutoRedirect = false,
        UseCookies = false,
    })
    {
        BaseAddress = BaseAddress,
        Timeout = TimeSpan.FromSeconds(60),
    };

    public HttpClient Admin()
    {
        var client = Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        return client;
    }

    /// <summary>A new account with <paramref name="role"/> at <paramref name="organizationId"/>, signed in; null when the API will not create one.</summary>
    public async Task<HttpClient?> UserClient(Role role, string organizationId)
    {
        using var admin = Admin();
        var email = $"{role}-{Guid.NewGuid():N}@sweep.example.test".ToLowerInvariant();
        var created = await admin.PostAsync("/api/v1/users", Json(new { email, displayName = $"Sweep {role}", password = Actors.Password, organizationId, role }));
        if (created.StatusCode != HttpStatusCode.Created)
        {
            return null;
        }

        var client = Client();
        var token = await (await client.PostAsync("/api/v1/auth/token", Json(new { email, password = Actors.Password }))).Read<AccessToken>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        return client;
    }

    public static StringContent Json(object value) => new(JsonSerializer.Serialize(value, Http.Json), Encoding.UTF8, "application/json");
}

/// <summary>An id of each kind, from the demo data or made through the API.</summary>
public sealed record Ids(
    string Region, string District, string School, string Employer, string Student, string Opportunity, string Placement,
    string HoursEntry, string User, string UserOrganization, string UserRole, string ApiKey, string MatchRound, string RoundOpportunity,
    string RosterImport)
{
    public static async Task<Ids> LoadAsync(string connectionString, HttpClient admin)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();

        async Task<string> One(string sql)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return (await command.ExecuteScalarAsync())?.ToString() ?? throw new InvalidOperationException("The demo data has no row for: " + sql);
        }

        var region = await One("SELECT id FROM organizations WHERE type = 'region' AND name LIKE '%' ORDER BY created_at LIMIT 1");
        // An active placement whose school and employer also have a completed one (for the same callers in two states).
        var placement = await One(
            $"SELECT a.id FROM placements a WHERE a.status = 'active' AND a.region_id = '{region}' AND EXISTS (SELECT 1 FROM placements c WHERE c.status = 'completed' " +
            "AND c.school_id = a.school_id AND c.employer_id = a.employer_id AND EXISTS (SELECT 1 FROM hours_entries h WHERE h.placement_id = c.id AND h.status = 'approved')) " +
            "AND EXISTS (SELECT 1 FROM hours_entries h WHERE h.placement_id = a.id AND h.status = 'submitted') " +
            // ...and whose employer has opportunities both published and not (the demo's ids, and so which placement comes
            // first, differ from run to run; not every employer has both). The opportunities swept are students' ones: a
            // teacher externship, which a teacher may apply to, would come first in some runs and not in others.
            "AND EXISTS (SELECT 1 FROM opportunities o WHERE o.employer_id = a.employer_id AND o.status = 'published' AND o.type <> 'teacherExternship') " +
            "AND EXISTS (SELECT 1 FROM opportunities o WHERE o.employer_id = a.employer_id AND o.status <> 'published' AND o.type <> 'teacherExternship') ORDER BY a.id LIMIT 1");
        var district = await One($"SELECT district_id FROM placements WHERE id = '{placement}'");
        var school = await One($"SELECT school_id FROM placements WHERE id = '{placement}'");
        var student = await One($"SELECT student_id FROM placements WHERE id = '{placement}'");
        var employer = await One($"SELECT employer_id FROM placements WHERE id = '{placement}'");
        var opportunity = await One($"SELECT id FROM opportunities WHERE status = 'published' AND employer_id = '{employer}' AND type <> 'teacherExternship' ORDER BY id LIMIT 1");
        var hours = await One($"SELECT id FROM hours_entries WHERE placement_id = '{placement}' AND status = 'submitted' ORDER BY id LIMIT 1");
        var user = await One("SELECT u.id FROM users u JOIN memberships m ON m.user_id = u.id WHERE u.email LIKE 'teacher@%' LIMIT 1");
        var userOrganization = await One($"SELECT organization_id FROM memberships WHERE user_id = '{user}' LIMIT 1");
        var userRole = await One($"SELECT role FROM memberships WHERE user_id = '{user}' LIMIT 1");
        var published = new List<string>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT id FROM opportunities WHERE status = 'published' AND region_id = '{region}' AND type <> 'teacherExternship' ORDER BY id LIMIT 3";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                published.Add(reader.GetString(0));
            }
        }

        var key = await (await admin.PostAsync($"/api/v1/organizations/{region}/api-keys",
            SweepApi.Json(new { name = "sweep key", permissions = new[] { "organizationsRead" } }))).Read<CreatedKey>(HttpStatusCode.Created);
        var round = await (await admin.PostAsync("/api/v1/match-rounds",
            SweepApi.Json(new { organizationId = region, name = "Sweep round", opportunityIds = published, reservePercent = 0 }))).Read<Created>(HttpStatusCode.Created);
        var import = await (await admin.PostAsync($"/api/v1/districts/{district}/roster-imports/json",
            SweepApi.Json(new
            {
                mode = "delta",
                orgs = new[] { new { sourcedId = "sweep-school", name = "Sweep High", type = "school", parentSourcedId = "sweep-district" } },
                users = new[] { new { sourcedId = "sweep-student", givenName = "Sweep", familyName = "Student", grades = new[] { "10" } } },
                roles = new[] { new { userSourcedId = "sweep-student", role = "student", roleType = "primary", orgSourcedId = "sweep-school" } },
            }))).Read<Created>(HttpStatusCode.Accepted);
        return new Ids(region, district, school, employer, student, opportunity, placement, hours, user, userOrganization, userRole,
            key.Info.Id, round.Id, published[0], import.Id)
        {
            // The same kinds in another state, for checks that an answer does not depend on state the caller may not see.
            Alternate = new Dictionary<string, string>
            {
                ["placements"] = await One($"SELECT id FROM placements WHERE status = 'completed' AND school_id = '{school}' AND employer_id = '{employer}' " +
                                           "AND EXISTS (SELECT 1 FROM hours_entries h WHERE h.placement_id = placements.id AND h.status = 'approved') ORDER BY id LIMIT 1"),
                ["opportunities"] = await One($"SELECT id FROM opportunities WHERE status <> 'published' AND employer_id = '{employer}' AND type <> 'teacherExternship' ORDER BY status DESC, id LIMIT 1"),
                ["hours"] = await One($"SELECT h.id FROM hours_entries h JOIN placements c ON c.id = h.placement_id WHERE h.status = 'approved' AND c.status = 'completed' " +
                                      $"AND c.school_id = '{school}' AND c.employer_id = '{employer}' ORDER BY h.id LIMIT 1"),
            },
        };
    }

    /// <summary>For a path segment kind, an id of the same kind in another state than the one <see cref="ForPath"/> gives.</summary>
    public IReadOnlyDictionary<string, string> Alternate { get; init; } = new Dictionary<string, string>();

    private sealed record Created(string Id);

    private sealed record CreatedKey(Created Info);

    /// <summary>The value for a path parameter: the kind follows the segment before it, or its own name.</summary>
    public string ForPath(string template, string parameter)
    {
        var segments = template.Split('/');
        var index = Array.FindIndex(segments, s => s == "{" + parameter + "}");
        var before = index > 0 ? segments[index - 1] : "";
        return parameter switch
        {
            "studentId" => Student,
            "opportunityId" => RoundOpportunity,
            "organizationId" => UserOrganization,
            "role" => UserRole,
            "token" => "not-a-real-link-token",
            _ => before switch
            {
                "organizations" => Region,
                "api-keys" => ApiKey,
                "regions" => Region,
                "placements" => Placement,
                "students" => Student,
                "hours" => HoursEntry,
                "match-rounds" => MatchRound,
                "opportunities" => Opportunity,
                "districts" => District,
                "roster-imports" => RosterImport,
                "users" => User,
                _ => Guid.NewGuid().ToString(),
            },
        };
    }

    /// <summary>A plausible id for a body member or query parameter, by its name.</summary>
    public string ForName(string name) => name.ToLowerInvariant() switch
    {
        var n when n.StartsWith("student", StringComparison.Ordinal) => Student,
        var n when n.StartsWith("opportunit", StringComparison.Ordinal) => Opportunity,
        var n when n.StartsWith("employer", StringComparison.Ordinal) => Employer,
        var n when n.StartsWith("school", StringComparison.Ordinal) => School,
        var n when n.StartsWith("district", StringComparison.Ordinal) => District,
        var n when n.StartsWith("placement", StringComparison.Ordinal) => Placement,
        var n when n.StartsWith("user", StringComparison.Ordinal) => User,
        var n when n.Contains("round", StringComparison.Ordinal) => MatchRound,
        _ => Region,
    };
}
