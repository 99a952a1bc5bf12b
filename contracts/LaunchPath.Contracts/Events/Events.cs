namespace LaunchPath.Contracts.Events;

/// <summary>Where a student stands in a session: a seat, a place on the waiting list, or cancelled.</summary>
public enum RegistrationStatus
{
    Registered,
    Waitlisted,
    Cancelled,
}

/// <summary>What the host or the teacher recorded, or the student's own check-in.</summary>
public enum Attendance
{
    Present,
    Absent,
}

/// <summary>A guardian's permission for a trip off campus (students under 18 only).</summary>
public enum TripPermission
{
    Pending,
    Granted,
    Refused,
}

/// <summary>What became of one student in a registration request.</summary>
public enum RegistrationOutcome
{
    Registered,
    Waitlisted,
    AlreadyRegistered,
    AlreadyWaitlisted,
    Refused,
}

/// <summary>
/// One session of an event (a guest speaker, a career fair, a worksite tour, an informational interview): when, where
/// or the virtual link, and how many it seats.
/// </summary>
public sealed record EventSession
{
    public required string Id { get; init; }
    public required string OpportunityId { get; init; }
    public required string OpportunityTitle { get; init; }
    public required DateTimeOffset StartsAt { get; init; }
    public required DateTimeOffset EndsAt { get; init; }
    /// <summary>Where it happens (a room, a worksite), if not only virtual.</summary>
    public string? Location { get; init; }
    /// <summary>The link to join a virtual session.</summary>
    public string? VirtualUrl { get; init; }
    public required int Capacity { get; init; }
    public required int Registered { get; init; }
    public required int Waitlisted { get; init; }
    /// <summary>The session leaves campus: each student under 18 needs a guardian's permission to attend.</summary>
    public required bool OffCampus { get; init; }
    /// <summary>False once the host cancelled it.</summary>
    public required bool Cancelled { get; init; }
    /// <summary>The code students type (or scan) to check in; only the host and curators see it.</summary>
    public string? CheckInCode { get; init; }
    /// <summary>The signed-in student's own registration, if any.</summary>
    public RegistrationStatus? MyStatus { get; init; }
    /// <summary>Whether the caller may take attendance and cancel the session (the host or a curator).</summary>
    public required bool CanManage { get; init; }
    /// <summary>Whether the signed-in student was marked present (what lets them rate it).</summary>
    public bool? IAttended { get; init; }
    /// <summary>The caller's own rating (a student who attended, or the host), once given.</summary>
    public int? MyRating { get; init; }
    /// <summary>Students' ratings (1–5): how many, and their average; for those who manage it and school staff.</summary>
    public int? Ratings { get; init; }
    public double? AverageRating { get; init; }
}

/// <summary>After the event: a rating from 1 (poor) to 5 (excellent), and for a student a short reflection.</summary>
public sealed record EventFeedbackRequest
{
    public required int Rating { get; init; }
    /// <summary>What they learned or want to explore next (students); a note on the session (hosts).</summary>
    public string? Reflection { get; init; }
}

/// <summary>A session to schedule.</summary>
public sealed record CreateEventSessionRequest
{
    public required DateTimeOffset StartsAt { get; init; }
    public required DateTimeOffset EndsAt { get; init; }
    public string? Location { get; init; }
    public string? VirtualUrl { get; init; }
    public required int Capacity { get; init; }
    /// <summary>Whether students leave campus for it (default: a worksite tour or career fair with a place does).</summary>
    public bool? OffCampus { get; init; }
}

/// <summary>Students to register: listed, or a whole class (its active students), or both.</summary>
public sealed record RegisterForSessionRequest
{
    public IReadOnlyList<string> StudentIds { get; init; } = [];
    public string? ClassId { get; init; }
}

/// <summary>What became of one student.</summary>
public sealed record RegistrationResult
{
    public required string StudentId { get; init; }
    public required RegistrationOutcome Outcome { get; init; }
    /// <summary>Why the student was refused, in words.</summary>
    public string? Reason { get; init; }
}

