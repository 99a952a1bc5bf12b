using LaunchPath.Contracts.Opportunities;

namespace LaunchPath.Contracts.Matching;

/// <summary>How much each consideration counts when ranking (each component is in [-1, 1] before weighting).</summary>
public sealed record MatchingWeights
{
    public double Interest { get; init; } = 3;
    public double Pathway { get; init; } = 2;
    public double Sequencing { get; init; } = 2;
    public double Schedule { get; init; } = 1.5;
    public double Travel { get; init; } = 2;
    public double Pay { get; init; } = 1;
    public double Credit { get; init; } = 1;
    public double Seats { get; init; } = 0.5;
}

public sealed record MatchingSettings
{
    public required string RegionId { get; init; }
    public required MatchingWeights Weights { get; init; }
    /// <summary>How many opportunities a student may rank in a match round.</summary>
    public required int MaxChoices { get; init; }
    public required int Version { get; init; }
}

public sealed record UpdateMatchingSettingsRequest
{
    public required MatchingWeights Weights { get; init; }
    public required int MaxChoices { get; init; }
}

public sealed record RecommendationReason
{
    /// <summary>interestMatch, pathwayAligned, nextStepOnContinuum, exploreFirst, scheduleFits, scheduleConflicts, travelFits, travelLong, virtual, paidAsPreferred, creditAsPreferred, seatsAvailable, fewSeatsLeft, noInterestMatch.</summary>
    public required string Code { get; init; }
    /// <summary>This reason's contribution to the score (negative lowers it).</summary>
    public required double Weight { get; init; }
    /// <summary>The reason in English words.</summary>
    public required string Detail { get; init; }
    /// <summary>The number in the words, to say them in another language: a grade, an age, minutes away, a share in percent, seats left.</summary>
    public int? Value { get; init; }
    /// <summary>The second number: the most minutes the student travels, or the seats.</summary>
    public int? Limit { get; init; }
    /// <summary>Which words, when a code has several: paid or stipend, the stage needed first, gradeUnknown, buildsOnExploration, partly.</summary>
    public string? Term { get; init; }
}

public sealed record RecommendedOpportunity
{
    public required Opportunity Opportunity { get; init; }
    public required double Score { get; init; }
    public required int SeatsLeft { get; init; }
    public required IReadOnlyList<RecommendationReason> Reasons { get; init; }
}

public sealed record RecommendedStudent
{
    public required string StudentId { get; init; }
    public required string Name { get; init; }
    public required string SchoolName { get; init; }
    /// <summary>Absent when the student's grade is unknown.</summary>
    public int? Grade { get; init; }
    public required double Score { get; init; }
    public required IReadOnlyList<RecommendationReason> Reasons { get; init; }
}

/// <summary>The equity group that reserved seats are for (minority reserves: open to all when the group's demand is met).</summary>
public enum ReserveGroup
{
    EnglishLearner,
    StudentWithDisability,
    SocioeconomicallyDisadvantaged,
    FosterYouth,
}

public enum MatchRoundStatus
{
    /// <summary>Students are ranking their choices; employers may rank applicants.</summary>
    Open,
    Queued,
    Running,
    /// <summary>Results are proposed placements; the round can run again until published.</summary>
    Matched,
    /// <summary>Results are placements; nothing in the round changes any more.</summary>
    Published,
}

public sealed record CreateMatchRoundRequest
{
    /// <summary>The region (convener round) or district (district round) the round is for.</summary>
    public required string OrganizationId { get; init; }
    public required string Name { get; init; }
    public required IReadOnlyList<string> OpportunityIds { get; init; }
    /// <summary>Defaults to the region's matching settings.</summary>
    public int? MaxChoices { get; init; }
    /// <summary>Lottery seed; the same seed gives the same result. Random when omitted.</summary>
    public int? Seed { get; init; }
    public ReserveGroup? ReserveGroup { get; init; }
    /// <summary>Share of each opportunity's seats reserved for the group (0–50).</summary>
    public int ReservePercent { get; init; }
}

public sealed record MatchRoundOpportunity
{
    public required string OpportunityId { get; init; }
    public required string Title { get; init; }
    public required string EmployerName { get; init; }
    public required int Seats { get; init; }
    public required int Applicants { get; init; }
}

