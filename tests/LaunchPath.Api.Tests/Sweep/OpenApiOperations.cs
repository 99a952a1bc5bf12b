using System.Text.Json;
using System.Text.Json.Nodes;

namespace LaunchPath.Api.Tests.Sweep;

/// <summary>One operation of the OpenAPI document: what the sweeps need to call it.</summary>
public sealed record Operation(
    string Method, string Template, string OperationId, IReadOnlyList<Parameter> Parameters, string? BodyContentType, JsonElement? BodySchema,
    bool Secured)
{
    /// <summary>The status codes the document declares for the operation.</summary>
    public IReadOnlySet<int> Declared { get; init; } = new HashSet<int>();

    public override string ToString() => $"{Method} {Template}";
}

public sealed record Parameter(string Name, string In, bool Required, JsonElement Schema);

/// <summary>Reads the operations of an OpenAPI 3.0 document and builds valid sample values from its schemas.</summary>
public sealed class OpenApiOperations(JsonElement spec, Ids ids)
{
    public IReadOnlyList<Operation> All()
    {
        var operations = new List<Operation>();
        foreach (var path in spec.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in path.Value.EnumerateObject())
            {
                var op = method.Value;
                var parameters = op.TryGetProperty("parameters", out var ps)
                    ? ps.EnumerateArray().Select(p => new Parameter(
                        p.GetProperty("name").GetString()!, p.GetProperty("in").GetString()!,
                        p.TryGetProperty("required", out var r) && r.GetBoolean(),
                        p.TryGetProperty("schema", out var schema) ? schema : default)).ToList()
                    : [];
                string? contentType = null;
                JsonElement? bodySchema = null;
                if (op.TryGetProperty("requestBody", out var body))
                {
                    var content = body.GetProperty("content").EnumerateObject().First();
                    contentType = content.Name;
                    bodySchema = content.Value.GetProperty("schema");
                }

                operations.Add(new Operation(method.Name.ToUpperInvariant(), path.Name, op.GetProperty("operationId").GetString()!, parameters,
                    contentType, bodySchema, op.TryGetProperty("security", out _))
                {
                    Declared = op.GetProperty("responses").EnumerateObject().Select(r => int.TryParse(r.Name, out var code) ? code : 0).ToHashSet(),
                });
            }
        }

        return operations;
    }

    /// <summary>Follows $ref and a one-member allOf (how the document extends a referenced schema with a description).</summary>
    public JsonElement Resolve(JsonElement schema)
    {
        for (var i = 0; i < 10; i++)
        {
            if (schema.ValueKind != JsonValueKind.Object)
            {
                return schema;
            }

            if (schema.TryGetProperty("$ref", out var reference))
            {
                var name = reference.GetString()!.Split('/').Last();
                schema = spec.GetProperty("components").GetProperty("schemas").GetProperty(name);
                continue;
            }

            if (schema.TryGetProperty("allOf", out var all) && all.GetArrayLength() == 1)
            {
                schema = all[0];
                continue;
            }

            return schema;
        }

        return schema;
    }

    public static string? Type(JsonElement schema) => schema.TryGetProperty("type", out var type) ? type.GetString() : schema.TryGetProperty("properties", out _) ? "object" : null;

    public static string? Format(JsonElement schema) => schema.TryGetProperty("format", out var format) ? format.GetString() : null;

    public static IReadOnlyList<string> Enum(JsonElement schema) =>
        schema.TryGetProperty("enum", out var values) ? values.EnumerateArray().Select(v => v.ToString()).ToList() : [];

    public static IReadOnlyList<string> Required(JsonElement schema) =>
        schema.TryGetProperty("required", out var required) ? required.EnumerateArray().Select(v => v.GetString()!).ToList() : [];

    /// <summary>A valid-looking value for <paramref name="schema"/>; <paramref name="name"/> picks ids and times by meaning.</summary>
    public JsonNode? Sample(JsonElement schema, string name, int depth = 0)
    {
        var resolved = Resolve(schema);
        var values = Enum(resolved);
        if (values.Count > 0)
        {
            return JsonValue.Create(values[0]);
        }

        switch (Type(resolved))
        {
            case "object":
                var node = new JsonObject();
                if (depth > 6 || !resolved.TryGetProperty("properties", out var properties))
                {
                    return node;
                }

                foreach (var property in properties.EnumerateObject())
                {
                    node[property.Name] = Sample(property.Value, property.Name, depth + 1);
                }

                return node;
            case "array":
                var item = resolved.TryGetProperty("items", out var items) ? Sample(items, Singular(name), depth + 1) : null;
                return item is null ? new JsonArray() : new JsonArray(item);
            case "integer":
                return JsonValue.Create(resolved.TryGetProperty("minimum", out var min) ? min.GetInt32() : name.Contains("minutes", StringComparison.OrdinalIgnoreCase) ? 60 : 1);
            case "number":
                return JsonValue.Create(1.5);
            case "boolean":
                return JsonValue.Create(false);
            case "string":
                return JsonValue.Create(SampleString(resolved, name));
            default:
                return JsonValue.Create("sweep");
        }
    }

    private string SampleString(JsonElement schema, string name)
    {
        var lower = name.ToLowerInvariant();
        return Format(schema) switch
        {
            "date" => "2026-09-01",
            "date-time" => "2026-09-01T08:00:00Z",
            "uuid" => ids.ForName(name),
            _ when lower.EndsWith("id", StringComparison.Ordinal) && lower != "sourcedid" => ids.ForName(name),
            _ when lower.Contains("email", StringComparison.Ordinal) => $"sweep-{Guid.NewGuid():N}@example.test",
            _ when lower is "start" or "starttime" => "09:00",
            _ when lower is "end" or "endtime" => "12:00",
            _ when lower.Contains("password", StringComparison.Ordinal) => "a long enough password",
            _ when lower.Contains("year", StringComparison.Ordinal) => "2025-26",
            _ when lower.Contains("postal", StringComparison.Ordinal) => "94110",
            _ when lower == "state" => "CA",
            _ when lower.Contains("grade", StringComparison.Ordinal) => "10",
            _ => "Sweep value",
        };
    }

    private static string Singular(string name) => name.EndsWith("Ids", StringComparison.Ordinal) ? name[..^1] : name;
}
