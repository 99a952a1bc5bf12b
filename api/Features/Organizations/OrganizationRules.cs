using FluentValidation;
using LaunchPath.Contracts.Common;
using LaunchPath.Contracts.Organizations;

namespace LaunchPath.Api.Features.Organizations;

/// <summary>Field rules that create and update share.</summary>
internal static class OrganizationRules
{
    public const int NameMax = 200;
    public const int SourcedIdMax = 255;
    public const int IdentifierMax = 64;

    public static void EditableFields<T>(AbstractValidator<T> validator,
        System.Linq.Expressions.Expression<Func<T, string>> name,
        System.Linq.Expressions.Expression<Func<T, string?>> sourcedId,
        System.Linq.Expressions.Expression<Func<T, string?>> identifier,
        System.Linq.Expressions.Expression<Func<T, PostalAddress?>> address,
        System.Linq.Expressions.Expression<Func<T, string?>> industry)
    {
        validator.RuleFor(name).NotEmpty().MaximumLength(NameMax);
        validator.RuleFor(sourcedId).MaximumLength(SourcedIdMax);
        validator.RuleFor(identifier).MaximumLength(IdentifierMax);
        validator.RuleFor(industry).MaximumLength(NameMax);
        validator.RuleFor(address).SetValidator(new AddressValidator()!);
    }

    /// <summary>Industry and career cluster describe employers only.</summary>
    public static IEnumerable<(string Field, string Message)> EmployerOnlyFields(OrganizationType type, string? industry, CareerCluster? cluster)
    {
        if (type == OrganizationType.Employer)
        {
            yield break;
        }

        if (!string.IsNullOrWhiteSpace(industry))
        {
            yield return ("industry", "Only employers have an industry.");
        }

        if (cluster is not null)
        {
            yield return ("careerCluster", "Only employers have a career cluster.");
        }
    }

    private sealed class AddressValidator : AbstractValidator<PostalAddress>
    {
        public AddressValidator()
        {
            RuleFor(a => a.Line1).NotEmpty().MaximumLength(200);
            RuleFor(a => a.Line2).MaximumLength(200);
            RuleFor(a => a.City).NotEmpty().MaximumLength(100);
            RuleFor(a => a.State).NotEmpty().MaximumLength(100);
            RuleFor(a => a.PostalCode).NotEmpty().MaximumLength(20);
            RuleFor(a => a.Country).Matches("^[A-Za-z]{2}$").When(a => a.Country is not null)
                .WithMessage("'Country' must be a two-letter ISO 3166-1 code.");
        }
    }
}
