using LaunchPath.Contracts.Common;
using LaunchPath.Contracts.Opportunities;

namespace LaunchPath.Contracts.Partners;

/// <summary>
/// Where an employer stands as a partner of its region. Employers created by staff are approved; an employer that
/// applied through the public form is pending until a convener or a district's WBL staff reviews it.
/// </summary>
public enum PartnerStatus
{
    Pending,
    ChangesRequested,
    Approved,
    Declined,
}

/// <summary>A region that takes partner applications (the public form's choice).</summary>
public sealed record PartnerRegion
{
    public required string Id { get; init; }
    public required string Name { get; init; }
}

/// <summary>The person who speaks for the employer.</summary>
public sealed record PartnerContact
{
    public required string Name { get; init; }
    public string? Title { get; init; }
    public required string Email { get; init; }
    public string? Phone { get; init; }
}

/// <summary>A worksite as the employer describes it (on the public form or later).</summary>
public sealed record WorksiteRequest
{
    public required string Name { get; init; }
    /// <summary>Absent only for a remote/virtual worksite.</summary>
    public PostalAddress? Address { get; init; }
    /// <summary>Work happens online, not at an address.</summary>
    public bool Remote { get; init; }
    /// <summary>e.g. "Step-free entrance, elevator to all floors".</summary>
    public string? Accessibility { get; init; }
    /// <summary>e.g. "Bus 51B stops at the door".</summary>
    public string? Transit { get; init; }
    /// <summary>Coarse location for travel times (two decimals, about 1 km); more precision is rounded away.</summary>
    public double? Latitude { get; init; }
    public double? Longitude { get; init; }
}

/// <summary>What an employer says of itself when it asks to become a partner (and may change while under review).</summary>
public sealed record PartnerProfile
{
    public required string OrganizationName { get; init; }
    public required string Industry { get; init; }
    public string? Website { get; init; }
    public PostalAddress? Address { get; init; }
    public required PartnerContact Contact { get; init; }
    public required IReadOnlyList<CareerCluster> CareerClusters { get; init; }
    /// <summary>The kinds of experience it can offer, from guest speaking to internships.</summary>
    public required IReadOnlyList<OpportunityType> ExperienceTypes { get; init; }
    /// <summary>About how many students it can host in a school year.</summary>
    public required int StudentsPerYear { get; init; }
    public string? About { get; init; }
}

/// <summary>The public "Become a partner" form.</summary>
public sealed record PartnerApplicationRequest
{
    public required string RegionId { get; init; }
    public required PartnerProfile Profile { get; init; }
    public required IReadOnlyList<WorksiteRequest> Worksites { get; init; }
    /// <summary>Leave empty. People never see this field; a form that fills it is not sent on.</summary>
    public string? Homepage { get; init; }
}

/// <summary>What the public form answers, whatever happened (it never says whether an address has an account).</summary>
public sealed record PartnerApplicationReceipt
{
    public required string Message { get; init; }
}

public enum PartnerDecision
{
    Approve,
    RequestChanges,
    Decline,
}

public sealed record PartnerReviewRequest
{
    public required PartnerDecision Decision { get; init; }
    /// <summary>Required to ask for changes or to decline; sent to the employer.</summary>
    public string? Reason { get; init; }
}

public enum ChecklistStatus
{
    None,
    Submitted,
    ChangesRequested,
    Approved,
}

/// <summary>One answer on a worksite safety checklist.</summary>
public sealed record ChecklistAnswer
{
    /// <summary>The template item's key.</summary>
    public required string Key { get; init; }
    /// <summary>"yes", "no" or "notApplicable".</summary>
    public required string Answer { get; init; }
    public string? Note { get; init; }
}

