using System.Text.Json;
using System.Text.Json.Serialization;

namespace LaunchPath.Contracts.Roster;

/// <summary>
/// OneRoster's REST binding writes booleans as the strings "true" and "false"; its CSV binding and LaunchPath's JSON
/// write true and false. Both are read.
/// </summary>
public sealed class OneRosterBooleanConverter : JsonConverter<bool?>
{
    public override bool HandleNull => true;

    public override bool? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        JsonTokenType.Null => null,
        JsonTokenType.String when reader.ValueTextEquals("true") || reader.ValueTextEquals("True") => true,
        JsonTokenType.String when reader.ValueTextEquals("false") || reader.ValueTextEquals("False") => false,
        _ => throw new JsonException("must be true or false (or the strings \"true\" and \"false\").") ,
    };

    public override void Write(Utf8JsonWriter writer, bool? value, JsonSerializerOptions options)
    {
        if (value is { } flag)
        {
            writer.WriteBooleanValue(flag);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}

/// <summary>A OneRoster GUIDRef: another object named by its sourcedId.</summary>
public sealed record OneRosterRef
{
    public string? Href { get; init; }
    public required string SourcedId { get; init; }
    public string? Type { get; init; }
}

/// <summary>A role nested in a OneRoster 1.2 REST user.</summary>
public sealed record OneRosterUserRole
{
    public string? RoleType { get; init; }
    public required string Role { get; init; }
    public required OneRosterRef Org { get; init; }
    public OneRosterRef? UserProfile { get; init; }
    public string? BeginDate { get; init; }
    public string? EndDate { get; init; }
}

/// <summary>An identifier of a user in another system (OneRoster userIds).</summary>
public sealed record OneRosterUserId
{
    public required string Type { get; init; }
    public required string Identifier { get; init; }
}

public enum RosterImportStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
    /// <summary>A preview (?preview=true): what would change is in <c>changes</c>; nothing was written. Confirm it to apply it.</summary>
    Previewed,
    /// <summary>A bulk import that would deactivate more of the district than the safety limit allows: nothing was written until a district admin confirms this import.</summary>
    NeedsConfirmation,
}

/// <summary>OneRoster processing mode: bulk replaces the district's roster (absent people become inactive); delta applies changes only.</summary>
public enum RosterMode
{
    Bulk,
    Delta,
}

/// <summary>One problem found in the input: which file, which line (1 = header), which field, and why.</summary>
public sealed record RosterImportError
{
    public required string File { get; init; }
    public required int Line { get; init; }
    public string? Field { get; init; }
    public required string Reason { get; init; }
}

public sealed record RosterCounts
{
    public int SchoolsCreated { get; init; }
    public int SchoolsUpdated { get; init; }
    public int PeopleCreated { get; init; }
    public int PeopleUpdated { get; init; }
    public int PeopleUnchanged { get; init; }
    public int PeopleDeactivated { get; init; }
    /// <summary>Rows outside LaunchPath's scope (e.g. students below grade 6, roles LaunchPath does not use).</summary>
    public int RowsSkipped { get; init; }
    public int GuardianLinks { get; init; }
    /// <summary>Academic sessions, courses and classes created or changed.</summary>
    public int ClassesWritten { get; init; }
    /// <summary>Enrollments created or changed (ended ones included).</summary>
    public int EnrollmentsWritten { get; init; }
}

/// <summary>Rows left out, by reason, with a few of their sourcedIds; also values left out of rows that were imported (a language LaunchPath cannot read), which rowsSkipped does not count.</summary>
public sealed record RosterSkip
{
    public required string Reason { get; init; }
    public required int Count { get; init; }
    public required IReadOnlyList<string> Sample { get; init; }
}

/// <summary>What an import changes (or, for a preview or one awaiting confirmation, would change), with samples of sourcedIds.</summary>
public sealed record RosterChanges
{
    public required IReadOnlyList<string> Created { get; init; }
    public required IReadOnlyList<string> Updated { get; init; }
    public required IReadOnlyList<string> Deactivated { get; init; }
    public required IReadOnlyList<RosterSkip> Skipped { get; init; }
    /// <summary>Active rostered people of the district before the import.</summary>
    public required int ActiveBefore { get; init; }
    /// <summary>The share (0–1) of those the import deactivates.</summary>
    public required double DeactivatedShare { get; init; }
}

/// <summary>What a caller may do with a roster import now.</summary>
public enum RosterImportAction
{
    /// <summary>Apply a previewed import, or one held for confirmation, while its files are kept (a signed-in district admin).</summary>
    Confirm,
}

