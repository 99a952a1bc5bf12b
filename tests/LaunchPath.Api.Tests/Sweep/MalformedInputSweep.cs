using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace LaunchPath.Api.Tests.Sweep;

/// <summary>
/// Every operation in the OpenAPI document, called as the platform administrator on real Kestrel with a bounded, seeded
/// set of malformed inputs in its path, query and body — wrong types, nulls and null array members, missing required
/// members, empty and 100 KB strings, huge, negative and fractional numbers, invalid ids and dates, extreme dates, unknown
/// enum values and members, broken JSON, wrong content types, control characters and emoji. No answer may be a 5xx;
/// every error is problem+json, every 400 has an errors map, and no body names a .NET type. A new operation is covered
/// by being in the document.
/// </summary>
public sealed partial class MalformedInputSweep(SweepApi api, ITestOutputHelper output) : IClassFixture<SweepApi>
{
    private const int Seed = 20261206;
    private const int MutationsPerOperation = 70;
    private static readonly string Huge = new('x', 100_000);
    /// <summary>
    /// What any operation may answer before its handler runs, documented once in README rather than on each operation:
    /// a malformed request (400), no credentials (401), a body or target over the limit (413, 414), a content type it
    /// does not read (415), too many requests (429).
    /// </summary>
    internal static readonly HashSet<int> AnyOperation = [400, 401, 413, 414, 415, 429];

    private const string Hostile = "\u0000\r\nX-Forged: 1\u202e😀𝄞<script>'\"";

    [Fact]
    public async Task Every_operation_answers_malformed_input_with_a_problem_and_never_a_5xx()
    {
        var operations = new OpenApiOperations(api.Spec, api.Ids);
        var all = operations.All()
            // Erasing and revoking go last, so the ids the other operations use still exist.
            .OrderBy(op => op.Method == "DELETE" ? 1 : 0).ThenBy(op => op.Template).ThenBy(op => op.Method)
            .ToList();
        all.Should().HaveCountGreaterThan(70, "the sweep reads every operation of openapi.yaml");

        var failures = new List<string>();
        var undeclared = new SortedSet<string>(StringComparer.Ordinal);
        var sent = 0;
        using var client = api.Admin();
        api.Logs.Clear();
        foreach (var op in all)
        {
            var random = new Random(HashCode.Combine(Seed, op.OperationId.Length, op.OperationId[0], op.OperationId[^1]));
            foreach (var probe in Probes(operations, op, random))
            {
                sent++;
                using var request = probe.Build(api.Ids);
                HttpResponseMessage response;
                try
                {
                    response = await client.SendAsync(request);
                }
                catch (HttpRequestException exception)
                {
                    failures.Add($"{op} [{probe.Name}] → connection failed: {exception.Message}");
                    continue;
                }

                using (response)
                {
                    var problem = await Check(response);
                    if (problem is not null)
                    {
                        failures.Add($"{op} [{probe.Name}] → {problem}");
                    }

                    // A path probe on an operation without a path parameter asks for another route: not this operation's answer.
                    var status = (int)response.StatusCode;
                    var otherRoute = probe.Name.StartsWith("path id", StringComparison.Ordinal) && op.Parameters.All(p => p.In != "path");
                    if (!otherRoute && !op.Declared.Contains(status) && !AnyOperation.Contains(status))
                    {
                        undeclared.Add($"{op} answered {status}, which openapi.yaml does not declare for it [{probe.Name}]");
                    }
                }
            }
        }

        output.WriteLine($"{all.Count} operations, {sent} requests, {failures.Count} failures");
        var serverErrors = api.Logs.Errors();
        failures.Should().BeEmpty("every malformed request gets a clear problem (first 40 of {0}):\n{1}", failures.Count,
            string.Join("\n", failures.Take(40)));
        serverErrors.Should().BeEmpty("nothing but a real failure is logged as an error, and the sweep caused none");
        undeclared.Select(u => u[..u.IndexOf(" [", StringComparison.Ordinal)]).Distinct().Should()
            .BeEmpty("the contract tells the truth: every status an operation answers is declared for it (first of each):\n{0}", string.Join("\n", undeclared.Take(200)));
        api.Logs.Events.Count(e => e.Properties.TryGetValue("StatusCode", out var code) && code.ToString() == "400")
            .Should().BeGreaterThan(1000, "the log capture sees every request line (so an error among them would have been seen)");
    }

    /// <summary>What is wrong with a response, or null.</summary>
    internal static async Task<string?> Check(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();
        var shown = text.Length > 300 ? text[..300] + "…" : text;
        if (status >= 500)
        {
            return $"{status}: {shown}";
        }

        if (LeakyText().Match(text) is { Success: true } leak)
        {
            return $"{status} names a .NET type ('{leak.Value}'): {shown}";
        }

        if (status < 400)
        {
            return null;
        }

        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return $"{status} is not problem+json ({response.Content.Headers.ContentType?.MediaType ?? "no content type"}, {text.Length} bytes): {shown}";
        }

