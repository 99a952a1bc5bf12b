using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;

namespace LaunchPath.Api.Infrastructure.Http;

/// <summary>
/// Rules every request obeys before any handler (or background job) sees it, checked on every endpoint's bound
/// arguments: no null members in any array of a body, and every date and date-time within
/// <see cref="EarliestDate"/>–<see cref="LatestDate"/>. Failures are one 400 with an <c>errors</c> map keyed by JSON path.
/// </summary>
public static class RequestChecks
{
    /// <summary>The earliest date the API accepts anywhere (a body member or a query parameter).</summary>
    public static readonly DateOnly EarliestDate = new(1900, 1, 1);

    /// <summary>The latest date the API accepts anywhere.</summary>
    public static readonly DateOnly LatestDate = new(2199, 12, 31);

    private static readonly Assembly Contracts = typeof(LaunchPath.Contracts.Organizations.Organization).Assembly;
    private static readonly ConcurrentDictionary<Type, (PropertyInfo Property, string Name)[]> Members = new();

    /// <summary>Adds the checks to every endpoint under <paramref name="builder"/>.</summary>
    public static TBuilder CheckRequests<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilterFactory(Factory);
        return builder;
    }

    private static EndpointFilterDelegate Factory(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var parameters = context.MethodInfo.GetParameters();
        var checkedArguments = parameters
            .Select((parameter, index) => (Index: index, Name: IsBody(parameter) ? "" : parameter.Name ?? "", parameter.ParameterType))
            .Where(p => NeedsCheck(p.ParameterType))
            .ToArray();
        if (checkedArguments.Length == 0)
        {
            return next;
        }

        return async invocation =>
        {
            var errors = new Dictionary<string, List<string>>();
            foreach (var (index, name, _) in checkedArguments)
            {
                if (index < invocation.Arguments.Count)
                {
                    Walk(invocation.Arguments[index], name, errors, 0);
                }
            }

            if (errors.Count == 0)
            {
                return await next(invocation);
            }

            return TypedResults.ValidationProblem(
                errors.ToDictionary(e => e.Key, e => e.Value.Distinct().ToArray()),
                title: "One or more validation errors occurred.");
        };
    }

    /// <summary>Checks one bound value; <paramref name="path"/> is its JSON path ("" for a whole body).</summary>
    internal static void Walk(object? value, string path, Dictionary<string, List<string>> errors, int depth)
    {
        if (value is null || depth > 32)
        {
            return;
        }

        switch (value)
        {
            case string:
                return;
            case DateOnly date:
                CheckDate(date, path, errors);
                return;
            case DateTimeOffset moment:
                CheckDate(DateOnly.FromDateTime(moment.UtcDateTime), path, errors);
                return;
            case DateTime moment:
                CheckDate(DateOnly.FromDateTime(moment), path, errors);
                return;
            case IDictionary dictionary:
                foreach (DictionaryEntry entry in dictionary)
                {
                    var key = $"{Join(path, entry.Key.ToString() ?? "")}";
                    if (entry.Value is null)
                    {
                        Add(errors, key, "must not be null.");
                    }
                    else
                    {
                        Walk(entry.Value, key, errors, depth + 1);
                    }
                }

                return;
            case IEnumerable items when value.GetType().Assembly == Contracts || !IsContract(value.GetType()):
                var i = 0;
                foreach (var item in items)
                {
                    var at = $"{(path.Length == 0 ? BadRequests.Body : path)}[{i}]";
                    if (item is null)
                    {
                        Add(errors, at, "must not be null: remove the null member or give a value.");
                    }
                    else
                    {
                        Walk(item, at, errors, depth + 1);
                    }

                    i++;
                }

                return;
        }

        var type = value.GetType();
        if (!IsContract(type))
        {
            return;
        }

        foreach (var (property, name) in Members.GetOrAdd(type, Describe))
        {
            Walk(property.GetValue(value), Join(path, name), errors, depth + 1);
        }
    }

    private static void CheckDate(DateOnly date, string path, Dictionary<string, List<string>> errors)
    {
        if (date < EarliestDate || date > LatestDate)
        {
            Add(errors, path.Length == 0 ? BadRequests.Body : path,
                $"must be between {EarliestDate:yyyy-MM-dd} and {LatestDate:yyyy-MM-dd}.");
        }
    }

    private static bool NeedsCheck(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying == typeof(DateOnly) || underlying == typeof(DateTimeOffset) || underlying == typeof(DateTime)
               || IsContract(underlying)
               || (underlying.IsGenericType && underlying.GetGenericArguments().Any(IsContract));
    }

    private static bool IsContract(Type type) => type.Assembly == Contracts && type is { IsClass: true } or { IsValueType: true, IsEnum: false, IsPrimitive: false };

    private static bool IsBody(ParameterInfo parameter) =>
        parameter.GetCustomAttributes().Any(a => a.GetType().Name == "FromBodyAttribute")
        || (IsContract(parameter.ParameterType) && parameter.ParameterType.IsClass);

    private static (PropertyInfo, string)[] Describe(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.CanRead)
            .Select(p => (p, JsonNamingPolicy.CamelCase.ConvertName(p.Name)))
            .ToArray();

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static void Add(Dictionary<string, List<string>> errors, string key, string message)
    {
        if (!errors.TryGetValue(key, out var list))
        {
            errors[key] = list = [];
        }

        list.Add(message);
    }
}
