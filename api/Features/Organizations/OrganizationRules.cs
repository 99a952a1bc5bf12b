using FluentValidation;
using LaunchPath.Api.Infrastructure.Http;
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
        validator.RuleFor(address).SetValidator(new PostalAddressValidator()!);
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
}
