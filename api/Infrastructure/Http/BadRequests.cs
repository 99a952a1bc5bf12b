using System.Text.Json;
using System.Text.RegularExpressions;

namespace LaunchPath.Api.Infrastructure.Http;

/// <summary>
/// Turns what the framework says about a request it could not read (a JSON error, a query value that does not parse, a
/// missing body) into an <c>errors</c> map in the wire's own words: the JSON path or parameter name, and what it must be.
/// Framework messages name .NET types and echo values; none of that text leaves the server.
/// </summary>
public static partial class BadRequests
{
    /// <summary>The field name used when the whole body is at fault.</summary>
    public const string Body = "body";

    public static Dictionary<string, string[]> Describe(BadHttpRequestException exception)
    {
        if (FindJsonException(exception) is { } json)
        {
            return Describe(json);
        }

        var message = exception.Message;
        if (BindFailed().Match(message) is { Success: true } bind)
        {
            return One(bind.Groups["name"].Value, "must be " + WireType(bind.Groups["type"].Value) + ".");
        }

        if (RequiredMissing().Match(message) is { Success: true } missing)
        {
            var name = missing.Groups["name"].Value;
            var source = missing.Groups["source"].Value;
            return source.Contains("body", StringComparison.OrdinalIgnoreCase)
                ? One(Body, "A JSON request body is required.")
                : One(name, "is required.");
        }

        if (message.Contains("body", StringComparison.OrdinalIgnoreCase) && message.Contains("no body", StringComparison.OrdinalIgnoreCase))
        {
            return One(Body, "A JSON request body is required.");
        }

        if (message.Contains("form", StringComparison.OrdinalIgnoreCase) || message.Contains("multipart", StringComparison.OrdinalIgnoreCase))
        {
            return One(Body, "must be a multipart/form-data upload with one or more files.");
        }

        if (message.Contains("request content", StringComparison.OrdinalIgnoreCase))
        {
            return One(Body, "ended before the length the request announced.");
        }

        return One(Body, "could not be read.");
    }

    public static Dictionary<string, string[]> Describe(JsonException exception)
    {
        var path = FieldName(exception.Path);
        var message = exception.Message;
        if (UnmappedMember().Match(message) is { Success: true } unmapped)
        {
            var member = unmapped.Groups["member"].Value;
            // The reader's path already ends at the unknown member ("$.criteria[0].extra"); name it once.
            var field = path == Body ? member : path.EndsWith("." + member, StringComparison.Ordinal) || path == member ? path : $"{path}.{member}";
            field = field.Length > 100 ? field[..100] + "…" : field;
            return One(field, "is not a member of this request (check the spelling); remove it.");
        }

        if (MissingRequired().Match(message) is { Success: true } required)
        {
            var errors = new Dictionary<string, string[]>();
            foreach (var name in required.Groups["names"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var member = name.Trim('\'');
                errors[path == Body ? member : $"{path}.{member}"] = ["is required."];
            }

            return errors.Count > 0 ? errors : One(path, "is missing required members.");
        }

        if (message.Contains("doesn't allow", StringComparison.Ordinal) && message.Contains("null", StringComparison.Ordinal))
        {
            return One(path, "must not be null.");
        }

        if (CouldNotConvert().Match(message) is { Success: true } convert)
        {
            return One(path, "must be " + WireType(convert.Groups["type"].Value) + ".");
        }

        if (message.StartsWith("must be ", StringComparison.Ordinal))
        {
            // LaunchPath's own converters speak the wire's words already.
            var own = message.Split(" Path:", 2)[0];
            return One(path, own.EndsWith('.') ? own : own + ".");
        }

        if (message.Contains("maximum configured depth", StringComparison.Ordinal))
        {
            return One(path, "is nested too deeply.");
        }

        // Anything else the reader says is about the JSON text itself (an invalid token, an unterminated string, trailing data).
        return One(path, "is not valid JSON at this point.");
    }

    /// <summary>"$.levels[0].name" → "levels[0].name"; the root is "body".</summary>
    public static string FieldName(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return Body;
        }

        var name = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        // Members STJ escapes as ['name'] (names with dots or spaces) stay readable.
        return name.Length == 0 ? Body : name;
    }

    /// <summary>A .NET type as it appears in a framework message → what it is on the wire, never its .NET name.</summary>
    internal static string WireType(string dotnet)
    {
        var type = dotnet.Trim();
        if (type.StartsWith("Nullable<", StringComparison.Ordinal))
        {
            type = type["Nullable<".Length..].TrimEnd('>');
        }

        if (type.StartsWith("System.Nullable`1[", StringComparison.Ordinal))
        {
            type = type["System.Nullable`1[".Length..].TrimEnd(']');
        }

        var simple = type.Contains('`', StringComparison.Ordinal) ? type : type[(type.LastIndexOf('.') + 1)..];
        if (type.Contains("List`1", StringComparison.Ordinal) || type.Contains("Enumerable`1", StringComparison.Ordinal)
            || type.Contains("Collection`1", StringComparison.Ordinal) || type.EndsWith("[]", StringComparison.Ordinal))
        {
            return "an array";
        }

        if (type.Contains("Dictionary`2", StringComparison.Ordinal))
        {
            return "an object";
        }

        switch (simple)
        {
            case "String" or "string": return "a string";
            case "Int32" or "int" or "Int64" or "long" or "Int16" or "short" or "Byte" or "byte": return "a whole number";
            case "Double" or "double" or "Decimal" or "decimal" or "Single" or "float": return "a number";
            case "Boolean" or "bool": return "true or false";
            case "Guid": return "a LaunchPath id (a GUID)";
            case "DateOnly": return "a date (YYYY-MM-DD)";
            case "DateTimeOffset" or "DateTime": return "a date-time (ISO 8601, e.g. 2026-09-01T08:00:00Z)";
            case "TimeOnly": return "a time of day (HH:mm)";
            case "TimeSpan": return "a duration";
        }

        var contract = typeof(LaunchPath.Contracts.Organizations.Organization).Assembly.GetTypes()
            .FirstOrDefault(t => t.FullName == type || t.Name == simple);
        if (contract is { IsEnum: true })
        {
            var names = Enum.GetNames(contract).Select(JsonNamingPolicy.CamelCase.ConvertName);
            return "one of: " + string.Join(", ", names);
        }

        return contract is not null ? "an object" : "a value of the documented type";
    }

    private static Dictionary<string, string[]> One(string field, string message) => new() { [field] = [message] };

    private static JsonException? FindJsonException(Exception exception)
    {
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is JsonException json)
            {
                return json;
            }
        }

        return null;
    }

    // The framework's own messages (Microsoft.AspNetCore.Http.RequestDelegateFactory and System.Text.Json resources).
    [GeneratedRegex("""^Failed to bind parameter "(?<type>.+) (?<name>[^ "]+)" from""")]
    private static partial Regex BindFailed();

    [GeneratedRegex("""^Required parameter "(?<type>.+) (?<name>[^ "]+)" was not provided from (?<source>.+?)\.?$""")]
    private static partial Regex RequiredMissing();

    [GeneratedRegex("""The JSON property '(?<member>.*)' could not be mapped""", RegexOptions.Singleline)]
    private static partial Regex UnmappedMember();

    [GeneratedRegex("""missing required properties including: (?<names>.+?)\.?( Path:|$)""", RegexOptions.Singleline)]
    private static partial Regex MissingRequired();

    [GeneratedRegex("""could not be converted to (?<type>[^ ]+?)\.?( Path:|$)""", RegexOptions.Singleline)]
    private static partial Regex CouldNotConvert();
}