public sealed record RosterImport
{
    public required string Id { get; init; }
    public required string DistrictId { get; init; }
    public required RosterImportStatus Status { get; init; }
    public required RosterMode Mode { get; init; }
    /// <summary>"csv" or "json".</summary>
    public required string Source { get; init; }
    public required int TotalRows { get; init; }
    public required int ProcessedRows { get; init; }
    public RosterCounts? Counts { get; init; }
    /// <summary>Why the import was rejected; nothing was written when there are errors (first 1,000 shown).</summary>
    public required IReadOnlyList<RosterImportError> Errors { get; init; }
    public int ErrorCount { get; init; }
    /// <summary>Created, updated, deactivated and skipped, with samples.</summary>
    public RosterChanges? Changes { get; init; }
    /// <summary>What a district admin should know: why an import awaits confirmation, why nobody was imported.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
    /// <summary>True for an import started with ?preview=true.</summary>
    public bool Preview { get; init; }
    /// <summary>The OneRoster version read ("1.1" or "1.2").</summary>
    public string? OneRosterVersion { get; init; }
    public DateTimeOffset? ConfirmedAt { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    /// <summary>What the caller may do with this import now. Show exactly these; the server refuses the rest.</summary>
    public required IReadOnlyList<RosterImportAction> AllowedActions { get; init; }
}

/// <summary>A OneRoster org: an orgs.csv row, or the REST binding's org (parent as a reference).</summary>
public sealed record OneRosterOrg
{
    public required string SourcedId { get; init; }
    public string? Status { get; init; }
    public string? DateLastModified { get; init; }
    public required string Name { get; init; }
    public required string Type { get; init; }
    public string? Identifier { get; init; }
    public string? ParentSourcedId { get; init; }
    /// <summary>REST binding: the parent org.</summary>
    public OneRosterRef? Parent { get; init; }
    /// <summary>REST binding: the child orgs (not used: each child names its parent).</summary>
    public IReadOnlyList<OneRosterRef> Children { get; init; } = [];
    public IReadOnlyDictionary<string, JsonElement>? Metadata { get; init; }
}

/// <summary>
/// A OneRoster user: a users.csv row (1.2, or 1.1 with role and orgSourcedIds), or the REST binding's user (1.2 nested
/// roles, agents and primaryOrg as references; 1.1 role and orgs). Members LaunchPath does not use are accepted and ignored.
/// </summary>
public sealed record OneRosterUser
{
    public required string SourcedId { get; init; }
    public string? Status { get; init; }
    public string? DateLastModified { get; init; }
    /// <summary>true or false; the REST binding's strings "true" and "false" are read too.</summary>
    [JsonConverter(typeof(OneRosterBooleanConverter))]
    public bool? EnabledUser { get; init; }
    public string? Username { get; init; }
    public IReadOnlyList<OneRosterUserId> UserIds { get; init; } = [];
    public string? UserMasterIdentifier { get; init; }
    public required string GivenName { get; init; }
    public required string FamilyName { get; init; }
    public string? MiddleName { get; init; }
    public string? PreferredGivenName { get; init; }
    /// <summary>REST binding's name for the preferred given name.</summary>
    public string? PreferredFirstName { get; init; }
    public string? PreferredMiddleName { get; init; }
    public string? PreferredFamilyName { get; init; }
    public string? PreferredLastName { get; init; }
    public string? Pronouns { get; init; }
    public string? Identifier { get; init; }
    public string? Email { get; init; }
    public string? Sms { get; init; }
    public string? Phone { get; init; }
    public IReadOnlyList<string> AgentSourcedIds { get; init; } = [];
    /// <summary>REST binding: the user's parents and guardians.</summary>
    public IReadOnlyList<OneRosterRef> Agents { get; init; } = [];
    public IReadOnlyList<string> Grades { get; init; } = [];
    public string? PrimaryOrgSourcedId { get; init; }
    /// <summary>REST binding 1.2: the primary org.</summary>
    public OneRosterRef? PrimaryOrg { get; init; }
    /// <summary>REST binding 1.2: the user's roles at orgs.</summary>
    public IReadOnlyList<OneRosterUserRole> Roles { get; init; } = [];
    /// <summary>OneRoster 1.1 (CSV column or REST member): the user's one role, held at each of <see cref="OrgSourcedIds"/> or <see cref="Orgs"/>.</summary>
    public string? Role { get; init; }
    public IReadOnlyList<string> OrgSourcedIds { get; init; } = [];
    /// <summary>REST binding 1.1: the user's orgs.</summary>
    public IReadOnlyList<OneRosterRef> Orgs { get; init; } = [];
    public IReadOnlyList<OneRosterRef> Resources { get; init; } = [];
    public IReadOnlyList<JsonElement> UserProfiles { get; init; } = [];
    public string? Password { get; init; }
    /// <summary>
    /// LaunchPath's extension: the person's home or preferred language, as a BCP 47 tag (es, es-MX), an ISO 639-2 code
    /// (spa) or an English name (Spanish); users.csv column <c>metadata.preferredLanguage</c>, or in the REST binding
    /// this member or <c>metadata.preferredLanguage</c>. Sent, it replaces the language on the record; absent or empty,
    /// the record keeps the one staff or the person set.
    /// </summary>
    public string? PreferredLanguage { get; init; }
    public IReadOnlyDictionary<string, JsonElement>? Metadata { get; init; }
}

/// <summary>OneRoster 1.2 roles.csv row.</summary>
public sealed record OneRosterRole
{
    public string? SourcedId { get; init; }
    public string? Status { get; init; }
    public string? DateLastModified { get; init; }
    public required string UserSourcedId { get; init; }
    public string? RoleType { get; init; }
    public required string Role { get; init; }
    public required string OrgSourcedId { get; init; }
}

/// <summary>OneRoster 1.2 demographics.csv row, plus LaunchPath's metadata.* subgroup extensions.</summary>
public sealed record OneRosterDemographics
{
    public required string SourcedId { get; init; }
    public string? Status { get; init; }
    public string? DateLastModified { get; init; }
    public DateOnly? BirthDate { get; init; }
    public string? Sex { get; init; }
    [JsonConverter(typeof(OneRosterBooleanConverter))]
    public bool? AmericanIndianOrAlaskaNative { get; init; }
    [JsonConverter(typeof(OneRosterBooleanConverter))]
    public bool? Asian { get; init; }
    [JsonConverter(typeof(OneRosterBooleanConverter))]
    public bool? BlackOrAfricanAmerican { get; init; }
    [JsonConverter(typeof(OneRosterBooleanConverter))]
    public bool? NativeHawaiianOrOtherPacificIslander { get; init; }
    [JsonConverter(typeof(OneRosterBooleanConverter))]
    public bool? White { get; init; }
    [JsonConverter(typeof(OneRosterBooleanConverter))]
    public bool? HispanicOrLatinoEthnicity { get; init; }
    [JsonConverter(typeof(OneRosterBooleanConverter))]
    public bool? EnglishLearner { get; init; }
    [JsonConverter(typeof(OneRosterBooleanConverter))]
    public bool? StudentWithDisability { get; init; }
    [JsonConverter(typeof(OneRosterBooleanConverter))]
    public bool? SocioeconomicallyDisadvantaged { get; init; }
    [JsonConverter(typeof(OneRosterBooleanConverter))]
    public bool? FosterYouth { get; init; }
}

/// <summary>A OneRoster academic session (term, semester, school year): an academicSessions.csv row or the REST object.</summary>
public sealed record OneRosterAcademicSession
{
    public required string SourcedId { get; init; }
    public string? Status { get; init; }
    public string? DateLastModified { get; init; }
    public required string Title { get; init; }
    public required string Type { get; init; }
    public string? StartDate { get; init; }
    public string? EndDate { get; init; }
    public string? ParentSourcedId { get; init; }
    public OneRosterRef? Parent { get; init; }
    public IReadOnlyList<OneRosterRef> Children { get; init; } = [];
    public string? SchoolYear { get; init; }
    public IReadOnlyDictionary<string, JsonElement>? Metadata { get; init; }
}

/// <summary>A OneRoster course: a courses.csv row or the REST object.</summary>
public sealed record OneRosterCourse
{
    public required string SourcedId { get; init; }
    public string? Status { get; init; }
    public string? DateLastModified { get; init; }
    public required string Title { get; init; }
    public string? CourseCode { get; init; }
    public IReadOnlyList<string> Grades { get; init; } = [];
    public IReadOnlyList<string> Subjects { get; init; } = [];
    public IReadOnlyList<string> SubjectCodes { get; init; } = [];
    public string? OrgSourcedId { get; init; }
    public OneRosterRef? Org { get; init; }
    public string? SchoolYearSourcedId { get; init; }
    public OneRosterRef? SchoolYear { get; init; }
    public IReadOnlyList<OneRosterRef> Resources { get; init; } = [];
    public IReadOnlyDictionary<string, JsonElement>? Metadata { get; init; }
}

/// <summary>A OneRoster class (a section of a course at a school): a classes.csv row or the REST object.</summary>
public sealed record OneRosterClass
{
    public required string SourcedId { get; init; }
    public string? Status { get; init; }
    public string? DateLastModified { get; init; }
    public required string Title { get; init; }
    public string? ClassCode { get; init; }
    public string? ClassType { get; init; }
    public string? Location { get; init; }
    public IReadOnlyList<string> Grades { get; init; } = [];
    public IReadOnlyList<string> Subjects { get; init; } = [];
    public IReadOnlyList<string> SubjectCodes { get; init; } = [];
    public IReadOnlyList<string> Periods { get; init; } = [];
    public string? CourseSourcedId { get; init; }
    public OneRosterRef? Course { get; init; }
    public string? SchoolSourcedId { get; init; }
    public OneRosterRef? School { get; init; }
    public IReadOnlyList<string> TermSourcedIds { get; init; } = [];
    public IReadOnlyList<OneRosterRef> Terms { get; init; } = [];
    public IReadOnlyList<OneRosterRef> Resources { get; init; } = [];
    public IReadOnlyDictionary<string, JsonElement>? Metadata { get; init; }
}

/// <summary>A OneRoster enrollment (a user in a class, as student or teacher): an enrollments.csv row or the REST object.</summary>
public sealed record OneRosterEnrollment
{
    public required string SourcedId { get; init; }
    public string? Status { get; init; }
    public string? DateLastModified { get; init; }
    public required string Role { get; init; }
    [JsonConverter(typeof(OneRosterBooleanConverter))]
    public bool? Primary { get; init; }
    public string? BeginDate { get; init; }
    public string? EndDate { get; init; }
    public string? ClassSourcedId { get; init; }
    public OneRosterRef? Class { get; init; }
    public string? SchoolSourcedId { get; init; }
    public OneRosterRef? School { get; init; }
    public string? UserSourcedId { get; init; }
    public OneRosterRef? User { get; init; }
    public IReadOnlyDictionary<string, JsonElement>? Metadata { get; init; }
}

/// <summary>
/// The JSON form of a OneRoster roster, for integrations that do not produce CSV: the CSV files' rows as objects, or
/// the users, orgs and demographics of the OneRoster REST binding (1.1 or 1.2) as its services return them.
/// </summary>
public sealed record RosterJsonImportRequest
{
    public required RosterMode Mode { get; init; }
    public IReadOnlyList<OneRosterOrg> Orgs { get; init; } = [];
    public IReadOnlyList<OneRosterUser> Users { get; init; } = [];
    public IReadOnlyList<OneRosterRole> Roles { get; init; } = [];
    public IReadOnlyList<OneRosterDemographics> Demographics { get; init; } = [];
    public IReadOnlyList<OneRosterAcademicSession> AcademicSessions { get; init; } = [];
    public IReadOnlyList<OneRosterCourse> Courses { get; init; } = [];
    public IReadOnlyList<OneRosterClass> Classes { get; init; } = [];
    public IReadOnlyList<OneRosterEnrollment> Enrollments { get; init; } = [];
}

/// <summary>
/// Where a district's OneRoster 1.2 REST service is, and the OAuth 2.0 client credentials LaunchPath pulls with. The
/// secret is stored encrypted and never returned; leave it out to keep the one already set.
/// </summary>
public sealed record RosterConnectionRequest
{
    /// <summary>The service's base URL; LaunchPath appends /ims/oneroster/rostering/v1p2/… (https outside development).</summary>
    public required string BaseUrl { get; init; }
    /// <summary>The OAuth 2.0 token endpoint (client credentials grant).</summary>
    public required string TokenUrl { get; init; }
    public required string ClientId { get; init; }
    /// <summary>Required the first time; omitted, the stored secret stays.</summary>
    public string? ClientSecret { get; init; }
    /// <summary>Pull on a schedule (nightly), or only on demand.</summary>
    public bool Enabled { get; init; } = true;
    /// <summary>The hour (UTC, 0–23) of the nightly pull; default 10 (2–3 a.m. Pacific).</summary>
    public int PullHourUtc { get; init; } = 10;
}

/// <summary>A district's OneRoster REST connection as LaunchPath holds it (the secret only as "set").</summary>
public sealed record RosterConnection
{
    public required string DistrictId { get; init; }
    public required string BaseUrl { get; init; }
    public required string TokenUrl { get; init; }
    public required string ClientId { get; init; }
    public required bool ClientSecretSet { get; init; }
    public required bool Enabled { get; init; }
    public required int PullHourUtc { get; init; }
    /// <summary>The latest dateLastModified applied: the next pull asks only for changes since (absent: the next pull is a full one).</summary>
    public string? Watermark { get; init; }
    public DateTimeOffset? LastPullAt { get; init; }
    /// <summary>The import the last pull made (its status, counts and errors).</summary>
    public string? LastImportId { get; init; }
    public DateTimeOffset? NextPullAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
}
