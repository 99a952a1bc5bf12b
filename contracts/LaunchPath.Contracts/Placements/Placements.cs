using LaunchPath.Contracts.Opportunities;

namespace LaunchPath.Contracts.Placements;

/// <summary>
/// requested (a student applied or staff nominated) → accepted by the employer (or declined) → approved by the school
/// with an expiry date → agreementPending once the training agreement is written → active when every required party
/// acknowledged it → completed; withdrawn (with a reason) from any open state. Match rounds publish straight to approved.
/// </summary>
public enum PlacementStatus
{
    Proposed,
    Requested,
    Accepted,
    Declined,
    Approved,
    AgreementPending,
    Active,
    Completed,
    Withdrawn,
}

public enum AgreementParty
{
    Student,
    Guardian,
    Supervisor,
    Coordinator,
}

/// <summary>
/// What a caller may do to a placement now; the server decides from the caller's part in it (student, guardian, school
/// staff, employer) and the placement's state, and each placement carries the list for its caller.
/// </summary>
public enum PlacementAction
{
    Accept,
    Decline,
    Approve,
    Withdraw,
    Complete,
    WriteAgreement,
    /// <summary>Acknowledge the agreement as <c>acknowledgeAs</c>.</summary>
    Acknowledge,
    /// <summary>Send a one-time acknowledgement link to a required guardian or supervisor without an account.</summary>
    CreateLink,
    ConnectClass,
    LogHours,
    Evaluate,
    Reflect,
    ReadReflections,
    /// <summary>
    /// Start a placement whose agreement everyone acknowledged but which waited for what the region requires of the
    /// employer (its <c>activationGaps</c>: an agreement in force, documents, a worksite checklist, the supervisor's
    /// clearance). The school; 422 naming what is still missing.
    /// </summary>
    Activate,
}

public sealed record CreatePlacementRequest
{
    public required string OpportunityId { get; init; }
    public required string StudentId { get; init; }
    /// <summary>Why the student wants it (applications) or why staff nominate the student.</summary>
    public string? Note { get; init; }
    /// <summary>The class (from the SIS roster) this experience connects to; the student must be enrolled in it.</summary>
    public string? ClassId { get; init; }
}

/// <summary>The class a placement connects to (Linked Learning: connected to classroom learning); null to unlink.</summary>
public sealed record PlacementClassRequest
{
    public string? ClassId { get; init; }
}

public sealed record DecisionRequest
{
    public string? Reason { get; init; }
}

public sealed record ApprovePlacementRequest
{
    /// <summary>The approval lapses if the placement is not active by this date.</summary>
    public required DateOnly ExpiresOn { get; init; }
}

public sealed record CompletePlacementRequest
{
    public string? CreditEarned { get; init; }
    public string? CredentialEarned { get; init; }
    /// <summary>
    /// Why the placement is completed although something is missing (see the placement's completionGaps): required
    /// then (422 without it), and recorded as the placement's decision reason.
    /// </summary>
    public string? Reason { get; init; }
}

public sealed record LearningObjective
{
    public required string Description { get; init; }
    /// <summary>The skills this objective builds (ideally from the opportunity's skills).</summary>
    public IReadOnlyList<string> Skills { get; init; } = [];
}

public sealed record AgreementRequest
{
    public required IReadOnlyList<LearningObjective> Objectives { get; init; }
    /// <summary>When the student works; hours logged outside it are refused (422). Empty: any time the law allows.</summary>
    public IReadOnlyList<WeeklySlot> Schedule { get; init; } = [];
    /// <summary>Hours before it are refused (422).</summary>
    public DateOnly? StartDate { get; init; }
    /// <summary>Hours after it are refused (422).</summary>
    public DateOnly? EndDate { get; init; }
    /// <summary>
    /// The placement is school-approved work experience or cooperative vocational education (California Labor Code
    /// 1391(a)(4)(A)): where the region applies California's rule, a 16- or 17-year-old may then work up to 8 hours on
    /// a school day instead of 4. Absent: no.
    /// </summary>
    public bool? WorkExperienceEducation { get; init; }
    public required string SupervisorName { get; init; }
    public required string SupervisorEmail { get; init; }
    /// <summary>e.g. "$18.50/hour, paid by the employer" or "unpaid".</summary>
    public required string Compensation { get; init; }
    /// <summary>e.g. "2.5 elective credits (course 7520)" or "none".</summary>
    public required string Credit { get; init; }
}

