using LaunchPath.Contracts.Common;
using LaunchPath.Contracts.Opportunities;

namespace LaunchPath.Contracts.People;

public enum TransportationMode
{
    Walk,
    Bike,
    PublicTransit,
    Car,
    SchoolProvided,
    FamilyRide,
    None,
}

/// <summary>Gender as reported to CALPADS (F, M, X) plus "not reported".</summary>
public enum Gender
{
    Female,
    Male,
    NonBinary,
    NotReported,
}

/// <summary>Federal race/ethnicity categories (OneRoster demographics, CALPADS).</summary>
public enum RaceEthnicity
{
    AmericanIndianOrAlaskaNative,
    Asian,
    BlackOrAfricanAmerican,
    HispanicOrLatino,
    NativeHawaiianOrOtherPacificIslander,
    White,
}

public enum PersonStatus
{
    Active,
    Inactive,
}

/// <summary>
/// Equity-reporting subgroups (CALPADS reports 18.1/18.2). Visible only to district and convener staff; never to
/// employers; workforce analysts see them only as aggregates in outcomes.
/// </summary>
public sealed record SubgroupFlags
{
    public bool EnglishLearner { get; init; }
    public bool StudentWithDisability { get; init; }
    public bool SocioeconomicallyDisadvantaged { get; init; }
    public bool FosterYouth { get; init; }
    public IReadOnlyList<RaceEthnicity> RaceEthnicity { get; init; } = [];
    public Gender? Gender { get; init; }
}

/// <summary>What the student says about themself; the student edits these.</summary>
public sealed record StudentPreferences
{
    public IReadOnlyList<CareerCluster> CareerInterests { get; init; } = [];
    public IReadOnlyList<string> Skills { get; init; } = [];
    /// <summary>When the student can take part, weekly.</summary>
    public IReadOnlyList<WeeklySlot> Availability { get; init; } = [];
    public TransportationMode? Transportation { get; init; }
    /// <summary>The longest one-way trip the student will make.</summary>
    public int? MaxTravelMinutes { get; init; }
    public bool PrefersPaid { get; init; }
    public bool WantsCredit { get; init; }
    /// <summary>Consent to show the profile (name, school, grade, interests, skills) to employers when applying.</summary>
    public bool ShareProfileWithEmployers { get; init; }
}

/// <summary>The school's record of a student (usually from the SIS roster).</summary>
public sealed record StudentRecordFields
{
    public required string SchoolId { get; init; }
    public required string GivenName { get; init; }
    public required string FamilyName { get; init; }
    public string? PreferredName { get; init; }
    public string? Email { get; init; }
    /// <summary>The language LaunchPath writes to the student (and, by default, their guardians) in: en or es; English when absent.</summary>
    public string? PreferredLanguage { get; init; }
    /// <summary>OneRoster sourcedId; unique within the district.</summary>
    public string? SourcedId { get; init; }
    /// <summary>State student id (e.g. CALPADS SSID).</summary>
    public string? Identifier { get; init; }
    /// <summary>6–12, or 13 for postsecondary.</summary>
    public required int Grade { get; init; }
    public DateOnly? BirthDate { get; init; }
    /// <summary>Program of study / career pathway.</summary>
    public string? Pathway { get; init; }
    /// <summary>Perkins V CTE concentrator in the pathway.</summary>
    public bool CteConcentrator { get; init; }
    /// <summary>Approximate home location (rounded to about 1 km) for travel estimates.</summary>
    public GeoPoint? HomeLocation { get; init; }
    /// <summary>Written only by callers allowed to see subgroups; ignored otherwise.</summary>
    public SubgroupFlags? Subgroups { get; init; }
}