public sealed record SubgroupStatistics
{
    /// <summary>all, englishLearner, studentWithDisability, socioeconomicallyDisadvantaged, fosterYouth.</summary>
    public required string Group { get; init; }
    public required int Students { get; init; }
    /// <summary>True when fewer than 10 students: the figures below are withheld.</summary>
    public required bool Suppressed { get; init; }
    public int? Matched { get; init; }
    public double? FirstChoiceShare { get; init; }
    public double? TopThreeShare { get; init; }
}

public sealed record MatchStatistics
{
    public required int Students { get; init; }
    public required int Matched { get; init; }
    public required int Unmatched { get; init; }
    public required double FirstChoiceShare { get; init; }
    public required double TopThreeShare { get; init; }
    public required int Seats { get; init; }
    public required int UnfilledSeats { get; init; }
    public required int Proposals { get; init; }
    /// <summary>By equity subgroup; only for callers who may see subgroups.</summary>
    public IReadOnlyList<SubgroupStatistics>? BySubgroup { get; init; }
}

/// <summary>What a caller may do with a match round now (server-decided from its role and the round's status).</summary>
public enum MatchRoundAction
{
    /// <summary>Run (or re-run) matching: the round's managers, while it is open or matched.</summary>
    Run,
    /// <summary>Publish the results: the round's managers, once it is matched.</summary>
    Publish,
    /// <summary>Submit or change a student's ranked choices: students, while the round is open or matched.</summary>
    SubmitChoices,
    /// <summary>Rank applicants: employers' writers, while the round is open or matched.</summary>
    RankApplicants,
}

