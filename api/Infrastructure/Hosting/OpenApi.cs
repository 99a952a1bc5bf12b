using System.Reflection;
using Microsoft.OpenApi;

namespace LaunchPath.Api.Infrastructure.Hosting;

public static class OpenApi
{
    public const string DocumentName = "v1";

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
                              "Errors are RFC 9457 problem details.",
            });
            options.SupportNonNullableReferenceTypes();
            options.NonNullableReferenceTypesAsRequired();
            options.UseAllOfToExtendReferenceSchemas();
            options.CustomSchemaIds(type => type.Name);
            options.OperationFilter<LaunchPath.Api.Infrastructure.Http.QueryEnums.OperationFilter>();
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
}
