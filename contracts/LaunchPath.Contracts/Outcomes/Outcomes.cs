namespace LaunchPath.Contracts.Outcomes;

/// <summary>A count of placements and distinct students for one value of a breakdown (a stage, a type, a cluster).</summary>
public sealed record Breakdown
{
    public required string Key { get; init; }
    public required int Placements { get; init; }
    public required int Students { get; init; }
}

/// <summary>Participation of one group. Groups under 10 students are suppressed: only the group size is shown.</summary>
public sealed record GroupParticipation
{
    public required string Group { get; init; }
    public string? Name { get; init; }
    public required int Students { get; init; }
    public required bool Suppressed { get; init; }
    public int? Participants { get; init; }
    public double? Rate { get; init; }
    /// <summary>This group's rate minus everyone's rate (negative: under-served).</summary>
    public double? GapToAll { get; init; }
}

public sealed record HoursOutcome
{
    public required int ApprovedMinutes { get; init; }
    public required int StudentsWithHours { get; init; }
}

public sealed record SkillGains
{
    public required int EvaluatedPlacements { get; init; }
    public double? AverageMidpoint { get; init; }
    public double? AverageFinal { get; init; }
    /// <summary>Mean of (final − midpoint) over placements with both.</summary>
    public double? AverageGain { get; init; }
}

public sealed record EmployerEngagement
{
    public required int EmployersWithPlacements { get; init; }
    public required int OpportunitiesPublished { get; init; }
}

/// <summary>Perkins V indicator 5S3: the share of CTE concentrators in grade 12 who took part in work-based learning.</summary>
public sealed record Perkins5S3
{
    public required int Concentrators { get; init; }
    public required bool Suppressed { get; init; }
    public int? WithWorkBasedLearning { get; init; }
    public double? Rate { get; init; }
}

public sealed record OutcomesReport
{
    public required string OrganizationId { get; init; }
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    /// <summary>Active students in the organization.</summary>
    public required int Students { get; init; }
    /// <summary>Students with at least one approved, active or completed placement.</summary>
    public required int Participants { get; init; }
    public required double ParticipationRate { get; init; }
    public required IReadOnlyList<Breakdown> ByStage { get; init; }
    public required IReadOnlyList<Breakdown> ByType { get; init; }
    public required IReadOnlyList<Breakdown> ByCluster { get; init; }
    public required IReadOnlyList<GroupParticipation> BySchool { get; init; }
    /// <summary>Participation of the students enrolled in each course's classes (from the SIS roster); groups under 10 suppressed.</summary>
    public IReadOnlyList<GroupParticipation> ByCourse { get; init; } = [];
    /// <summary>Equity: participation by subgroup (EL, SWD, SED, foster youth, race/ethnicity, gender, grade).</summary>
    public required IReadOnlyList<GroupParticipation> BySubgroup { get; init; }
    public required HoursOutcome Hours { get; init; }
    public required SkillGains SkillGains { get; init; }
    public required EmployerEngagement Employers { get; init; }
    public required Perkins5S3 Perkins5S3 { get; init; }
    /// <summary>Events (guest speakers, tours, career fairs, informational interviews): who attended, by school and subgroup.</summary>
    public required EventOutcomes Events { get; init; }
    /// <summary>Educators in teacher externships, counted apart from students.</summary>
    public required EducatorParticipation Educators { get; init; }
}

/// <summary>
/// Participation in events, counted by attendance (the Linked Learning goal: every student has career awareness and
/// exploration experiences). Placements in the breakdowns count attendances here.
/// </summary>
public sealed record EventOutcomes
{
    /// <summary>Sessions held (not cancelled) that students of the organization attended.</summary>
    public required int Sessions { get; init; }
    public required int Attendances { get; init; }
    public required int StudentsAttended { get; init; }
    /// <summary>Students who attended at least one event, of all the organization's active students.</summary>
    public required double ParticipationRate { get; init; }
    /// <summary>Minutes of career exposure: each attendance counts its session's length.</summary>
    public required int ExposureMinutes { get; init; }
    /// <summary>Attendances and students by continuum stage (Placements holds attendances).</summary>
    public required IReadOnlyList<Breakdown> ByStage { get; init; }
    public required IReadOnlyList<GroupParticipation> BySchool { get; init; }
    public required IReadOnlyList<GroupParticipation> BySubgroup { get; init; }
    /// <summary>Employers whose events these students attended, and how many students they reached.</summary>
    public required int EmployersHosting { get; init; }
    /// <summary>Students' ratings of the events they attended (1–5): how many, and the average.</summary>
    public required int Ratings { get; init; }
    public double? AverageRating { get; init; }
}

/// <summary>Teachers, counselors and coordinators of the organization's schools in teacher externships.</summary>
public sealed record EducatorParticipation
{
    public required int Applications { get; init; }
    /// <summary>Educators accepted into an externship or who completed one.</summary>
    public required int Educators { get; init; }
    public required int Completed { get; init; }
}
