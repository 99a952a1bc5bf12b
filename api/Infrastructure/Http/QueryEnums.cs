using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace LaunchPath.Api.Infrastructure.Http;

/// <summary>
/// Enum filters in query strings use the same camelCase names as JSON ("?type=district"). Minimal APIs bind enums
/// case-sensitively by member name, so list endpoints take the raw string, parse it here, and declare the enum for OpenAPI.
/// </summary>
public static class QueryEnums
{
    public sealed record Metadata(string Name, Type EnumType);

    public static bool TryParse<T>(string? text, string name, IDictionary<string, string[]> errors, out T? value) where T : struct, Enum
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (!int.TryParse(text, out _) && Enum.TryParse<T>(text, ignoreCase: true, out var parsed))
        {
            value = parsed;
            return true;
        }

        errors[name] = [$"{name} must be one of: {string.Join(", ", Enum.GetValues<T>().Select(v => Data.DbEnum.ToText(v)))}."];
        return false;
    }

    /// <summary>Documents query parameter <paramref name="name"/> as the enum <typeparamref name="T"/>.</summary>
    public static RouteHandlerBuilder WithQueryEnum<T>(this RouteHandlerBuilder builder, string name) where T : struct, Enum =>
        builder.WithMetadata(new Metadata(name, typeof(T)));

    internal sealed class OperationFilter : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            foreach (var metadata in context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<Metadata>())
            {
                var parameter = operation.Parameters?.FirstOrDefault(p => p.Name == metadata.Name);
                if (parameter is OpenApiParameter concrete)
                {
                    concrete.Schema = context.SchemaGenerator.GenerateSchema(metadata.EnumType, context.SchemaRepository);
                }
            }
        }
    }
}
