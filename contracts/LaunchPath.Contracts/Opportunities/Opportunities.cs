using LaunchPath.Contracts.Common;

namespace LaunchPath.Contracts.Opportunities;

/// <summary>
/// The kind of experience: the 15 values of CEDS element 001499 "Work-based Learning Opportunity Type", then the
/// career-awareness and exploration formats the field also runs.
/// </summary>
public enum OpportunityType
{
    Apprenticeship,
    ClinicalWorkExperience,
    CooperativeEducation,
    Entrepreneurship,
    JobShadowing,
    Mentorship,
    NonPaidInternship,
    OnTheJob,
    PaidInternship,
    SchoolBasedEnterprise,
    ServiceLearning,
    SimulatedWorksite,
    SupervisedAgriculturalExperience,
    UnpaidInternship,
    Other,
    GuestSpeaker,
    CareerFair,
    WorksiteTour,
    InformationalInterview,
    TeacherExternship,
    PreApprenticeship,
}

/// <summary>The work-based learning continuum (Linked Learning): learning about, through, and for work.</summary>
public enum ContinuumStage
{
    Awareness,
    Exploration,
    Preparation,
    Training,
}

public enum Modality
{
    InPerson,
    Virtual,
    Hybrid,
}

public enum Compensation
{
    Paid,
    Stipend,
    Unpaid,
}

/// <summary>Who may see and take the opportunity once published: the whole region, some districts, or some schools.</summary>
public enum AudienceScope
{
    Region,
    District,
    School,
}

public enum OpportunityStatus
{
    Draft,
    Submitted,
    Published,
    Rejected,
    Closed,
}

/// <summary>A weekly time window, local time at the site ("15:30"–"17:30").</summary>
public sealed record WeeklySlot
{
    public required DayOfWeek Day { get; init; }
    public required string Start { get; init; }
    public required string End { get; init; }
}

/// <summary>Approximate coordinates (rounded to about 1 km) for travel estimates.</summary>
public sealed record GeoPoint
{
    public required double Latitude { get; init; }
    public required double Longitude { get; init; }
}

/// <summary>The fields an employer (or a convener on its behalf) writes; shared by create and update.</summary>
public sealed record OpportunityFields
{
    public required string Title { get; init; }
    public required string Description { get; init; }
    /// <summary>The meaningful tasks the participant will do.</summary>
    public string? Duties { get; init; }
    public required OpportunityType Type { get; init; }
    public required ContinuumStage Stage { get; init; }
    public required CareerCluster CareerCluster { get; init; }
    /// <summary>Program of study / pathway this experience serves (e.g. "Health Science and Medical Technology").</summary>
    public string? Pathway { get; init; }
    public IReadOnlyList<string> Skills { get; init; } = [];
    public required Modality Modality { get; init; }
    public string? SiteName { get; init; }
    /// <summary>The employer's worksite where it happens (one of the employer's worksites). A minor's in-person placement needs one with an approved safety checklist where the region requires it.</summary>
    public string? WorksiteId { get; init; }
    /// <summary>Required for in-person and hybrid opportunities.</summary>
    public PostalAddress? Address { get; init; }
    public GeoPoint? Location { get; init; }
    public required int Seats { get; init; }
    public DateOnly? StartDate { get; init; }
    public DateOnly? EndDate { get; init; }
    public IReadOnlyList<WeeklySlot> Schedule { get; init; } = [];
    public int? ExpectedHours { get; init; }
    public required Compensation Compensation { get; init; }
    /// <summary>Required when paid.</summary>
    public decimal? HourlyWage { get; init; }
    /// <summary>Required when a stipend is offered (total amount).</summary>
    public decimal? StipendAmount { get; init; }
    public bool CreditOffered { get; init; }
    public string? CreditDescription { get; init; }
    /// <summary>Lowest grade that may take part (6–12; 13 for postsecondary).</summary>
    public int? MinGrade { get; init; }
    public int? MinAge { get; init; }
    /// <summary>A student must have completed an experience at this stage first (sequencing).</summary>
    public ContinuumStage? PrerequisiteStage { get; init; }
    public IReadOnlyList<string> RequiredForms { get; init; } = [];
    /// <summary>Work covered by the federal hazardous-occupation orders: participants must be 18 or older.</summary>
    public bool Hazardous { get; init; }
    public required AudienceScope Audience { get; init; }
    /// <summary>The districts or schools in the audience (empty for the whole region).</summary>
    public IReadOnlyList<string> AudienceOrganizationIds { get; init; } = [];
}

public sealed record CreateOpportunityRequest
{
    public required string EmployerId { get; init; }
    public required OpportunityFields Fields { get; init; }
}

public sealed record RejectOpportunityRequest
{
    public required string Reason { get; init; }
}

/// <summary>What a caller may do to an opportunity now (server-decided from its role and the opportunity's status).</summary>
public enum OpportunityAction
{
    /// <summary>Change its fields (drafts and rejected ones).</summary>
    Edit,
    Submit,
    Approve,
    Reject,
    Close,
}

public sealed record Opportunity
{
    public required string Id { get; init; }
    public required string EmployerId { get; init; }
    public required string EmployerName { get; init; }
    public required string RegionId { get; init; }
    public required OpportunityFields Fields { get; init; }
    public required OpportunityStatus Status { get; init; }
    public string? RejectionReason { get; init; }
    public DateTimeOffset? SubmittedAt { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }
    /// <summary>What the caller may do to this opportunity now. Show exactly these; the server refuses the rest.</summary>
    public required IReadOnlyList<OpportunityAction> AllowedActions { get; init; }
    /// <summary>The field's quality criteria and whether the opportunity meets each (always sent; curators see them before approving).</summary>
    public IReadOnlyList<QualityCriterion>? Quality { get; init; }
    public required int Version { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>One quality criterion of work-based learning, met by the opportunity's fields or not.</summary>
public sealed record QualityCriterion
{
    /// <summary>meaningfulTasks, skillsIdentified, connectedToLearning, compensationOrCredit, scheduled, supervisedSite.</summary>
    public required string Key { get; init; }
    public required string Name { get; init; }
    public required bool Met { get; init; }
    /// <summary>What would meet it, when it is not met.</summary>
    public string? Hint { get; init; }
}

/// <summary>A job description template: a starting point an employer fills in so the quality criteria are met by construction.</summary>
public sealed record OpportunityTemplate
{
    public required string Key { get; init; }
    public required string Name { get; init; }
    public required OpportunityType Type { get; init; }
    public required ContinuumStage Stage { get; init; }
    /// <summary>Absent: any career cluster.</summary>
    public CareerCluster? CareerCluster { get; init; }
    public required string Title { get; init; }
    public required string Description { get; init; }
    /// <summary>Meaningful tasks, one per line.</summary>
    public required string Duties { get; init; }
    /// <summary>Skills to be gained, which the employer validates in its evaluation.</summary>
    public required IReadOnlyList<string> Skills { get; init; }
    /// <summary>Learning objectives tied to the rubric's categories, for the training agreement.</summary>
    public required IReadOnlyList<string> LearningObjectives { get; init; }
    public required string Supervision { get; init; }
    /// <summary>A typical schedule, in words.</summary>
    public required string Schedule { get; init; }
    public required Compensation Compensation { get; init; }
    public required bool CreditOffered { get; init; }
    public string? CreditDescription { get; init; }
    public int? ExpectedHours { get; init; }
}

public sealed record OpportunityPage
{
    public required IReadOnlyList<Opportunity> Items { get; init; }
    public string? NextCursor { get; init; }
}
