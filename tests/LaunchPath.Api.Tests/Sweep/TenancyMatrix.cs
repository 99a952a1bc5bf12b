using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Api.Tests.Infrastructure;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Organizations;
using Xunit.Abstractions;

namespace LaunchPath.Api.Tests.Sweep;

/// <summary>
/// Every operation of the OpenAPI document × every role (a signed-in user of each role, and an API key of each kind of
/// organization with all it may hold) of another region × the demo region's ids: never a 2xx for an operation that
/// names a foreign id in its path, and never a foreign id in any answer. Without credentials, every secured operation
/// is a 401. Generated from the document, so a new operation is covered by being in it.
/// </summary>
public sealed class TenancyMatrix(SweepApi api, ITestOutputHelper output) : IClassFixture<SweepApi>
{
    private static readonly string[] Public = ["/api/v1/auth/token", "/api/v1/links/"];

    [Fact]
    public async Task No_caller_of_another_tenant_reaches_a_foreign_id_and_no_one_unauthenticated_reaches_anything()
    {
        var spec = new OpenApiOperations(api.Spec, api.Ids);
        var operations = spec.All().OrderBy(op => op.Method == "DELETE" ? 1 : 0).ThenBy(op => op.Template).ToList();
        var callers = await ForeignCallers();
        var foreignIds = ForeignIds();
        var failures = new List<string>();
        var sent = 0;

        using var anonymous = api.Client();
        foreach (var op in operations.Where(op => op.Secured))
        {
            sent++;
            using var response = await anonymous.SendAsync(Request(spec, op));
            if (response.StatusCode != HttpStatusCode.Unauthorized)
            {
                failures.Add($"anonymous {op} → {(int)response.StatusCode}, not 401");
            }
            else if (await MalformedInputSweep.Check(response) is { } problem)
            {
                failures.Add($"anonymous {op} → {problem}");
            }
        }

        foreach (var (name, client) in callers)
        {
            foreach (var op in operations.Where(op => !Public.Any(op.Template.StartsWith)))
            {
                sent++;
                using var response = await client.SendAsync(Request(spec, op));
                var status = (int)response.StatusCode;
                var text = await response.Content.ReadAsStringAsync();
                var namesForeignId = op.Parameters.Any(p => p.In == "path");
                if (namesForeignId && status is >= 200 and < 300)
                {
                    failures.Add($"{name}: {op} with the demo region's ids → {status}: {Shorten(text)}");
                }
                else if (status is >= 200 and < 300 && foreignIds.FirstOrDefault(id => text.Contains(id, StringComparison.OrdinalIgnoreCase)) is { } leaked)
                {
                    failures.Add($"{name}: {op} → {status} and its answer holds the foreign id {leaked}: {Shorten(text)}");
                }
                else if (status >= 500)
                {
                    failures.Add($"{name}: {op} → {status}: {Shorten(text)}");
                }
                else if (!op.Declared.Contains(status) && !MalformedInputSweep.AnyOperation.Contains(status))
                {
                    failures.Add($"{name}: {op} answered {status}, which openapi.yaml does not declare for it: {Shorten(text)}");
                }
            }
        }

        output.WriteLine($"{callers.Count} foreign callers, {operations.Count} operations, {sent} requests, {failures.Count} failures");
        failures.Should().BeEmpty("another tenant's ids are never reachable (first 40 of {0}):\n{1}", failures.Count, string.Join("\n", failures.Take(40)));
    }

