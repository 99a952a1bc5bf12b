namespace LaunchPath.Contracts.Roster;

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
}

/// <summary>Rows left out, by reason, with a few of their sourcedIds.</summary>
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
}

/// <summary>OneRoster 1.2 orgs.csv row.</summary>
public sealed record OneRosterOrg
{
    public required string SourcedId { get; init; }
    public string? Status { get; init; }
    public required string Name { get; init; }
    public required string Type { get; init; }
    public string? Identifier { get; init; }
    public string? ParentSourcedId { get; init; }
}

/// <summary>OneRoster 1.2 users.csv row (the fields LaunchPath uses).</summary>
public sealed record OneRosterUser
{
    public required string SourcedId { get; init; }
    public string? Status { get; init; }
    public bool? EnabledUser { get; init; }
    public required string GivenName { get; init; }
    public required string FamilyName { get; init; }
    public string? PreferredGivenName { get; init; }
    public string? Identifier { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public IReadOnlyList<string> AgentSourcedIds { get; init; } = [];
    public IReadOnlyList<string> Grades { get; init; } = [];
    public string? PrimaryOrgSourcedId { get; init; }
}

/// <summary>OneRoster 1.2 roles.csv row.</summary>
public sealed record OneRosterRole
{
    public string? SourcedId { get; init; }
    public string? Status { get; init; }
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
    public DateOnly? BirthDate { get; init; }
    public string? Sex { get; init; }
    public bool? AmericanIndianOrAlaskaNative { get; init; }
    public bool? Asian { get; init; }
    public bool? BlackOrAfricanAmerican { get; init; }
    public bool? NativeHawaiianOrOtherPacificIslander { get; init; }
    public bool? White { get; init; }
    public bool? HispanicOrLatinoEthnicity { get; init; }
    public bool? EnglishLearner { get; init; }
    public bool? StudentWithDisability { get; init; }
    public bool? SocioeconomicallyDisadvantaged { get; init; }
    public bool? FosterYouth { get; init; }
}

/// <summary>The JSON form of a OneRoster roster, for integrations that do not produce CSV.</summary>
public sealed record RosterJsonImportRequest
{
    public required RosterMode Mode { get; init; }
    public IReadOnlyList<OneRosterOrg> Orgs { get; init; } = [];
    public IReadOnlyList<OneRosterUser> Users { get; init; } = [];
    public IReadOnlyList<OneRosterRole> Roles { get; init; } = [];
    public IReadOnlyList<OneRosterDemographics> Demographics { get; init; } = [];
}