public sealed record Acknowledgement
{
    public required AgreementParty Party { get; init; }
    public required string Name { get; init; }
    /// <summary>"account" (signed in) or "link" (one-time link).</summary>
    public required string Via { get; init; }
    public required DateTimeOffset At { get; init; }
}

public sealed record Agreement
{
    public required AgreementRequest Terms { get; init; }
    public required int Version { get; init; }
    /// <summary>Who must acknowledge before the placement becomes active (the guardian only for minors).</summary>
    public required IReadOnlyList<AgreementParty> RequiredParties { get; init; }
    public required IReadOnlyList<Acknowledgement> Acknowledgements { get; init; }
}

public sealed record AcknowledgeRequest
{
    public required AgreementParty Party { get; init; }
}

public sealed record CreateLinkRequest
{
    public required AgreementParty Party { get; init; }
}

/// <summary>A one-time link, shown once (deliver it by email or text); it expires and works once.</summary>
public sealed record ActionLink
{
    public required string Token { get; init; }
    public required string Url { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
}

public sealed record LinkAcknowledgeRequest
{
    /// <summary>The full name of the person acknowledging.</summary>
    public required string Name { get; init; }
}

/// <summary>What the link holder sees: the agreement terms and which party they sign for — no other student data.</summary>
public sealed record LinkedAgreement
{
    public required AgreementParty Party { get; init; }
    public required string OpportunityTitle { get; init; }
    public required string EmployerName { get; init; }
    public required string StudentFirstName { get; init; }
    public required AgreementRequest Terms { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
}

/// <summary>
/// A placement. Employers see the student's first name, grade and school; contact details only once the school
/// approved it; never subgroups. Every employer view is recorded as a disclosure.
/// </summary>
public sealed record Placement
{
    public required string Id { get; init; }
    public required PlacementStatus Status { get; init; }
    public required string Source { get; init; }
    public required string StudentId { get; init; }
    public required string StudentName { get; init; }
    /// <summary>Absent when the student's grade is unknown.</summary>
    public int? StudentGrade { get; init; }
    public required string SchoolId { get; init; }
    public required string SchoolName { get; init; }
    /// <summary>Shown to the employer only after approval.</summary>
    public string? StudentEmail { get; init; }
    public required string OpportunityId { get; init; }
    public required string OpportunityTitle { get; init; }
    public required string EmployerId { get; init; }
    public required string EmployerName { get; init; }
    public required ContinuumStage Stage { get; init; }
    public string? Note { get; init; }
    /// <summary>The class this experience connects to, with its course, when one is named.</summary>
    public string? ClassId { get; init; }
    public string? ClassTitle { get; init; }
    public string? CourseTitle { get; init; }
    public string? DecisionReason { get; init; }
    public DateOnly? ExpiresOn { get; init; }
    /// <summary>True when the approval lapsed before the placement became active.</summary>
    public required bool Expired { get; init; }
    public string? CreditEarned { get; init; }
    public string? CredentialEarned { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public Agreement? Agreement { get; init; }
    /// <summary>What the caller may do to this placement now. Show exactly these; the server refuses the rest.</summary>
    public required IReadOnlyList<PlacementAction> AllowedActions { get; init; }
    /// <summary>The party the caller acknowledges the agreement as, when <c>acknowledge</c> is allowed.</summary>
    public AgreementParty? AcknowledgeAs { get; init; }
    /// <summary>
    /// When the caller may complete the placement: what completing now would leave undone (hours entries not yet
    /// decided, no final evaluation), in words; empty when nothing is. Completing with gaps needs a reason.
    /// </summary>
    public IReadOnlyList<string>? CompletionGaps { get; init; }
    /// <summary>
    /// When everyone acknowledged the agreement but the placement is not active yet: what the region requires that is
    /// still missing (empty: nothing, the school may activate it). Absent otherwise.
    /// </summary>
    public IReadOnlyList<string>? ActivationGaps { get; init; }
    public required int Version { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
}

public sealed record PlacementPage
{
    public required IReadOnlyList<Placement> Items { get; init; }
    public string? NextCursor { get; init; }
}

public enum HoursStatus
{
    Submitted,
    Approved,
    Rejected,
}

public sealed record LogHoursRequest
{
    public required DateOnly Date { get; init; }
    /// <summary>Local start time, 24-hour "HH:mm".</summary>
    public required string Start { get; init; }
    public required int Minutes { get; init; }
    public required string Activity { get; init; }
}

/// <summary>What a caller may do to an hours entry now (server-decided, like a placement's actions).</summary>
public enum HoursAction
{
    Edit,
    Delete,
    Decide,
    /// <summary>Send the employer's supervisor a one-time link to decide the entry.</summary>
    CreateLink,
}

public sealed record HoursEntry
{
    public required string Id { get; init; }
    public required string PlacementId { get; init; }
    public required DateOnly Date { get; init; }
    public required string Start { get; init; }
    public required int Minutes { get; init; }
    public required string Activity { get; init; }
    public required HoursStatus Status { get; init; }
    public string? Reason { get; init; }
    /// <summary>Approved entries are locked: they cannot be changed or deleted.</summary>
    public required bool Locked { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }
    /// <summary>What the caller may do to this entry now; empty in a records export and behind a one-time link.</summary>
    public required IReadOnlyList<HoursAction> AllowedActions { get; init; }
    public required int Version { get; init; }
}

public sealed record HoursLog
{
    public required string PlacementId { get; init; }
    public required IReadOnlyList<HoursEntry> Entries { get; init; }
    public required int ApprovedMinutes { get; init; }
    public required int SubmittedMinutes { get; init; }
}

public sealed record PlacementHoursTotal
{
    public required string PlacementId { get; init; }
    public required string OpportunityTitle { get; init; }
    public required int ApprovedMinutes { get; init; }
    public required int SubmittedMinutes { get; init; }
}

public sealed record StudentHours
{
    public required string StudentId { get; init; }
    public required int ApprovedMinutes { get; init; }
    public required IReadOnlyList<PlacementHoursTotal> Placements { get; init; }
}

/// <summary>What a supervisor's one-time link shows: one entry to approve or reject.</summary>
public sealed record LinkedHoursEntry
{
    public required string StudentFirstName { get; init; }
    public required string OpportunityTitle { get; init; }
    public required HoursEntry Entry { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
}

public sealed record HoursDecisionRequest
{
    public required bool Approve { get; init; }
    /// <summary>Required to reject.</summary>
    public string? Reason { get; init; }
    /// <summary>With a link: the supervisor's name.</summary>
    public string? Name { get; init; }
}

public sealed record RubricLevel
{
    /// <summary>1 (lowest) to 4 (highest).</summary>
    public required int Level { get; init; }
    public required string Label { get; init; }
}

public sealed record RubricCriterion
{
    public required string Id { get; init; }
    public required string Category { get; init; }
    public required string Description { get; init; }
}

/// <summary>The competency rubric employers evaluate against. The default follows the California internship template: 3 categories × 4 levels, plus N/A.</summary>
public sealed record Rubric
{
    public required string Name { get; init; }
    public required IReadOnlyList<RubricLevel> Levels { get; init; }
    public required IReadOnlyList<RubricCriterion> Criteria { get; init; }

    /// <summary>The region's rubric version (0: the default, never saved). Ignored on PUT: send it back as If-Match.</summary>
    public int Version { get; init; }
}

public enum EvaluationKind
{
    Midpoint,
    Final,
}

public sealed record CriterionRating
{
    public required string CriterionId { get; init; }
    /// <summary>1–4; null for not applicable.</summary>
    public int? Level { get; init; }
}

public sealed record SubmitEvaluationRequest
{
    public required EvaluationKind Kind { get; init; }
    public required IReadOnlyList<CriterionRating> Ratings { get; init; }
    public string? Comments { get; init; }
}

public sealed record Evaluation
{
    public required string Id { get; init; }
    public required string PlacementId { get; init; }
    public required EvaluationKind Kind { get; init; }
    public required string RubricName { get; init; }
    public required IReadOnlyList<CriterionRating> Ratings { get; init; }
    /// <summary>Mean of the rated criteria (N/A excluded).</summary>
    public double? AverageLevel { get; init; }
    public string? Comments { get; init; }
    public required string EvaluatorName { get; init; }
    public required DateTimeOffset SubmittedAt { get; init; }
}

public sealed record SubmitReflectionRequest
{
    public required string Text { get; init; }
    /// <summary>How worthwhile the experience felt, 1–5.</summary>
    public int? Rating { get; init; }
    /// <summary>The class (from the SIS roster) the reflection connects the experience to; the student must be enrolled in it.</summary>
    public string? ClassId { get; init; }
}

public sealed record Reflection
{
    public required string Id { get; init; }
    public required string PlacementId { get; init; }
    public required string Text { get; init; }
    public int? Rating { get; init; }
    public string? ClassId { get; init; }
    public string? ClassTitle { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
}

/// <summary>Something waiting for the signed-in person, by what they can do in LaunchPath.</summary>
public enum ActionKind
{
    /// <summary>Employer: applications to accept or decline.</summary>
    DecideApplicants,
    /// <summary>School: placements the employer accepted, to approve.</summary>
    ApprovePlacements,
    /// <summary>School or employer: approved placements without a training agreement.</summary>
    WriteAgreements,
    /// <summary>School: agreements still waiting for someone's acknowledgement.</summary>
    FollowUpAgreements,
    /// <summary>School: approvals expiring within a week with the agreement incomplete.</summary>
    RenewApprovals,
    /// <summary>Employer staff: agreements to acknowledge as the supervisor.</summary>
    AcknowledgeAsSupervisor,
    /// <summary>Employer staff: hours to approve.</summary>
    ApproveHours,
    /// <summary>Student: their agreement to acknowledge.</summary>
    AcknowledgeAsStudent,
    /// <summary>Guardian: a child's agreement to acknowledge.</summary>
    AcknowledgeAsGuardian,
    /// <summary>Curators (convener, district or school staff): opportunities submitted for review.</summary>
    CurateOpportunities,
    /// <summary>Student: placements to reflect on (active with no reflection in two weeks, or completed in the last month with none since).</summary>
    WriteReflections,
}

/// <summary>One kind of thing waiting for the caller: how many, and the first placements (or hours entries, or opportunities) concerned.</summary>
public sealed record ActionItem
{
    public required ActionKind Kind { get; init; }
    public required int Count { get; init; }
    /// <summary>Up to 20 placements, oldest change first.</summary>
    public required IReadOnlyList<string> PlacementIds { get; init; }
    /// <summary>For approveHours: up to 20 entries, oldest first.</summary>
    public IReadOnlyList<string>? HoursEntryIds { get; init; }
    /// <summary>For curateOpportunities: up to 20 opportunities, oldest submission first (placementIds is empty).</summary>
    public IReadOnlyList<string>? OpportunityIds { get; init; }
}

/// <summary>Which rule for the hours minors may work a region applies when hours are logged.</summary>
public enum MinorHoursRule
{
    /// <summary>29 CFR 570.35 for 14- and 15-year-olds (the federal floor); no limit in LaunchPath for 16- and 17-year-olds.</summary>
    Federal,
    /// <summary>The federal rule, and California Labor Code 1391(a)(3)–(4) for 16- and 17-year-olds.</summary>
    California,
}

/// <summary>A region's rules for the work its students do.</summary>
public sealed record WorkRules
{
    public required string RegionId { get; init; }
    public required MinorHoursRule MinorHoursRule { get; init; }
    public required int Version { get; init; }
}

public sealed record UpdateWorkRulesRequest
{
    public required MinorHoursRule MinorHoursRule { get; init; }
}