/// <summary>The employer's answers to the region's worksite safety checklist.</summary>
public sealed record WorksiteChecklistRequest
{
    public required IReadOnlyList<ChecklistAnswer> Answers { get; init; }
    /// <summary>Students per supervising adult, at most.</summary>
    public required int StudentsPerSupervisor { get; init; }
    public required string EmergencyProcedures { get; init; }
    /// <summary>Protective equipment students are given, or "none needed".</summary>
    public required string ProtectiveEquipment { get; init; }
    /// <summary>
    /// The federal hazardous occupations orders (29 CFR 570 subpart E, HO 1–17) whose work happens at the site; minors
    /// do none of it. Empty: none.
    /// </summary>
    public required IReadOnlyList<int> HazardousOrders { get; init; }
}

public sealed record WorksiteChecklist
{
    public required ChecklistStatus Status { get; init; }
    /// <summary>The template version answered.</summary>
    public int? TemplateVersion { get; init; }
    public WorksiteChecklistRequest? Answers { get; init; }
    public DateTimeOffset? SubmittedAt { get; init; }
    public DateTimeOffset? ReviewedAt { get; init; }
    /// <summary>The reviewer's reason when changes were asked for.</summary>
    public string? ReviewNote { get; init; }
}

public sealed record Worksite
{
    public required string Id { get; init; }
    public required string EmployerId { get; init; }
    public required string Name { get; init; }
    public PostalAddress? Address { get; init; }
    public required bool Remote { get; init; }
    public string? Accessibility { get; init; }
    public string? Transit { get; init; }
    public double? Latitude { get; init; }
    public double? Longitude { get; init; }
    public required WorksiteChecklist Checklist { get; init; }
    public required int Version { get; init; }
}

public sealed record ReviewRequest
{
    public required bool Approve { get; init; }
    /// <summary>Required when not approving.</summary>
    public string? Reason { get; init; }
}

public enum DocumentStatus
{
    Submitted,
    Approved,
    Rejected,
}

/// <summary>An employer document (a certificate of insurance, workers' compensation, a signed policy): the file is fetched apart, and each fetch is audited.</summary>
public sealed record EmployerDocument
{
    public required string Id { get; init; }
    public required string EmployerId { get; init; }
    /// <summary>The region's document kind (e.g. "insurance").</summary>
    public required string Kind { get; init; }
    public required string KindName { get; init; }
    public string? Insurer { get; init; }
    public string? PolicyNumber { get; init; }
    /// <summary>Each-occurrence limit, in cents.</summary>
    public long? CoverageCents { get; init; }
    /// <summary>Aggregate limit, in cents.</summary>
    public long? AggregateCents { get; init; }
    public required DateOnly EffectiveOn { get; init; }
    public required DateOnly ExpiresOn { get; init; }
    public required string FileName { get; init; }
    public required string ContentType { get; init; }
    public required long SizeBytes { get; init; }
    public required DocumentStatus Status { get; init; }
    public string? ReviewNote { get; init; }
    /// <summary>Approved and not yet expired today.</summary>
    public required bool InForce { get; init; }
    public required DateTimeOffset UploadedAt { get; init; }
}

/// <summary>An employer–school partnership agreement (MOU) with a district, or with the region on behalf of all its districts.</summary>
public sealed record PartnershipAgreement
{
    public required string Id { get; init; }
    public required string EmployerId { get; init; }
    /// <summary>Absent: the region signs for all its districts.</summary>
    public string? DistrictId { get; init; }
    public string? DistrictName { get; init; }
    public required int TemplateVersion { get; init; }
    /// <summary>The terms as signed: fixed when the agreement was drawn up.</summary>
    public required AgreementTemplate Terms { get; init; }
    public required DateOnly StartsOn { get; init; }
    public required DateOnly EndsOn { get; init; }
    public AgreementSignature? EmployerSignature { get; init; }
    public AgreementSignature? SchoolSignature { get; init; }
    /// <summary>awaitingSignatures, signed (not started yet), inForce, ended.</summary>
    public required string State { get; init; }
    /// <summary>The agreement this one renews.</summary>
    public string? RenewsId { get; init; }
    /// <summary>What the caller may do: signAsEmployer, signAsSchool, renew.</summary>
    public required IReadOnlyList<string> AllowedActions { get; init; }
}

