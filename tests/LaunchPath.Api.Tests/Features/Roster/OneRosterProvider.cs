using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LaunchPath.Api.Tests.Features.Roster;

/// <summary>
/// A OneRoster 1.2 REST provider on loopback, as a district SIS serves one: an OAuth 2.0 client-credentials token
/// endpoint (Basic auth), and orgs, users and demographics in the 1EdTech JSON binding with limit/offset paging,
/// X-Total-Count and Link headers, and filter=dateLastModified&gt;'…'. Tests change its data and make it fail.
/// </summary>
public sealed partial class OneRosterProvider : IAsyncDisposable
{
    public const string ClientId = "launchpath";
    public const string ClientSecret = "s3cret-for-the-test-provider";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _tokens = new();

    public OneRosterProvider()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/oauth/token", Token);
        _app.MapGet("/ims/oneroster/rostering/v1p2/{collection}", Collection);
    }

    public Dictionary<string, List<Dictionary<string, object?>>> Data { get; } = new()
    {
        ["orgs"] = [],
        ["users"] = [],
        ["demographics"] = [],
    };

    /// <summary>Every request's path and query, in order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>A token stops working after this many uses (an expiry mid-pull).</summary>
    public int TokenUses { get; set; } = int.MaxValue;

    /// <summary>Decides a failure for a request (path and query, and how many requests came before): a status to answer, or null.</summary>
    public Func<string, int, (int Status, string? RetryAfter)?> Fail { get; set; } = (_, _) => null;

    public string BaseUrl { get; private set; } = "";

    public string TokenUrl => BaseUrl + "/oauth/token";

    public async Task StartAsync()
    {
        await _app.StartAsync();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    public Dictionary<string, object?> Org(string sourcedId, string name, string type, string? parent, string modified = "2026-08-01T00:00:00.000Z") => Add("orgs", new()
    {
        ["sourcedId"] = sourcedId, ["status"] = "active", ["dateLastModified"] = modified, ["name"] = name, ["type"] = type,
        ["parent"] = parent is null ? null : Ref("orgs", parent, "org"),
    });

    public Dictionary<string, object?> User(string sourcedId, string given, string family, string role, string org, string? grade = null, string[]? agents = null,
        string modified = "2026-08-01T00:00:00.000Z") => Add("users", new()
    {
        ["sourcedId"] = sourcedId, ["status"] = "active", ["dateLastModified"] = modified, ["enabledUser"] = "true", ["username"] = sourcedId,
        ["givenName"] = given, ["familyName"] = family, ["email"] = $"{sourcedId}@sis.example.test", ["identifier"] = "ID-" + sourcedId,
        ["roles"] = new[] { new Dictionary<string, object?> { ["roleType"] = "primary", ["role"] = role, ["org"] = Ref("orgs", org, "org") } },
        ["agents"] = (agents ?? []).Select(a => Ref("users", a, "user")).ToArray(),
        ["grades"] = grade is null ? Array.Empty<string>() : [grade],
        ["primaryOrg"] = Ref("orgs", org, "org"),
    });

    public Dictionary<string, object?> Demographics(string sourcedId, string birthDate, string modified = "2026-08-01T00:00:00.000Z") => Add("demographics", new()
    {
        ["sourcedId"] = sourcedId, ["status"] = "active", ["dateLastModified"] = modified, ["birthDate"] = birthDate, ["sex"] = "female",
        ["hispanicOrLatinoEthnicity"] = "true",
    });

    private Dictionary<string, object?> Add(string collection, Dictionary<string, object?> record)
    {
        Data[collection].Add(record);
        return record;
    }

    private Dictionary<string, object?> Ref(string collection, string sourcedId, string type) => new()
    {
        ["href"] = $"{BaseUrl}/ims/oneroster/rostering/v1p2/{collection}/{sourcedId}", ["sourcedId"] = sourcedId, ["type"] = type,
    };

    private IResult Token(HttpContext context)
    {
        Requests.Enqueue("/oauth/token");
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ClientId}:{ClientSecret}"));
        if (context.Request.Headers.Authorization.ToString() != expected || context.Request.Form["grant_type"] != "client_credentials")
        {
            return Results.Json(new { error = "invalid_client" }, statusCode: 401);
        }

        var token = Guid.NewGuid().ToString("N");
        _tokens[token] = 0;
        return Results.Json(new { access_token = token, token_type = "bearer", expires_in = 3600, scope = context.Request.Form["scope"].ToString() });
    }

    private IResult Collection(HttpContext context, string collection)
    {
        var request = context.Request.Path + context.Request.QueryString;
        var before = Requests.Count;
        Requests.Enqueue(request);
        if (Fail(request, before) is { } failure)
        {
            if (failure.RetryAfter is { } wait)
            {
                context.Response.Headers.RetryAfter = wait;
            }

            return Results.StatusCode(failure.Status);
        }

        var bearer = context.Request.Headers.Authorization.ToString();
        var token = bearer.StartsWith("Bearer ", StringComparison.Ordinal) ? bearer[7..] : "";
        if (!_tokens.TryGetValue(token, out var uses) || uses >= TokenUses)
        {
            return Results.Json(new { imsx_codeMajor = "failure", imsx_description = "token expired" }, statusCode: 401);
        }

        _tokens[token] = uses + 1;
        if (!Data.TryGetValue(collection, out var all))
        {
            return Results.NotFound();
        }

        var records = all.AsEnumerable();
        if (context.Request.Query["filter"].ToString() is { Length: > 0 } filter)
        {
            var match = FilterPattern().Match(filter);
            if (!match.Success)
            {
                return Results.BadRequest();
            }

            var since = DateTimeOffset.Parse(match.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture);
            records = records.Where(r => DateTimeOffset.Parse((string)r["dateLastModified"]!, System.Globalization.CultureInfo.InvariantCulture) > since);
        }

        var list = records.ToList();
        var limit = int.TryParse(context.Request.Query["limit"], out var l) ? l : 100;
        var offset = int.TryParse(context.Request.Query["offset"], out var o) ? o : 0;
        var page = list.Skip(offset).Take(limit).ToList();
        context.Response.Headers["X-Total-Count"] = list.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (offset + page.Count < list.Count)
        {
            context.Response.Headers.Link = $"<{BaseUrl}/ims/oneroster/rostering/v1p2/{collection}?limit={limit}&offset={offset + limit}>; rel=\"next\"";
        }

        return Results.Text(JsonSerializer.Serialize(new Dictionary<string, object> { [collection] = page }), "application/json");
    }

    [GeneratedRegex("""^dateLastModified>'(?<value>[^']+)'$""")]
    private static partial Regex FilterPattern();
}