public sealed record Student
{
    public required string Id { get; init; }
    public required string DistrictId { get; init; }
    public required string SchoolId { get; init; }
    public required string SchoolName { get; init; }
    public required string GivenName { get; init; }
    public required string FamilyName { get; init; }
    public string? PreferredName { get; init; }
    /// <summary>The language LaunchPath writes to the student in (en, es); absent: English.</summary>
    public string? PreferredLanguage { get; init; }
    public string? Email { get; init; }
    public string? SourcedId { get; init; }
    public string? Identifier { get; init; }
    /// <summary>6–12, or 13 for postsecondary; absent when the SIS gave none (OneRoster grades are optional): "grade unknown".</summary>
    public int? Grade { get; init; }
    public DateOnly? BirthDate { get; init; }
    public string? Pathway { get; init; }
    public required bool CteConcentrator { get; init; }
    public GeoPoint? HomeLocation { get; init; }
    public required StudentPreferences Preferences { get; init; }
    /// <summary>Null unless the caller may see subgroups for this student's district.</summary>
    public SubgroupFlags? Subgroups { get; init; }
    public required PersonStatus Status { get; init; }
    public required int Version { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
}

public sealed record StudentPage
{
    public required IReadOnlyList<Student> Items { get; init; }
    public string? NextCursor { get; init; }
}

public enum GuardianRelationship
{
    Parent,
    Guardian,
    Relative,
}

public sealed record AddGuardianRequest
{
    public required string GivenName { get; init; }
    public required string FamilyName { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public required GuardianRelationship Relationship { get; init; }
    /// <summary>The language LaunchPath writes to them in: en or es (default: the student's, else English).</summary>
    public string? PreferredLanguage { get; init; }
}

public sealed record Guardian
{
    public required string Id { get; init; }
    public required string GivenName { get; init; }
    public required string FamilyName { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public required GuardianRelationship Relationship { get; init; }
    public string? PreferredLanguage { get; init; }
    /// <summary>Their sign-in account, if they have one: invited (no password chosen yet) or active. Absent: none.</summary>
    public GuardianAccountStatus? Account { get; init; }
}

public enum GuardianAccountStatus
{
    /// <summary>Invited: the account exists, and the guardian has not yet chosen a password.</summary>
    Invited,
    /// <summary>The guardian signs in.</summary>
    Active,
}

/// <summary>A guardian invited to sign in: their record, and the invitation emailed (none when their account was already active).</summary>
public sealed record GuardianInvitation
{
    public required Guardian Guardian { get; init; }
    public LaunchPath.Contracts.Messaging.SentMessage? Message { get; init; }
}

/// <summary>Gives a rostered student a sign-in account (role student at their school).</summary>
public sealed record CreateStudentAccountRequest
{
    /// <summary>Defaults to the student's email on record.</summary>
    public string? Email { get; init; }
    /// <summary>At least 12 characters; omit for students who sign in only through district SSO.</summary>
    public string? Password { get; init; }
    public string? ExternalSubject { get; init; }
}

public sealed record StudentAccount
{
    public required string UserId { get; init; }
    public required string StudentId { get; init; }
    public required string Email { get; init; }
}

/// <summary>A recorded disclosure of the student's data to an outside party (FERPA 34 CFR 99.32).</summary>
public sealed record DisclosureRecord
{
    public required string DisclosedTo { get; init; }
    public required string Fields { get; init; }
    public required string Basis { get; init; }
    public required string Context { get; init; }
    public required DateTimeOffset At { get; init; }
}

/// <summary>Everything LaunchPath holds about a student, for a records request.</summary>
public sealed record StudentRecordsExport
{
    public required Student Student { get; init; }
    public required IReadOnlyList<Guardian> Guardians { get; init; }
    public required IReadOnlyList<LaunchPath.Contracts.Placements.Placement> Placements { get; init; }
    public required IReadOnlyList<LaunchPath.Contracts.Placements.HoursEntry> Hours { get; init; }
    public required IReadOnlyList<LaunchPath.Contracts.Placements.Evaluation> Evaluations { get; init; }
    public required IReadOnlyList<LaunchPath.Contracts.Placements.Reflection> Reflections { get; init; }
    public required IReadOnlyList<DisclosureRecord> Disclosures { get; init; }
    public required DateTimeOffset ExportedAt { get; init; }
}