public sealed record AgreementSignature
{
    public required string Name { get; init; }
    public required string Title { get; init; }
    public required DateTimeOffset At { get; init; }
}

public sealed record CreatePartnershipAgreementRequest
{
    /// <summary>Absent: the region, on behalf of all its districts.</summary>
    public string? DistrictId { get; init; }
    public required DateOnly StartsOn { get; init; }
    public required DateOnly EndsOn { get; init; }
}

public enum AgreementSide
{
    Employer,
    School,
}

public sealed record SignAgreementRequest
{
    /// <summary>Which side the caller signs for: the employer (its admins) or the school (the district's WBL staff, or the convener for the region).</summary>
    public required AgreementSide Side { get; init; }
    /// <summary>The signer's name as it is to appear on the agreement.</summary>
    public required string Name { get; init; }
    public required string Title { get; init; }
}

public sealed record RenewAgreementRequest
{
    public required DateOnly EndsOn { get; init; }
}

public enum ClearanceKind
{
    BackgroundCheck,
    SafetyAttestation,
    DistrictClearance,
}

/// <summary>A supervisor's or mentor's clearance: only the result, dates and a reference, never the check's content.</summary>
public sealed record SupervisorClearance
{
    public required string Id { get; init; }
    public required string EmployerId { get; init; }
    public required string Name { get; init; }
    public required string Email { get; init; }
    public required ClearanceKind Kind { get; init; }
    /// <summary>A district-specific clearance counts only for that district's students.</summary>
    public string? DistrictId { get; init; }
    public required bool Cleared { get; init; }
    /// <summary>The check provider's or the district's reference for the result.</summary>
    public string? Reference { get; init; }
    public required DateOnly CheckedOn { get; init; }
    public DateOnly? ExpiresOn { get; init; }
    public required bool InForce { get; init; }
}

public sealed record RecordClearanceRequest
{
    public required string Name { get; init; }
    public required string Email { get; init; }
    public required ClearanceKind Kind { get; init; }
    public string? DistrictId { get; init; }
    public required bool Cleared { get; init; }
    public string? Reference { get; init; }
    public required DateOnly CheckedOn { get; init; }
    public DateOnly? ExpiresOn { get; init; }
}

/// <summary>One item of the region's worksite safety checklist.</summary>
public sealed record ChecklistItem
{
    public required string Key { get; init; }
    public required string Text { get; init; }
    /// <summary>hazards, protectiveEquipment, supervision, emergency, minors.</summary>
    public required string Section { get; init; }
}

/// <summary>A kind of document the region asks of employers.</summary>
public sealed record DocumentKind
{
    public required string Key { get; init; }
    public required string Name { get; init; }
    /// <summary>Without one in force, no new placement at the employer.</summary>
    public required bool Required { get; init; }
    /// <summary>A certificate of insurance: insurer, policy number and limits are asked for.</summary>
    public required bool Insurance { get; init; }
    /// <summary>Insurance only: the least each-occurrence limit accepted, in cents.</summary>
    public long? MinimumCoverageCents { get; init; }
}

/// <summary>The region's employer–school agreement template; its version is fixed into each agreement drawn up.</summary>
public sealed record AgreementTemplate
{
    public required string Title { get; init; }
    /// <summary>Terms, liability, insurance requirements, the data-use clause for student data, …</summary>
    public required IReadOnlyList<AgreementClause> Clauses { get; init; }
}

public sealed record AgreementClause
{
    public required string Heading { get; init; }
    public required string Text { get; init; }
}

