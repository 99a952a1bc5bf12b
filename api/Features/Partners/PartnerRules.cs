using FluentValidation;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Contracts.Common;
using LaunchPath.Contracts.Partners;

namespace LaunchPath.Api.Features.Partners;

/// <summary>Field rules the area's requests share: an employer's profile and a worksite.</summary>
internal static class PartnerRules
{
    public sealed class ProfileValidator : AbstractValidator<PartnerProfile>
    {
        public ProfileValidator()
        {
            RuleFor(p => p.OrganizationName).NotEmpty().MaximumLength(200);
            RuleFor(p => p.Industry).NotEmpty().MaximumLength(200);
            RuleFor(p => p.Website).MaximumLength(300).Must(w => w is null || Uri.TryCreate(w, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http")
                .WithMessage("'Website' must be a web address (https://…).");
            RuleFor(p => p.Address).SetValidator(new PostalAddressValidator()!);
            RuleFor(p => p.Contact).NotNull().ChildRules(c =>
            {
                c.RuleFor(x => x.Name).NotEmpty().MaximumLength(200);
                c.RuleFor(x => x.Title).MaximumLength(200);
                c.RuleFor(x => x.Email).NotEmpty().EmailAddress().MaximumLength(320);
                c.RuleFor(x => x.Phone).MaximumLength(40).Matches(@"^[0-9+()\-. ]*$").WithMessage("'Phone' may hold digits, spaces and + ( ) - . only.");
            });
            RuleFor(p => p.CareerClusters).NotEmpty().Must(c => c.Count <= 14 && c.Distinct().Count() == c.Count).WithMessage("Name each career cluster once.");
            RuleForEach(p => p.CareerClusters).IsInEnum();
            RuleFor(p => p.ExperienceTypes).NotEmpty().Must(t => t.Count <= 21 && t.Distinct().Count() == t.Count).WithMessage("Name each kind of experience once.");
            RuleForEach(p => p.ExperienceTypes).IsInEnum();
            RuleFor(p => p.StudentsPerYear).InclusiveBetween(0, 10_000);
            RuleFor(p => p.About).MaximumLength(2000);
        }
    }

    public sealed class WorksiteValidator : AbstractValidator<WorksiteRequest>
    {
        public WorksiteValidator()
        {
            RuleFor(w => w.Name).NotEmpty().MaximumLength(200);
            RuleFor(w => w.Address).NotNull().When(w => !w.Remote).WithMessage("A worksite that is not remote needs its address.");
            RuleFor(w => w.Address).SetValidator(new PostalAddressValidator()!);
            RuleFor(w => w.Accessibility).MaximumLength(1000);
            RuleFor(w => w.Transit).MaximumLength(1000);
            RuleFor(w => w.Latitude).InclusiveBetween(-90, 90);
            RuleFor(w => w.Longitude).InclusiveBetween(-180, 180);
            RuleFor(w => w).Must(w => (w.Latitude is null) == (w.Longitude is null)).WithName("latitude").WithMessage("Give both latitude and longitude, or neither.");
        }
    }

    /// <summary>A worksite's columns from the request (coarse location: two decimals).</summary>
    public static Dapper.DynamicParameters WorksiteParameters(WorksiteRequest worksite)
    {
        var parameters = new Dapper.DynamicParameters(Infrastructure.Data.AddressColumns.Parameters(worksite.Remote && worksite.Address is null ? null : worksite.Address));
        parameters.AddDynamicParams(new
        {
            Name = worksite.Name.Trim(),
            Remote = worksite.Remote,
            Accessibility = Infrastructure.Data.AddressColumns.Normalize(worksite.Accessibility),
            Transit = Infrastructure.Data.AddressColumns.Normalize(worksite.Transit),
            Latitude = worksite.Latitude is { } lat ? Math.Round(lat, 2) : (double?)null,
            Longitude = worksite.Longitude is { } lon ? Math.Round(lon, 2) : (double?)null,
        });
        return parameters;
    }

    public const string InsertWorksite =
        "INSERT INTO worksites (id, employer_id, region_id, name, " + Infrastructure.Data.AddressColumns.Select + ", latitude, longitude, remote, accessibility, transit, " +
        "checklist_status, version, created_at, updated_at) VALUES (@Id, @EmployerId, @RegionId, @Name, " + Infrastructure.Data.AddressColumns.InsertParameters +
        ", @Latitude, @Longitude, @Remote, @Accessibility, @Transit, 'none', 1, @Now, @Now)";
}