    /// <summary>
    /// Callers of the demo region that may see little (a teacher, a supervisor, an analyst, a guardian) get the same
    /// answer for an entity whatever its state: permission is checked before state, so a 409 or 422 never tells a caller
    /// without the permission something a 403 or 404 would not.
    /// </summary>
    [Fact]
    public async Task A_caller_without_the_permission_gets_the_same_answer_whatever_the_state()
    {
        var spec = new OpenApiOperations(api.Spec, api.Ids);
        var callers = new List<(string Name, HttpClient Client)>();
        foreach (var (role, org) in new[] { (Role.Teacher, api.Ids.School), (Role.Supervisor, api.Ids.Employer), (Role.WorkforceAnalyst, api.Ids.Region), (Role.Guardian, api.Ids.School), (Role.Counselor, api.Ids.School) })
        {
            var client = await api.UserClient(role, org);
            client.Should().NotBeNull("the administrator can create a {0}", role);
            callers.Add(($"{role} of the demo region", client!));
        }

        var failures = new List<string>();
        var compared = 0;
        foreach (var op in spec.All().Where(op => op.Method != "DELETE"))
        {
            var kind = op.Template.Split('/').SkipWhile(s => s != "v1").Skip(1).FirstOrDefault() ?? "";
            if (!api.Ids.Alternate.TryGetValue(kind, out var alternate) || !op.Template.Contains("{id}", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var (name, client) in callers)
            {
                using var first = await client.SendAsync(Request(spec, op));
                using var second = await client.SendAsync(Request(spec, op, alternate));
                compared++;
                var statuses = new[] { (int)first.StatusCode, (int)second.StatusCode };
                var readOnly = name.StartsWith(nameof(Role.Teacher), StringComparison.Ordinal) || name.StartsWith(nameof(Role.Counselor), StringComparison.Ordinal)
                               || name.StartsWith(nameof(Role.WorkforceAnalyst), StringComparison.Ordinal);
                if (readOnly && op.Method != "GET" && statuses.Any(s => s is not (400 or 403 or 404)))
                {
                    failures.Add($"{name} may change nothing, but {op} → {statuses[0]} / {statuses[1]} instead of 403 or 404: " +
                                 Shorten(await first.Content.ReadAsStringAsync()));
                }
                else if (statuses.Any(s => s is 403 or 404) && statuses.Any(s => s is 409 or 410 or 412 or 422))
                {
                    failures.Add($"{name}: {op} → {statuses[0]} in one state, {statuses[1]} in another: " +
                                 Shorten(await (statuses[0] is 403 or 404 ? second : first).Content.ReadAsStringAsync()));
                }
            }
        }

        output.WriteLine($"{compared} pairs compared, {failures.Count} failures");
        compared.Should().BeGreaterThan(20);
        failures.Should().BeEmpty("permission comes before state (first 40 of {0}):\n{1}", failures.Count, string.Join("\n", failures.Take(40)));
    }

    private static string Shorten(string text) => text.Length > 200 ? text[..200] + "…" : text;

    /// <summary>The demo region's ids (the tenant the callers must not reach), as they appear in answers.</summary>
    private List<string> ForeignIds()
    {
        var ids = api.Ids;
        return [ids.District, ids.School, ids.Employer, ids.Student, ids.Placement, ids.HoursEntry, ids.User, ids.ApiKey, ids.MatchRound, ids.RosterImport];
    }

    private HttpRequestMessage Request(OpenApiOperations spec, Operation op, string? id = null)
    {
        var path = op.Parameters.Where(p => p.In == "path")
            .Aggregate(op.Template, (current, p) => current.Replace("{" + p.Name + "}",
                Uri.EscapeDataString(id is not null && p.Name == "id" ? id : api.Ids.ForPath(op.Template, p.Name)), StringComparison.Ordinal));
        var query = string.Join("&", op.Parameters.Where(p => p.In == "query" && p.Required)
            .Select(p => $"{p.Name}={Uri.EscapeDataString(spec.Sample(p.Schema, p.Name)?.ToString() ?? "x")}"));
        var request = new HttpRequestMessage(new HttpMethod(op.Method), query.Length > 0 ? $"{path}?{query}" : path);
        if (op.BodyContentType == "application/json" && op.BodySchema is { } schema)
        {
            request.Content = new StringContent(spec.Sample(schema, "body")?.ToJsonString() ?? "{}", Encoding.UTF8, "application/json");
        }
        else if (op.BodyContentType == "multipart/form-data")
        {
            var form = new MultipartFormDataContent();
            form.Add(new ByteArrayContent("sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\n"u8.ToArray()), "files", "orgs.csv");
            request.Content = form;
        }

        if (op.Method == "PUT")
        {
            request.Headers.IfMatch.Add(EntityTagHeaderValue.Any);
        }

        return request;
    }

    /// <summary>A user of every role and an API key of every kind of organization, all in a second region.</summary>
    private async Task<List<(string Name, HttpClient Client)>> ForeignCallers()
    {
        using var admin = api.Admin();
        async Task<Organization> Org(OrganizationType type, string? parent) =>
            await (await admin.PostAsync("/api/v1/organizations", SweepApi.Json(new { type, name = $"Other {type} {Guid.NewGuid():N}"[..30], parentId = parent })))
                .Read<Organization>(HttpStatusCode.Created);

        var region = await Org(OrganizationType.Region, null);
        var district = await Org(OrganizationType.District, region.Id);
        var school = await Org(OrganizationType.School, district.Id);
        var employer = await Org(OrganizationType.Employer, region.Id);
        var at = new Dictionary<OrganizationType, Organization>
        {
            [OrganizationType.Region] = region, [OrganizationType.District] = district, [OrganizationType.School] = school, [OrganizationType.Employer] = employer,
        };

        var callers = new List<(string, HttpClient)>();
        foreach (var role in Enum.GetValues<Role>())
        {
            var client = await api.UserClient(role, at[Access.HeldOn(role)[0]].Id);
            client.Should().NotBeNull("the administrator can create a {0} of another region", role);
            callers.Add(($"{role} of another region", client!));
        }

        foreach (var (type, org) in at)
        {
            var permissions = Enum.GetValues<Role>().Where(r => Access.CanBeHeldOn(r, type)).SelectMany(Access.PermissionsOf).Distinct().ToArray();
            var created = await (await admin.PostAsync($"/api/v1/organizations/{org.Id}/api-keys", SweepApi.Json(new { name = $"{type} key", permissions })))
                .Read<CreatedKey>(HttpStatusCode.Created);
            var client = api.Client();
            client.DefaultRequestHeaders.Add("X-Api-Key", created.Key);
            callers.Add(($"API key of another region's {type}", client));
        }

        return callers;
    }

    private sealed record CreatedKey(string Key);
}