        JsonElement body;
        try
        {
            body = JsonDocument.Parse(text).RootElement;
        }
        catch (JsonException)
        {
            return $"{status} problem is not JSON: {shown}";
        }

        if (!body.TryGetProperty("status", out var statusMember) || statusMember.GetInt32() != status || !body.TryGetProperty("title", out _))
        {
            return $"{status} problem lacks its status or title: {shown}";
        }

        if (status == 400 && (!body.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Object || !errors.EnumerateObject().Any()))
        {
            return $"400 without an errors map: {shown}";
        }

        return null;
    }

    [GeneratedRegex(@"\b(System|Microsoft|LaunchPath)\.[A-Z][A-Za-z0-9]+\.|Nullable<|IReadOnlyList|IEnumerable`|`1\[|\bat [A-Z][A-Za-z]+\.[A-Z][A-Za-z]+\(")]
    private static partial Regex LeakyText();

    /// <summary>The requests sent to one operation: structural ones always, then a seeded pick of member and parameter mutations.</summary>
    private static IEnumerable<Probe> Probes(OpenApiOperations spec, Operation op, Random random)
    {
        var query = op.Parameters.Where(p => p.In == "query").ToList();
        var baseQuery = query.Where(p => p.Required || random.Next(2) == 0)
            .ToDictionary(p => p.Name, p => spec.Sample(p.Schema, p.Name)?.ToString() ?? "x");
        var json = op.BodyContentType == "application/json";
        var body = json && op.BodySchema is { } bodySchema ? spec.Sample(bodySchema, "body") : null;
        var probes = new List<Probe>
        {
            new("valid sample", op, baseQuery, Body(body)),
            new("path id not a GUID", op, baseQuery, Body(body)) { PathOverride = "not-a-guid" },
            new("path id with CR LF", op, baseQuery, Body(body)) { PathOverride = "%0D%0AX-Forged:%201" },
            new("path id emoji", op, baseQuery, Body(body)) { PathOverride = "%F0%9F%98%80" },
            new("path id 10 KB", op, baseQuery, Body(body)) { PathOverride = new string('a', 10_000) },
            new("path id NUL", op, baseQuery, Body(body)) { PathOverride = "%00" },
        };
        if (op.Method == "POST")
        {
            probes.Add(new Probe("non-ASCII Idempotency-Key", op, baseQuery, Body(body)) { Headers = { ["Idempotency-Key"] = "café-ключ" } });
            probes.Add(new Probe("control characters in Idempotency-Key", op, baseQuery, Body(body)) { Headers = { ["Idempotency-Key"] = "a\u0001b" } });
            probes.Add(new Probe("Idempotency-Key", op, baseQuery, Body(body)) { Headers = { ["Idempotency-Key"] = $"sweep-{random.Next()}" } });
        }

        if (op.BodyContentType is not null)
        {
            probes.Add(new Probe("no body", op, baseQuery, null));
            probes.Add(new Probe("broken JSON", op, baseQuery, Raw("{\"name\": \"unterminated", "application/json")));
            probes.Add(new Probe("JSON null", op, baseQuery, Raw("null", "application/json")));
            probes.Add(new Probe("JSON array", op, baseQuery, Raw("[1,2]", "application/json")));
            probes.Add(new Probe("JSON string", op, baseQuery, Raw("\"text\"", "application/json")));
            probes.Add(new Probe("empty object", op, baseQuery, Raw("{}", "application/json")));
            probes.Add(new Probe("text/plain", op, baseQuery, Raw(body?.ToJsonString() ?? "{}", "text/plain")));
            probes.Add(new Probe("form-urlencoded", op, baseQuery, Raw("a=1&b=2", "application/x-www-form-urlencoded")));
            probes.Add(new Probe("deeply nested", op, baseQuery, Raw(new string('[', 500) + new string(']', 500), "application/json")));
            probes.Add(new Probe("invalid UTF-8", op, baseQuery, () => new ByteArrayContent([0x7B, 0x22, 0xC3, 0x28, 0x22, 0x3A, 0x31, 0x7D])
            {
                Headers = { ContentType = new MediaTypeHeaderValue("application/json") },
            }));
            probes.Add(new Probe("2 MB body", op, baseQuery, Raw("{\"pad\":\"" + new string('x', 2_000_000) + "\"}", "application/json")));
        }

        if (op.BodyContentType == "multipart/form-data")
        {
            probes.Add(new Probe("multipart with a garbage file", op, baseQuery, () =>
            {
                var form = new MultipartFormDataContent();
                form.Add(new ByteArrayContent("\u0000\u0001garbage,\"\n"u8.ToArray()), "files", "users.csv");
                return form;
            }));
            probes.Add(new Probe("multipart with a file named like a path", op, baseQuery, () =>
            {
                var form = new MultipartFormDataContent();
                form.Add(new ByteArrayContent("sourcedId\n1\n"u8.ToArray()), "files", "../../etc/passwd");
                return form;
            }));
            probes.Add(new Probe("multipart without files", op, baseQuery, () => new MultipartFormDataContent()));
            probes.Add(new Probe("multipart with Idempotency-Key", op, new Dictionary<string, string>(baseQuery) { ["mode"] = "delta" }, () =>
            {
                var form = new MultipartFormDataContent();
                form.Add(new ByteArrayContent("sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\n"u8.ToArray()), "files", "orgs.csv");
                return form;
            }) { Headers = { ["Idempotency-Key"] = $"sweep-upload-{random.Next()}" } });
        }

        var mutations = new List<Probe>();
        foreach (var parameter in query)
        {
            foreach (var (name, value) in QueryValues(spec, parameter))
            {
                mutations.Add(new Probe($"?{parameter.Name} {name}", op, new Dictionary<string, string>(baseQuery) { [parameter.Name] = value }, Body(body)));
            }
        }

        if (body is not null)
        {
            foreach (var (path, schema, parent, key) in Locations(spec, op.BodySchema!.Value, body, "$"))
            {
                foreach (var (name, value, remove) in MemberValues(spec, schema))
                {
                    mutations.Add(new Probe($"{path} {name}", op, baseQuery, Body(Mutate(body, parent, key, value, remove))));
                }
            }

            mutations.Add(new Probe("unknown member", op, baseQuery, Body(With(body, "zzUnknownMember", JsonValue.Create(1)))));
        }

        probes.AddRange(mutations.OrderBy(_ => random.Next()).Take(MutationsPerOperation));
        return probes;
    }

    private static IEnumerable<(string Name, string Value)> QueryValues(OpenApiOperations spec, Parameter parameter)
    {
        var schema = spec.Resolve(parameter.Schema);
        yield return ("not a number", "abc");
        yield return ("negative", "-1");
        yield return ("huge", "99999999999999999999999");
        yield return ("fractional", "0.5");
        yield return ("empty", "");
        yield return ("100 KB", Huge[..3000]);
        yield return ("control characters and emoji", Hostile);
        yield return ("not a GUID", "not-a-guid");
        yield return ("unknown enum value", "zzUnknownValue");
        if (OpenApiOperations.Format(schema) == "date" || parameter.Name is "from" or "to")
        {
            yield return ("date 9999-12-31", "9999-12-31");
            yield return ("date 0001-01-01", "0001-01-01");
            yield return ("impossible date", "2024-02-30");
        }
    }

    private static IEnumerable<(string Name, JsonNode? Value, bool Remove)> MemberValues(OpenApiOperations spec, JsonElement schema)
    {
        var resolved = spec.Resolve(schema);
        var type = OpenApiOperations.Type(resolved);
        var format = OpenApiOperations.Format(resolved);
        yield return ("null", null, false);
        yield return ("missing", null, true);
        yield return ("true", JsonValue.Create(true), false);
        yield return ("object", new JsonObject { ["a"] = 1 }, false);
        yield return ("array of nulls", new JsonArray(null, null), false);
        if (type == "string" || OpenApiOperations.Enum(resolved).Count > 0)
        {
            yield return ("number", JsonValue.Create(12345), false);
            yield return ("empty string", JsonValue.Create(""), false);
            yield return ("100 KB string", JsonValue.Create(Huge), false);
            yield return ("control characters and emoji", JsonValue.Create(Hostile), false);
            yield return ("unknown enum value", JsonValue.Create("zzUnknownValue"), false);
            yield return ("not a GUID", JsonValue.Create("not-a-guid"), false);
            yield return ("random GUID", JsonValue.Create(Guid.NewGuid().ToString()), false);
            if (format is "date" or "date-time")
            {
                yield return ("date 9999-12-31", JsonValue.Create(format == "date" ? "9999-12-31" : "9999-12-31T23:59:59Z"), false);
                yield return ("date 0001-01-01", JsonValue.Create(format == "date" ? "0001-01-01" : "0001-01-01T00:00:00Z"), false);
                yield return ("impossible date", JsonValue.Create(format == "date" ? "2024-02-30" : "2024-02-30T25:61:00Z"), false);
            }
        }

        if (type is "integer" or "number")
        {
            yield return ("string", JsonValue.Create("12"), false);
            yield return ("negative", JsonValue.Create(-1), false);
            yield return ("zero", JsonValue.Create(0), false);
            yield return ("int32 overflow", JsonValue.Create(2147483648L), false);
            yield return ("huge", JsonNode.Parse("1e300"), false);
            yield return ("fractional", JsonValue.Create(0.5), false);
        }

        if (type == "boolean")
        {
            yield return ("string", JsonValue.Create("true"), false);
            yield return ("number", JsonValue.Create(1), false);
        }

        if (type == "array")
        {
            yield return ("string", JsonValue.Create("a"), false);
            yield return ("empty array", new JsonArray(), false);
            yield return ("null member", new JsonArray((JsonNode?)null), false);
            yield return ("1,000 members", new JsonArray(Enumerable.Range(0, 1000).Select(i => (JsonNode?)JsonValue.Create($"m{i}")).ToArray()), false);
        }
    }

    /// <summary>Every member and array item of a sample body, with its schema and where it sits.</summary>
    private static IEnumerable<(string Path, JsonElement Schema, JsonNode Parent, object Key)> Locations(OpenApiOperations spec, JsonElement schema, JsonNode node, string path, int depth = 0)
    {
        if (depth > 6)
        {
            yield break;
        }

        var resolved = spec.Resolve(schema);
        if (node is JsonObject obj && resolved.TryGetProperty("properties", out var properties))
        {
            foreach (var property in properties.EnumerateObject())
            {
                var child = obj[property.Name];
                var at = $"{path}.{property.Name}";
                yield return (at, property.Value, obj, property.Name);
                if (child is not null)
                {
                    foreach (var inner in Locations(spec, property.Value, child, at, depth + 1))
                    {
                        yield return inner;
                    }
                }
            }
        }
        else if (node is JsonArray array && array.Count > 0 && resolved.TryGetProperty("items", out var items))
        {
            yield return ($"{path}[0]", items, array, 0);
            if (array[0] is { } first)
            {
                foreach (var inner in Locations(spec, items, first, $"{path}[0]", depth + 1))
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>A copy of <paramref name="body"/> with the member or item at (parent, key) set to <paramref name="value"/> or removed.</summary>
    private static JsonNode Mutate(JsonNode body, JsonNode parent, object key, JsonNode? value, bool remove)
    {
        var path = parent.GetPath();
        var copy = body.DeepClone();
        var target = Find(copy, path);
        switch (target, key)
        {
            case (JsonObject o, string name):
                if (remove)
                {
                    o.Remove(name);
                }
                else
                {
                    o[name] = value?.DeepClone();
                }

                break;
            case (JsonArray a, int index):
                if (remove)
                {
                    a.RemoveAt(index);
                }
                else
                {
                    a[index] = value?.DeepClone();
                }

                break;
        }

        return copy;
    }

    private static JsonNode Find(JsonNode root, string path)
    {
        if (path == "$")
        {
            return root;
        }

        var node = root;
        foreach (Match part in PathPart().Matches(path))
        {
            node = part.Groups["name"].Success ? node![part.Groups["name"].Value]! : node![int.Parse(part.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture)]!;
        }

        return node!;
    }

    [GeneratedRegex(@"\.(?<name>[A-Za-z0-9_]+)|\[(?<index>\d+)\]|\['(?<name>[^']+)'\]")]
    private static partial Regex PathPart();

    private static JsonNode With(JsonNode body, string member, JsonNode value)
    {
        var copy = body.DeepClone();
        if (copy is JsonObject o)
        {
            o[member] = value;
        }

        return copy;
    }

    private static Func<HttpContent>? Body(JsonNode? body) => body is null ? null : Raw(body.ToJsonString(), "application/json");

    private static Func<HttpContent> Raw(string text, string contentType) => () => new StringContent(text, Encoding.UTF8, contentType);

    private sealed record Probe(string Name, Operation Op, Dictionary<string, string> Query, Func<HttpContent>? Content)
    {
        public string? PathOverride { get; init; }

        public Dictionary<string, string> Headers { get; } = [];

        public HttpRequestMessage Build(Ids ids)
        {
            var path = Op.Template;
            foreach (var parameter in Op.Parameters.Where(p => p.In == "path"))
            {
                var value = PathOverride ?? Uri.EscapeDataString(ids.ForPath(Op.Template, parameter.Name));
                path = path.Replace("{" + parameter.Name + "}", value, StringComparison.Ordinal);
            }

            if (PathOverride is not null && !Op.Parameters.Any(p => p.In == "path"))
            {
                path += "/" + PathOverride;
            }

            var query = string.Join("&", Query.Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value)}"));
            var request = new HttpRequestMessage(new HttpMethod(Op.Method), query.Length > 0 ? $"{path}?{query}" : path);
            if (Content is not null)
            {
                request.Content = Content();
            }

            foreach (var (name, value) in Headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            return request;
        }
    }
}
