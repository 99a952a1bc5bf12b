using Dapper;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Contracts.Common;
using LaunchPath.Contracts.Opportunities;
using LaunchPath.Contracts.People;

namespace LaunchPath.Api.Domain;

/// <summary>A student: the people row, the profile row and the school's name. Shared by the area's slices.</summary>
internal sealed class StudentRecord
{
    /// <summary>Age in whole years on <paramref name="day"/> (the one age rule: matching eligibility, child-labor hours).</summary>
    public static int AgeOn(DateOnly birth, DateOnly day) => day.Year - birth.Year - (day < birth.AddYears(day.Year - birth.Year) ? 1 : 0);

    public const string Columns =
        "p.id, p.region_id, p.district_id, p.school_id, s.name AS school_name, p.sourced_id, p.identifier, p.given_name, p.family_name, " +
        "p.preferred_name, p.preferred_language, p.email, p.user_id, p.status, p.version, p.created_at, p.updated_at, sp.grade, sp.birth_date, sp.pathway, " +
        "sp.cte_concentrator, sp.home_latitude, sp.home_longitude, sp.career_interests, sp.skills, sp.availability, sp.transportation, " +
        "sp.max_travel_minutes, sp.prefers_paid, sp.wants_credit, sp.share_with_employers, sp.english_learner, sp.student_with_disability, " +
        "sp.socioeconomically_disadvantaged, sp.foster_youth, sp.race_ethnicity, sp.gender";

    public const string From = "people p JOIN student_profiles sp ON sp.person_id = p.id JOIN organizations s ON s.id = p.school_id";

    public Guid Id { get; set; }
    public Guid RegionId { get; set; }
    public Guid DistrictId { get; set; }
    public Guid SchoolId { get; set; }
    public string SchoolName { get; set; } = "";
    public string? SourcedId { get; set; }
    public string? Identifier { get; set; }
    public string GivenName { get; set; } = "";
    public string FamilyName { get; set; } = "";
    public string? PreferredName { get; set; }
    public string? PreferredLanguage { get; set; }
    public string? Email { get; set; }
    public Guid? UserId { get; set; }
    public string Status { get; set; } = "";
    public int Version { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int? Grade { get; set; }
    public DateOnly? BirthDate { get; set; }
    public string? Pathway { get; set; }
    public bool CteConcentrator { get; set; }
    public double? HomeLatitude { get; set; }
    public double? HomeLongitude { get; set; }
    public string CareerInterests { get; set; } = "[]";
    public string Skills { get; set; } = "[]";
    public string Availability { get; set; } = "[]";
    public string? Transportation { get; set; }
    public int? MaxTravelMinutes { get; set; }
    public bool PrefersPaid { get; set; }
    public bool WantsCredit { get; set; }
    public bool ShareWithEmployers { get; set; }
    public bool EnglishLearner { get; set; }
    public bool StudentWithDisability { get; set; }
    public bool SocioeconomicallyDisadvantaged { get; set; }
    public bool FosterYouth { get; set; }
    public string RaceEthnicity { get; set; } = "[]";
    public string? Gender { get; set; }

    public StudentPreferences Preferences => new()
    {
        CareerInterests = DbJson.Read<List<CareerCluster>>(CareerInterests, []),
        Skills = DbJson.Read<List<string>>(Skills, []),
        Availability = DbJson.Read<List<WeeklySlot>>(Availability, []),
        Transportation = Transportation is null ? null : DbEnum.Parse<TransportationMode>(Transportation),
        MaxTravelMinutes = MaxTravelMinutes,
        PrefersPaid = PrefersPaid,
        WantsCredit = WantsCredit,
        ShareProfileWithEmployers = ShareWithEmployers,
    };

    public SubgroupFlags Subgroups => new()
    {
        EnglishLearner = EnglishLearner,
        StudentWithDisability = StudentWithDisability,
        SocioeconomicallyDisadvantaged = SocioeconomicallyDisadvantaged,
        FosterYouth = FosterYouth,
        RaceEthnicity = DbJson.Read<List<RaceEthnicity>>(RaceEthnicity, []),
        Gender = Gender is null ? null : DbEnum.Parse<Gender>(Gender),
    };

    /// <param name="withSubgroups">Only for callers allowed to see equity subgroups for this student.</param>
    public Student ToContract(bool withSubgroups) => new()
    {
        Id = Id.ToString("D"),
        DistrictId = DistrictId.ToString("D"),
        SchoolId = SchoolId.ToString("D"),
        SchoolName = SchoolName,
        GivenName = GivenName,
        FamilyName = FamilyName,
        PreferredName = PreferredName,
        PreferredLanguage = PreferredLanguage,
        Email = Email,
        SourcedId = SourcedId,
        Identifier = Identifier,
        Grade = Grade,
        BirthDate = BirthDate,
        Pathway = Pathway,
        CteConcentrator = CteConcentrator,
        HomeLocation = HomeLatitude is { } lat && HomeLongitude is { } lon ? new GeoPoint { Latitude = lat, Longitude = lon } : null,
        Preferences = Preferences,
        Subgroups = withSubgroups ? Subgroups : null,
        Status = DbEnum.Parse<PersonStatus>(Status),
        Version = Version,
        CreatedAt = CreatedAt,
        UpdatedAt = UpdatedAt,
    };

    /// <summary>Parameters for the people and profile columns a school record sets.</summary>
    public static DynamicParameters RecordParameters(StudentRecordFields f, bool writeSubgroups)
    {
        var subgroups = f.Subgroups ?? new SubgroupFlags();
        var parameters = new DynamicParameters(new
        {
            given_name = f.GivenName.Trim(),
            family_name = f.FamilyName.Trim(),
            preferred_name = AddressColumns.Normalize(f.PreferredName),
            preferred_language = AddressColumns.Normalize(f.PreferredLanguage),
            email = AddressColumns.Normalize(f.Email),
            sourced_id = AddressColumns.Normalize(f.SourcedId),
            identifier = AddressColumns.Normalize(f.Identifier),
            grade = f.Grade,
            birth_date = f.BirthDate,
            pathway = AddressColumns.Normalize(f.Pathway),
            cte_concentrator = f.CteConcentrator,
            home_latitude = f.HomeLocation is null ? (double?)null : Math.Round(f.HomeLocation.Latitude, 2),
            home_longitude = f.HomeLocation is null ? (double?)null : Math.Round(f.HomeLocation.Longitude, 2),
            write_subgroups = writeSubgroups ? 1 : 0,
            english_learner = subgroups.EnglishLearner,
            student_with_disability = subgroups.StudentWithDisability,
            socioeconomically_disadvantaged = subgroups.SocioeconomicallyDisadvantaged,
            foster_youth = subgroups.FosterYouth,
            race_ethnicity = DbJson.Write(subgroups.RaceEthnicity.Distinct().Order().ToList()),
            gender = subgroups.Gender is null ? null : DbEnum.ToText(subgroups.Gender.Value),
        });
        return parameters;
    }

    public static DynamicParameters PreferenceParameters(StudentPreferences p) => new(new
    {
        career_interests = DbJson.Write(p.CareerInterests.Distinct().ToList()),
        skills = DbJson.Write(p.Skills.Select(s => s.Trim()).Where(s => s.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList()),
        availability = DbJson.Write(p.Availability),
        transportation = p.Transportation is null ? null : DbEnum.ToText(p.Transportation.Value),
        max_travel_minutes = p.MaxTravelMinutes,
        prefers_paid = p.PrefersPaid,
        wants_credit = p.WantsCredit,
        share_with_employers = p.ShareProfileWithEmployers,
    });
}
