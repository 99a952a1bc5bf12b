using FluentValidation;

namespace LaunchPath.Api.Infrastructure.Http;

public static class Validation
{
    /// <summary>Validates the endpoint's <typeparamref name="T"/> argument with its FluentValidation validator; 400 ValidationProblem on failure.</summary>
    public static RouteHandlerBuilder Validate<T>(this RouteHandlerBuilder builder) where T : class
    {
        builder.AddEndpointFilter(async (context, next) =>
        {
            var argument = context.Arguments.OfType<T>().FirstOrDefault();
            if (argument is null)
            {
                return Error.Validation("body", "A request body is required.").ToProblem();
            }

            var validator = context.HttpContext.RequestServices.GetRequiredService<IValidator<T>>();
            var result = await validator.ValidateAsync(argument, context.HttpContext.RequestAborted);
            if (result.IsValid)
            {
                return await next(context);
            }

            var fields = result.Errors
                .GroupBy(failure => JsonPath(failure.PropertyName))
                .ToDictionary(group => group.Key, group => group.Select(failure => failure.ErrorMessage).Distinct().ToArray());
            return TypedResults.ValidationProblem(fields, title: "One or more validation errors occurred.");
        });
        return builder.ProducesValidationProblem();
    }

    /// <summary>Registers every validator in the API assembly.</summary>
    public static IServiceCollection AddValidators(this IServiceCollection services)
    {
        var validators = typeof(Validation).Assembly.GetTypes()
            .Where(type => type is { IsAbstract: false, IsGenericTypeDefinition: false })
            .SelectMany(type => type.GetInterfaces()
                .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>))
                .Select(i => (Service: i, Implementation: type)));
        foreach (var (service, implementation) in validators)
        {
            services.AddSingleton(service, implementation);
        }

        return services;
    }

    /// <summary>"Address.PostalCode" → "address.postalCode", matching the JSON the client sent.</summary>
    private static string JsonPath(string propertyName) =>
        string.Join('.', propertyName.Split('.').Select(part => part.Length == 0 ? part : char.ToLowerInvariant(part[0]) + part[1..]));

    /// <summary>A language LaunchPath writes messages in (en, es), or none.</summary>
    public static IRuleBuilderOptions<T, string?> MustBeLanguage<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(value => value is null || LaunchPath.Api.Infrastructure.Messaging.MessageTemplates.Languages.Contains(value))
            .WithMessage($"'{{PropertyName}}' must be one of: {string.Join(", ", LaunchPath.Api.Infrastructure.Messaging.MessageTemplates.Languages)}.");

    public static IRuleBuilderOptions<T, string?> MustBeId<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(value => value is null || Guid.TryParse(value, out _)).WithMessage("'{PropertyName}' must be a LaunchPath id (a GUID).");

    /// <summary>A link people open (a virtual session's): an absolute https address, at most 1,000 characters, or none.</summary>
    public static IRuleBuilderOptions<T, string?> MustBeHttpsLink<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(1000)
            .Must(url => url is null || (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps))
            .WithMessage("The virtual link must be an https:// address.");
}

/// <summary>A postal address as organizations and worksites take it: street, city, state and ZIP code, an optional second line and two-letter country.</summary>
public sealed class PostalAddressValidator : AbstractValidator<LaunchPath.Contracts.Common.PostalAddress>
{
    public PostalAddressValidator()
    {
        RuleFor(a => a.Line1).NotEmpty().MaximumLength(200);
        RuleFor(a => a.Line2).MaximumLength(200);
        RuleFor(a => a.City).NotEmpty().MaximumLength(100);
        RuleFor(a => a.State).NotEmpty().MaximumLength(100);
        RuleFor(a => a.PostalCode).NotEmpty().MaximumLength(20);
        RuleFor(a => a.Country).Matches("^[A-Za-z]{2}$").When(a => a.Country is not null).WithMessage("'Country' must be a two-letter ISO 3166-1 code.");
    }
}