/// <summary>A student in a session's roster.</summary>
public sealed record EventRegistration
{
    public required string StudentId { get; init; }
    public required string Name { get; init; }
    public required string SchoolName { get; init; }
    public int? Grade { get; init; }
    public required RegistrationStatus Status { get; init; }
    public Attendance? Attendance { get; init; }
    /// <summary>When the student checked in with the session's code themself.</summary>
    public DateTimeOffset? CheckedInAt { get; init; }
    /// <summary>For a session off campus: a guardian's permission for a student under 18 (absent when none is needed).</summary>
    public TripPermission? Permission { get; init; }
    /// <summary>The student's rating and reflection: for the student and their school's staff, never the host.</summary>
    public int? Rating { get; init; }
    public string? Reflection { get; init; }
    public required DateTimeOffset RegisteredAt { get; init; }
}

/// <summary>Attendance as taken from the roster: who was there and who was not (students not named are left as they are).</summary>
public sealed record RecordAttendanceRequest
{
    public IReadOnlyList<string> Present { get; init; } = [];
    public IReadOnlyList<string> Absent { get; init; } = [];
}

/// <summary>A student checks in with the code shown at the event.</summary>
public sealed record CheckInRequest
{
    public required string Code { get; init; }
}

/// <summary>A session a student took part in, or holds a place in: what their progress along the continuum lists.</summary>
public sealed record StudentEvent
{
    public required string SessionId { get; init; }
    public required string OpportunityId { get; init; }
    public required string OpportunityTitle { get; init; }
    public required string EmployerName { get; init; }
    public required LaunchPath.Contracts.Opportunities.OpportunityType Type { get; init; }
    public required LaunchPath.Contracts.Opportunities.ContinuumStage Stage { get; init; }
    public required LaunchPath.Contracts.Common.CareerCluster CareerCluster { get; init; }
    public required DateTimeOffset StartsAt { get; init; }
    public required DateTimeOffset EndsAt { get; init; }
    public required RegistrationStatus Status { get; init; }
    /// <summary>Present once recorded (or checked in); what counts as taking part.</summary>
    public Attendance? Attendance { get; init; }
    public required bool SessionCancelled { get; init; }
}

public enum ExternshipStatus
{
    Applied,
    Accepted,
    Declined,
    Withdrawn,
    Completed,
}

/// <summary>An educator asks for a teacher externship.</summary>
public sealed record ExternshipApplicationRequest
{
    /// <summary>The school they teach or counsel at (the first of theirs when left out).</summary>
    public string? SchoolId { get; init; }
    /// <summary>Why, and what they will bring back to the classroom.</summary>
    public string? Note { get; init; }
}

/// <summary>An educator's application to a teacher externship.</summary>
public sealed record ExternshipApplication
{
    public required string OpportunityId { get; init; }
    public required string OpportunityTitle { get; init; }
    public required string UserId { get; init; }
    public required string Name { get; init; }
    public required string SchoolName { get; init; }
    public string? Note { get; init; }
    public required ExternshipStatus Status { get; init; }
    public required DateTimeOffset AppliedAt { get; init; }
}

/// <summary>The employer's decision: accepted or declined, then completed.</summary>
public sealed record DecideExternshipRequest
{
    public required ExternshipStatus Status { get; init; }
}

/// <summary>What a guardian's permission link shows: the trip, for their child.</summary>
public sealed record TripPermissionView
{
    public required string StudentFirstName { get; init; }
    public required string OpportunityTitle { get; init; }
    public required string EmployerName { get; init; }
    public required DateTimeOffset StartsAt { get; init; }
    public required DateTimeOffset EndsAt { get; init; }
    public string? Location { get; init; }
    /// <summary>What was decided (by this guardian, another or the school), if anything.</summary>
    public TripPermission? Decision { get; init; }
}

/// <summary>A guardian's answer, signed with their name.</summary>
public sealed record TripPermissionAnswer
{
    public required bool Granted { get; init; }
    public required string GuardianName { get; init; }
}

/// <summary>School staff record a guardian's answer given on paper.</summary>
public sealed record RecordTripPermissionRequest
{
    public required bool Granted { get; init; }
    /// <summary>Who gave it ("Rosa Reyes, signed form").</summary>
    public required string GivenBy { get; init; }
}
