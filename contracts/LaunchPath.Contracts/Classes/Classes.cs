using LaunchPath.Contracts.Opportunities;

namespace LaunchPath.Contracts.Classes;

/// <summary>A class (a section of a course at a school) from the district's SIS roster.</summary>
public sealed record ClassSummary
{
    public required string Id { get; init; }
    public required string SourcedId { get; init; }
    public required string Title { get; init; }
    public string? ClassCode { get; init; }
    public required string SchoolId { get; init; }
    public required string SchoolName { get; init; }
    public string? CourseTitle { get; init; }
    public string? CourseCode { get; init; }
    /// <summary>The class's teachers, as the roster names them.</summary>
    public required IReadOnlyList<string> Teachers { get; init; }
    /// <summary>Active students enrolled.</summary>
    public required int Students { get; init; }
    /// <summary>False once the SIS ended the class.</summary>
    public required bool Active { get; init; }
}

/// <summary>A student of a class and their work-based learning so far.</summary>
public sealed record ClassStudent
{
    public required string StudentId { get; init; }
    public required string Name { get; init; }
    /// <summary>Absent when the grade is unknown.</summary>
    public int? Grade { get; init; }
    public required int ActivePlacements { get; init; }
    public required int CompletedPlacements { get; init; }
    /// <summary>Approved work-based learning hours, in minutes.</summary>
    public required int ApprovedMinutes { get; init; }
    /// <summary>The furthest stage of the continuum the student has completed, if any.</summary>
    public ContinuumStage? LatestStage { get; init; }
}

/// <summary>A class with its students' work-based learning: what a teacher connects the classroom to.</summary>
public sealed record ClassRoster
{
    public required ClassSummary Class { get; init; }
    public required IReadOnlyList<ClassStudent> Students { get; init; }
}
