using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace LaunchPath.Api.Infrastructure.Hosting;

public static class OpenApi
{
    public const string DocumentName = "v1";
    private const string Bearer = "bearer";
    private const string ApiKey = "apiKey";

    public static IServiceCollection AddLaunchPathOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc(DocumentName, new OpenApiInfo
            {
                Title = "LaunchPath API",
                Version = "v1",
                Description = "Work-based learning matching: organizations, people, roster sync, opportunities, matching, placements and outcomes. " +
                              "Errors are RFC 9457 problem details. Authenticate with a bearer token from POST /api/v1/auth/token, " +
                              "or with an organization's API key in the X-Api-Key header. " +
                              "POSTs accept an Idempotency-Key header (1–255 characters): a retry with the same key and request replays the " +
                              "first response for 24 hours (Idempotent-Replayed: true); the same key with a different request is a 422. " +
                              "Every error is application/problem+json; every 400 has an errors map keyed by JSON path or parameter name. " +
                              "Members a schema does not list are refused (400), as are null members of arrays. Dates (format: date and " +
                              "date-time, in bodies and query strings) lie between 1900-01-01 and 2199-12-31. JSON bodies are at most " +
                              "256 KB (roster uploads 200 MB; 413 beyond), and a path with its query string at most 4,096 characters (414).",
            });
            options.AddSecurityDefinition(Bearer, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A LaunchPath token from POST /api/v1/auth/token, or a district SSO access token where configured.",
            });
            options.AddSecurityDefinition(ApiKey, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = "X-Api-Key",
                Description = "An organization's API key (integrations and convener scripts).",
            });
            options.SupportNonNullableReferenceTypes();
            options.NonNullableReferenceTypesAsRequired();
            options.UseAllOfToExtendReferenceSchemas();
            options.CustomSchemaIds(type => type.Name);
            // Paths in a fixed order (by path, then method), whatever order the hosts register endpoints in.
            options.OrderActionsBy(description => $"{description.RelativePath} {description.HttpMethod}");
            options.OperationFilter<LaunchPath.Api.Infrastructure.Http.QueryEnums.OperationFilter>();
            options.OperationFilter<SecurityFilter>();
            options.OperationFilter<OptionalFormFieldsFilter>();
            foreach (var assembly in new[] { typeof(OpenApi).Assembly, typeof(LaunchPath.Contracts.Organizations.Organization).Assembly })
            {
                var xml = Path.Combine(AppContext.BaseDirectory, assembly.GetName().Name + ".xml");
                if (File.Exists(xml))
                {
                    options.IncludeXmlComments(xml);
                }
            }
        });
        return services;
    }

    /// <summary>
    /// A multipart form's text fields that the form does not list as required may be left out (the endpoint reads an
    /// empty or absent field as absent): say so, so a generated client does not refuse to send the form without them.
    /// </summary>
    private sealed class OptionalFormFieldsFilter : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            if (operation.RequestBody?.Content is not { } content || !content.TryGetValue("multipart/form-data", out var form) || form.Schema is not OpenApiSchema schema
                || schema.Properties is null)
            {
                return;
            }

            foreach (var (name, property) in schema.Properties)
            {
                if (property is OpenApiSchema text && text.Type == JsonSchemaType.String && text.Format is null && schema.Required?.Contains(name) != true)
                {
                    text.Type = JsonSchemaType.String | JsonSchemaType.Null;
                }
            }
        }
    }

    /// <summary>Marks every endpoint that needs a caller (all but AllowAnonymous ones: the fallback policy) with both schemes and documents its 401.</summary>
    private sealed class SecurityFilter : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
            if (metadata.OfType<IAllowAnonymous>().Any())
            {
                return;
            }

            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, context.Document)] = [] });
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKey, context.Document)] = [] });
            operation.Responses ??= new OpenApiResponses();
            if (!operation.Responses.ContainsKey("401"))
            {
                operation.Responses["401"] = new OpenApiResponse
                {
                    Description = "Unauthorized",
                    Content = new Dictionary<string, IOpenApiMediaType>
                    {
                        ["application/problem+json"] = new OpenApiMediaType { Schema = context.SchemaGenerator.GenerateSchema(typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), context.SchemaRepository) },
                    },
                };
            }
        }
    }
}