/// <summary>What a region asks of its employer partners, and which of it blocks placements.</summary>
public sealed record PartnershipRequirements
{
    /// <summary>A placement needs an employer–school agreement in force with the student's district (or the region).</summary>
    public required bool AgreementRequired { get; init; }
    /// <summary>A minor's in-person placement needs a worksite whose safety checklist is approved.</summary>
    public required bool WorksiteChecklistForMinors { get; init; }
    /// <summary>A minor's placement becomes active only with a cleared supervisor.</summary>
    public required bool SupervisorClearanceForMinors { get; init; }
    public required IReadOnlyList<DocumentKind> Documents { get; init; }
    public required IReadOnlyList<ChecklistItem> Checklist { get; init; }
    /// <summary>Goes up by one each time the checklist changes.</summary>
    public required int ChecklistVersion { get; init; }
    public required AgreementTemplate AgreementTemplate { get; init; }
    /// <summary>Goes up by one each time the agreement template changes.</summary>
    public required int AgreementTemplateVersion { get; init; }
    public required int Version { get; init; }
}

public sealed record UpdatePartnershipRequirementsRequest
{
    public required bool AgreementRequired { get; init; }
    public required bool WorksiteChecklistForMinors { get; init; }
    public required bool SupervisorClearanceForMinors { get; init; }
    public required IReadOnlyList<DocumentKind> Documents { get; init; }
    public required IReadOnlyList<ChecklistItem> Checklist { get; init; }
    public required AgreementTemplate AgreementTemplate { get; init; }
}

/// <summary>An employer's whole partnership: what it said, where it works, its documents, agreements and clearances, and what is missing.</summary>
public sealed record Partnership
{
    public required string EmployerId { get; init; }
    public required string Name { get; init; }
    public required PartnerStatus Status { get; init; }
    public PartnerProfile? Profile { get; init; }
    public string? ReviewNote { get; init; }
    public DateTimeOffset? AppliedAt { get; init; }
    public DateTimeOffset? ReviewedAt { get; init; }
    public required IReadOnlyList<Worksite> Worksites { get; init; }
    public required IReadOnlyList<EmployerDocument> Documents { get; init; }
    public required IReadOnlyList<PartnershipAgreement> Agreements { get; init; }
    public required IReadOnlyList<SupervisorClearance> Clearances { get; init; }
    /// <summary>What the region requires that the employer lacks, in words (empty: nothing).</summary>
    public required IReadOnlyList<string> Missing { get; init; }
    /// <summary>What the caller may do: review, editProfile, addWorksite, uploadDocument, reviewDocuments, reviewWorksites, draftAgreement, recordClearance.</summary>
    public required IReadOnlyList<string> AllowedActions { get; init; }
}

/// <summary>One employer's line on the convener's board.</summary>
public sealed record PartnerBoardRow
{
    public required string EmployerId { get; init; }
    public required string Name { get; init; }
    public required PartnerStatus Status { get; init; }
    public DateTimeOffset? AppliedAt { get; init; }
    public required int Worksites { get; init; }
    /// <summary>Checklists submitted and waiting for review.</summary>
    public required int WorksitesToReview { get; init; }
    /// <summary>Worksites without an approved checklist.</summary>
    public required int WorksitesWithoutChecklist { get; init; }
    /// <summary>Required document kinds with no document in force.</summary>
    public required IReadOnlyList<string> DocumentsMissing { get; init; }
    /// <summary>Documents in force that expire within 30 days.</summary>
    public required int DocumentsExpiring { get; init; }
    public required int DocumentsToReview { get; init; }
    public required int AgreementsInForce { get; init; }
    /// <summary>In force and ending within 60 days with no renewal drawn up.</summary>
    public required int AgreementsToRenew { get; init; }
    public required int AgreementsAwaitingSignature { get; init; }
    /// <summary>Supervisors named on minors' open placements without a clearance in force.</summary>
    public required IReadOnlyList<string> UnclearedSupervisors { get; init; }
    /// <summary>Nothing missing, nothing to review.</summary>
    public required bool Ready { get; init; }
}

/// <summary>Which rows the board shows.</summary>
public enum PartnerBoardFilter
{
    All,
    Pending,
    Documents,
    Agreements,
    Clearances,
    Worksites,
    Ready,
}

/// <summary>One opening of a document's file.</summary>
public sealed record DocumentRead
{
    public required string Name { get; init; }
    public required string Email { get; init; }
    public required DateTimeOffset At { get; init; }
}
