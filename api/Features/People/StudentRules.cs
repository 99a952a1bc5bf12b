using System.Globalization;
using FluentValidation;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Contracts.People;

namespace LaunchPath.Api.Features.People;

public sealed class StudentRecordFieldsValidator : AbstractValidator<StudentRecordFields>
{
    public StudentRecordFieldsValidator(TimeProvider clock)
    {
        RuleFor(f => f.SchoolId).NotEmpty().MustBeId();
        RuleFor(f => f.GivenName).NotEmpty().MaximumLength(100);
        RuleFor(f => f.FamilyName).NotEmpty().MaximumLength(100);
        RuleFor(f => f.PreferredName).MaximumLength(100);
        RuleFor(f => f.PreferredLanguage).MustBeLanguage();
        RuleFor(f => f.Email).MaximumLength(320).EmailAddress().When(f => !string.IsNullOrWhiteSpace(f.Email));
        RuleFor(f => f.SourcedId).MaximumLength(255);
        RuleFor(f => f.Identifier).MaximumLength(64);
        RuleFor(f => f.Grade).InclusiveBetween(6, 13);
        RuleFor(f => f.BirthDate).Must(d => d is null || (d <= DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime) && d.Value.Year >= 1900))
            .WithMessage("'Birth Date' must be a past date.");
        RuleFor(f => f.Pathway).MaximumLength(200);
        RuleFor(f => f.HomeLocation!.Latitude).InclusiveBetween(-90, 90).When(f => f.HomeLocation is not null);
        RuleFor(f => f.HomeLocation!.Longitude).InclusiveBetween(-180, 180).When(f => f.HomeLocation is not null);
        RuleForEach(f => f.Subgroups!.RaceEthnicity).IsInEnum().When(f => f.Subgroups is not null);
        RuleFor(f => f.Subgroups!.Gender).IsInEnum().When(f => f.Subgroups is not null);
    }
}

public sealed class StudentPreferencesValidator : AbstractValidator<StudentPreferences>
{
    public StudentPreferencesValidator()
    {
        RuleFor(p => p.CareerInterests).Must(c => c.Count <= 14).WithMessage("At most 14 career interests.");
        RuleForEach(p => p.CareerInterests).IsInEnum();
        RuleFor(p => p.Skills).Must(s => s.Count <= 30).WithMessage("At most 30 skills.");
        RuleForEach(p => p.Skills).NotEmpty().MaximumLength(100);
        RuleFor(p => p.Availability).Must(a => a.Count <= 21).WithMessage("At most 21 weekly slots.");
        RuleForEach(p => p.Availability).ChildRules(slot =>
        {
            slot.RuleFor(s => s.Day).IsInEnum();
            slot.RuleFor(s => s.Start).Must(BeTime).WithMessage("Use 24-hour HH:mm.");
            slot.RuleFor(s => s.End).Must(BeTime).WithMessage("Use 24-hour HH:mm.");
            slot.RuleFor(s => s).Must(s => !BeTime(s.Start) || !BeTime(s.End) || string.CompareOrdinal(s.End, s.Start) > 0)
                .WithName("End").WithMessage("A slot must end after it starts.");
        });
        RuleFor(p => p.Transportation).IsInEnum();
        RuleFor(p => p.MaxTravelMinutes).InclusiveBetween(0, 240);
    }

    private static bool BeTime(string? text) => TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
}
