using System.Globalization;
using FluentValidation;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Contracts.Common;
using LaunchPath.Contracts.Opportunities;

namespace LaunchPath.Api.Features.Opportunities;

/// <summary>What makes an opportunity's fields complete and coherent; used by create and update.</summary>
public sealed class OpportunityFieldsValidator : AbstractValidator<OpportunityFields>
{
    public OpportunityFieldsValidator()
    {
        RuleFor(f => f.Title).NotEmpty().MaximumLength(200);
        RuleFor(f => f.Description).NotEmpty().MaximumLength(4000);
        RuleFor(f => f.Duties).MaximumLength(4000);
        RuleFor(f => f.WorksiteId).MustBeId();
        RuleFor(f => f.Type).IsInEnum();
        RuleFor(f => f.Stage).IsInEnum();
        RuleFor(f => f.CareerCluster).IsInEnum();
        RuleFor(f => f.Pathway).MaximumLength(200);
        RuleFor(f => f.Skills).Must(s => s.Count <= 30).WithMessage("At most 30 skills.");
        RuleForEach(f => f.Skills).NotEmpty().MaximumLength(100);
        RuleFor(f => f.Modality).IsInEnum();
        RuleFor(f => f.SiteName).MaximumLength(200);
        RuleFor(f => f.Address).NotNull().When(f => f.Modality != Modality.Virtual)
            .WithMessage("In-person and hybrid opportunities need the site's address.");
        RuleFor(f => f.Address!).SetValidator(new AddressRules()).When(f => f.Address is not null);
        RuleFor(f => f.Location!.Latitude).InclusiveBetween(-90, 90).When(f => f.Location is not null);
        RuleFor(f => f.Location!.Longitude).InclusiveBetween(-180, 180).When(f => f.Location is not null);
        RuleFor(f => f.Seats).InclusiveBetween(1, 10000);
        RuleFor(f => f.EndDate).GreaterThanOrEqualTo(f => f.StartDate).When(f => f.StartDate is not null && f.EndDate is not null)
            .WithMessage("'End Date' must be on or after the start date.");
        RuleFor(f => f.Schedule).Must(s => s.Count <= 21).WithMessage("At most 21 weekly slots.");
        RuleForEach(f => f.Schedule).ChildRules(slot =>
        {
            slot.RuleFor(s => s.Day).IsInEnum();
            slot.RuleFor(s => s.Start).Must(BeTime).WithMessage("Use 24-hour HH:mm.");
            slot.RuleFor(s => s.End).Must(BeTime).WithMessage("Use 24-hour HH:mm.");
            slot.RuleFor(s => s).Must(s => !BeTime(s.Start) || !BeTime(s.End) || Time(s.End) > Time(s.Start))
                .WithName("End").WithMessage("A slot must end after it starts.");
        });
        RuleFor(f => f.ExpectedHours).InclusiveBetween(1, 5000);
        RuleFor(f => f.Compensation).IsInEnum();
        RuleFor(f => f.HourlyWage).NotNull().GreaterThan(0).LessThan(1000).When(f => f.Compensation == Compensation.Paid)
            .WithMessage("A paid opportunity needs an hourly wage above 0.");
        RuleFor(f => f.HourlyWage).Null().When(f => f.Compensation != Compensation.Paid).WithMessage("Only paid opportunities have an hourly wage.");
        RuleFor(f => f.StipendAmount).NotNull().GreaterThan(0).LessThan(1_000_000).When(f => f.Compensation == Compensation.Stipend)
            .WithMessage("A stipend needs an amount above 0.");
        RuleFor(f => f.StipendAmount).Null().When(f => f.Compensation != Compensation.Stipend).WithMessage("Only stipends have a stipend amount.");
        RuleFor(f => f.CreditDescription).MaximumLength(400);
        RuleFor(f => f.MinGrade).InclusiveBetween(6, 13);
        RuleFor(f => f.MinAge).InclusiveBetween(10, 99);
        RuleFor(f => f.MinAge).GreaterThanOrEqualTo(18).When(f => f.Hazardous && f.MinAge is not null)
            .WithMessage("Hazardous work (federal hazardous-occupation orders) is for participants 18 or older.");
        RuleFor(f => f.PrerequisiteStage).IsInEnum();
        RuleFor(f => f.PrerequisiteStage).Must((f, p) => p is null || p < f.Stage)
            .WithMessage("The prerequisite stage must come before the opportunity's own stage.");
        RuleFor(f => f.RequiredForms).Must(s => s.Count <= 20).WithMessage("At most 20 forms.");
        RuleForEach(f => f.RequiredForms).NotEmpty().MaximumLength(100);
        RuleFor(f => f.Audience).IsInEnum();
        RuleFor(f => f.AudienceOrganizationIds).Empty().When(f => f.Audience == AudienceScope.Region)
            .WithMessage("A region-wide opportunity lists no audience organizations.");
        RuleFor(f => f.AudienceOrganizationIds).NotEmpty().When(f => f.Audience != AudienceScope.Region)
            .WithMessage("List the districts or schools this opportunity is for.");
        RuleFor(f => f.AudienceOrganizationIds).Must(ids => ids.Count <= 50).WithMessage("At most 50 audience organizations.");
        RuleForEach(f => f.AudienceOrganizationIds).NotEmpty().MustBeId();
    }

    private static bool BeTime(string? text) => TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    private static TimeOnly Time(string text) => TimeOnly.ParseExact(text, "HH:mm", CultureInfo.InvariantCulture);

    private sealed class AddressRules : AbstractValidator<PostalAddress>
    {
        public AddressRules()
        {
            RuleFor(a => a.Line1).NotEmpty().MaximumLength(200);
            RuleFor(a => a.City).NotEmpty().MaximumLength(100);
            RuleFor(a => a.State).NotEmpty().MaximumLength(100);
            RuleFor(a => a.PostalCode).NotEmpty().MaximumLength(20);
        }
    }
}