public sealed record MatchRound
{
    public required string Id { get; init; }
    public required string OrganizationId { get; init; }
    public required string RegionId { get; init; }
    public required string Name { get; init; }
    public required MatchRoundStatus Status { get; init; }
    public required int MaxChoices { get; init; }
    /// <summary>
    /// The lottery's seed: shown once the round is published (until then only its commitment). With seedSalt it can be
    /// checked against seedCommitment, and with the published input it re-derives the round.
    /// </summary>
    public int? Seed { get; init; }
    /// <summary>Random text fixed with the seed when the round opened, shown with the seed once published.</summary>
    public string? SeedSalt { get; init; }
    /// <summary>
    /// Made when the round opened, before any choice: lowercase hex SHA-256 of the UTF-8 text
    /// <c>launchpath-round:{id}:{seed}:{seedSalt}</c>. Absent for rounds opened before commitments were kept.
    /// </summary>
    public string? SeedCommitment { get; init; }
    public ReserveGroup? ReserveGroup { get; init; }
    public required int ReservePercent { get; init; }
    public required IReadOnlyList<MatchRoundOpportunity> Opportunities { get; init; }
    public required int StudentsWithChoices { get; init; }
    /// <summary>0–100 while running.</summary>
    public required int Progress { get; init; }
    public required int Runs { get; init; }
    public MatchStatistics? Statistics { get; init; }
    /// <summary>What the caller may do with this round now. Show exactly these; the server refuses the rest.</summary>
    public required IReadOnlyList<MatchRoundAction> AllowedActions { get; init; }
    public required int Version { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? MatchedAt { get; init; }
    public DateTimeOffset? PublishedAt { get; init; }
}

public sealed record SubmitChoicesRequest
{
    /// <summary>Best first; at most the round's maxChoices; only opportunities in the round the student is eligible for.</summary>
    public required IReadOnlyList<string> OpportunityIds { get; init; }
}

public sealed record StudentChoices
{
    public required string RoundId { get; init; }
    public required string StudentId { get; init; }
    public required IReadOnlyList<string> OpportunityIds { get; init; }
    /// <summary>
    /// While the round takes choices (GET only): the round's opportunities this student cannot rank, each with why —
    /// the rule saving the choices enforces (school audience, grade, age, earlier stage, dates), so the student sees it
    /// before picking.
    /// </summary>
    public IReadOnlyList<UnavailableChoice> Unavailable { get; init; } = [];
    /// <summary>Once the round is published (GET only), the student's result: the placement it gave them, or none.</summary>
    public StudentRoundResult? Result { get; init; }
}

public sealed record StudentRoundResult
{
    public required bool Matched { get; init; }
    /// <summary>The placement the round made (approved when published; it may have moved on since).</summary>
    public string? PlacementId { get; init; }
    public string? OpportunityId { get; init; }
    /// <summary>
    /// The student's lottery number (1 = luckiest), from the round's seed: ties between applicants an employer ranks
    /// alike go to the lower number. Absent when the student was not in the round when it ran (their choices were
    /// withdrawn, or they had left).
    /// </summary>
    public int? LotteryNumber { get; init; }
    /// <summary>How many students were in the round when it ran (the lottery numbers run from 1 to this).</summary>
    public int? Students { get; init; }
    /// <summary>The student's line in the round's published input (0-based), to re-derive their result.</summary>
    public int? Entry { get; init; }
    /// <summary>Each choice down to the one the round gave (all of them when unmatched), best first, with why it was not theirs.</summary>
    public IReadOnlyList<ChoiceResult> Choices { get; init; } = [];
}

/// <summary>A student a published round did not match: someone for their coordinator to follow up with.</summary>
public sealed record UnmatchedStudent
{
    public required string StudentId { get; init; }
    public required string Name { get; init; }
    public required string SchoolName { get; init; }
    public int? Grade { get; init; }
}

/// <summary>Why a choice was or was not the student's, by the round's rules.</summary>
public enum ChoiceOutcome
{
    /// <summary>The choice the round gave them.</summary>
    Matched,
    /// <summary>Its seats went to students with a better lottery number (among those its employer ranked alike).</summary>
    FilledByLottery,
    /// <summary>Its employer ranked the students it took above this one.</summary>
    RankedHigher,
    /// <summary>They would have had a seat but for the seats the round reserves for an equity group.</summary>
    ReservedSeats,
    /// <summary>Its employer marked this student not acceptable.</summary>
    NotAcceptable,
    /// <summary>It had no seats in the round.</summary>
    NoSeats,
}

public sealed record ChoiceResult
{
    public required string OpportunityId { get; init; }
    public required ChoiceOutcome Outcome { get; init; }
    /// <summary>With filledByLottery: the lottery number of the last student it admitted (on a seat open to all).</summary>
    public int? LastAdmittedLotteryNumber { get; init; }
    /// <summary>With reservedSeats: the group the seats were reserved for.</summary>
    public ReserveGroup? ReserveGroup { get; init; }
}

/// <summary>
/// A published round's anonymised input and result: everything needed to re-run the engine (LaunchPath.Matching,
/// <c>DeferredAcceptance.Run</c>) and get the same assignment, and no student's identity. Entries are students in a
/// fixed order (the engine's); entry i's lottery number is <c>DeferredAcceptance.LotteryRanks(entries, seed)[i] + 1</c>.
/// </summary>
public sealed record PublishedRound
{
    public required string RoundId { get; init; }
    public required int Seed { get; init; }
    public required string SeedSalt { get; init; }
    public required string SeedCommitment { get; init; }
    public required IReadOnlyList<PublishedOpportunity> Opportunities { get; init; }
    public required IReadOnlyList<PublishedEntry> Entries { get; init; }
    /// <summary>Per entry, the index in opportunities of the one the round gave them, or -1.</summary>
    public required IReadOnlyList<int> Assignment { get; init; }
}

public sealed record PublishedOpportunity
{
    public required string OpportunityId { get; init; }
    public required int Seats { get; init; }
    /// <summary>Seats reserved for the round's reserve group (minority reserves).</summary>
    public required int ReservedSeats { get; init; }
    /// <summary>Whether its employer ranked applicants: then those it did not rank come after those it did.</summary>
    public required bool RanksApplicants { get; init; }
    public required int Filled { get; init; }
    /// <summary>Once every seat was taken: the lottery number of the last student it admitted on a seat open to all.</summary>
    public int? LastAdmittedLotteryNumber { get; init; }
}

public sealed record PublishedEntry
{
    /// <summary>Indexes into opportunities, best first.</summary>
    public required IReadOnlyList<int> Choices { get; init; }
    /// <summary>
    /// Beside choices, the employer's rank for this entry (0 = best) at an opportunity that ranks applicants, null where it
    /// did not rank them; absent when no choice's employer ranks.
    /// </summary>
    public IReadOnlyList<int?>? Ranks { get; init; }
    /// <summary>Choices (indexes into opportunities) whose employer marked this entry not acceptable.</summary>
    public IReadOnlyList<int>? NotAcceptable { get; init; }
    /// <summary>With a reserve: whether this entry is in the group the seats are reserved for.</summary>
    public bool? ReserveGroup { get; init; }
}

public sealed record UnavailableChoice
{
    public required string OpportunityId { get; init; }
    public required string Reason { get; init; }
    /// <summary>The same as a reason with its code and numbers (code notOffered: not for the student's school), to say it in another language.</summary>
    public RecommendationReason? Why { get; init; }
}

/// <summary>What an employer sees of an applicant: only what the placement needs, and names only with the student's consent.</summary>
/// <summary>
/// A student who ranked an opportunity in a round, as the caller may see them. An employer (an outside party under
/// FERPA) sees who the applicant is — student id, name, grade, school, interests and skills — only when the student
/// shares their profile with employers; otherwise only a pseudonymous applicant id, their choice rank and the employer's
/// own ranking. Every applicant shown to an employer is written to the disclosure log.
/// </summary>
public sealed record RoundApplicant
{
    /// <summary>A pseudonym for this student in this round and opportunity: what a ranking names. It reveals nothing and means nothing elsewhere.</summary>
    public required string ApplicantId { get; init; }
    /// <summary>Absent when the student's profile is withheld from the caller.</summary>
    public string? StudentId { get; init; }
    public required string DisplayName { get; init; }
    public required bool ProfileShared { get; init; }
    /// <summary>Absent when the student's profile is withheld from the caller.</summary>
    public int? Grade { get; init; }
    public string? SchoolName { get; init; }
    public IReadOnlyList<string> Interests { get; init; } = [];
    public IReadOnlyList<string> Skills { get; init; } = [];
    public required int ChoiceRank { get; init; }
    public int? EmployerRank { get; init; }
    public required bool Unacceptable { get; init; }
}

public sealed record EmployerRankingRequest
{
    /// <summary>Applicant ids in the employer's order of preference, best first; unranked applicants follow by lottery.</summary>
    public IReadOnlyList<string> Ranked { get; init; } = [];
    /// <summary>Applicant ids of those the employer will not take.</summary>
    public IReadOnlyList<string> Unacceptable { get; init; } = [];
}

public sealed record RoundPlacement
{
    public required string PlacementId { get; init; }
    public required string StudentId { get; init; }
    public required string StudentName { get; init; }
    public required string OpportunityId { get; init; }
    public required string OpportunityTitle { get; init; }
    /// <summary>1 = the student's first choice.</summary>
    public required int ChoiceRank { get; init; }
    public required string Status { get; init; }
}

/// <summary>
/// How one opportunity fits one student, by the rules the API applies when the student applies or ranks it: whether they
/// may have it (and if not, why), the reasons for and against it with the score the recommender gives, the seats left,
/// and the student's open placement for it, if any.
/// </summary>
public sealed record OpportunityFit
{
    public required string OpportunityId { get; init; }
    public required string StudentId { get; init; }
    /// <summary>The student may apply: it is published, offered to their school, and they meet its rules (grade, age, earlier stage, dates, seats).</summary>
    public required bool Eligible { get; init; }
    /// <summary>Why not, in words, when not eligible.</summary>
    public string? IneligibleReason { get; init; }
    /// <summary>The same as a reason with its code and numbers (code notOffered: not published for the student's school), to say it in another language.</summary>
    public RecommendationReason? Ineligible { get; init; }
    /// <summary>The recommender's score for the student (eligible only).</summary>
    public double? Score { get; init; }
    public required IReadOnlyList<RecommendationReason> Reasons { get; init; }
    public required int SeatsLeft { get; init; }
    /// <summary>The student's open placement (requested through active) for this opportunity: they have applied already.</summary>
    public string? PlacementId { get; init; }
    /// <summary>
    /// The unpublished match round that fills this opportunity's seats: students rank it there instead of applying
    /// (applying is refused while the round is pending).
    /// </summary>
    public FitRound? Round { get; init; }
}

public sealed record FitRound
{
    public required string RoundId { get; init; }
    public required string Name { get; init; }
    /// <summary>Students may rank their choices in it now (open, or matched and not yet published).</summary>
    public required bool TakesChoices { get; init; }
}
