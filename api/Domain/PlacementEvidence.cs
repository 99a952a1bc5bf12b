using System.Data.Common;
using Dapper;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Contracts.Placements;

namespace LaunchPath.Api.Domain;

/// <summary>
/// What a placement leaves behind, read as the wire shows it: hours entries, evaluations and reflections. The placement
/// areas write them; a student's records export reads them all. Callers check who may see the placement first.
/// </summary>
internal static class PlacementEvidence
{
    public const string HoursColumns = "id, placement_id, work_date, start_time, minutes, activity, status, reason, decided_at, version";

    private const string SelectHoursOfStudent = "SELECT " + HoursColumns + " FROM hours_entries WHERE student_id = @Id ORDER BY work_date, id";

    private const string SelectEvaluations =
        "SELECT id, placement_id, kind, rubric_name, ratings, average_level, comments, evaluator_name, submitted_at FROM evaluations WHERE placement_id = @Id " +
        "ORDER BY CASE kind WHEN 'midpoint' THEN 0 ELSE 1 END, submitted_at";

    private const string SelectReflections =
        "SELECT r.id, r.placement_id, r.text, r.rating, r.class_id, cl.title AS class_title, r.created_at FROM reflections r LEFT JOIN classes cl ON cl.id = r.class_id " +
        "WHERE r.placement_id = @Id ORDER BY r.created_at, r.id";

    public static IEnumerable<string> Statements => [SelectHoursOfStudent, SelectEvaluations, SelectReflections];

    /// <summary>All of a student's hours entries, oldest first (for a records export: no actions).</summary>
    public static async Task<List<HoursEntry>> HoursOfStudentAsync(DbConnection connection, Guid studentId, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<HoursRow>(new CommandDefinition(SelectHoursOfStudent, new { Id = studentId }, cancellationToken: cancellationToken)))
        .Select(r => r.ToContract([])).ToList();

    /// <summary>A placement's evaluations: midpoint first, then final.</summary>
    public static async Task<List<Evaluation>> EvaluationsAsync(DbConnection connection, Guid placementId, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<EvaluationRow>(new CommandDefinition(SelectEvaluations, new { Id = placementId }, cancellationToken: cancellationToken)))
        .Select(r => new Evaluation
        {
            Id = r.Id.ToString("D"), PlacementId = r.PlacementId.ToString("D"), Kind = DbEnum.Parse<EvaluationKind>(r.Kind), RubricName = r.RubricName,
            Ratings = DbJson.Read<List<CriterionRating>>(r.Ratings, []), AverageLevel = r.AverageLevel, Comments = r.Comments, EvaluatorName = r.EvaluatorName,
            SubmittedAt = r.SubmittedAt,
        }).ToList();

    /// <summary>A placement's reflections, oldest first, with the class each connects to.</summary>
    public static async Task<List<Reflection>> ReflectionsAsync(DbConnection connection, Guid placementId, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<ReflectionRow>(new CommandDefinition(SelectReflections, new { Id = placementId }, cancellationToken: cancellationToken)))
        .Select(r => new Reflection
        {
            Id = r.Id.ToString("D"), PlacementId = r.PlacementId.ToString("D"), Text = r.Text, Rating = r.Rating, ClassId = r.ClassId?.ToString("D"),
            ClassTitle = r.ClassTitle, CreatedAt = r.CreatedAt,
        })
        .ToList();

    /// <summary>An hours_entries row (selected with <see cref="HoursColumns"/>).</summary>
    internal sealed class HoursRow
    {
        public Guid Id { get; set; }
        public Guid PlacementId { get; set; }
        public DateOnly WorkDate { get; set; }
        public string StartTime { get; set; } = "";
        public int Minutes { get; set; }
        public string Activity { get; set; } = "";
        public string Status { get; set; } = "";
        public string? Reason { get; set; }
        public DateTimeOffset? DecidedAt { get; set; }
        public int Version { get; set; }

        public HoursEntry ToContract(IReadOnlyList<HoursAction> allowed) => new()
        {
            Id = Id.ToString("D"), PlacementId = PlacementId.ToString("D"), Date = WorkDate, Start = StartTime, Minutes = Minutes, Activity = Activity,
            Status = DbEnum.Parse<HoursStatus>(Status), Reason = Reason, Locked = Status == "approved", DecidedAt = DecidedAt, AllowedActions = allowed,
            Version = Version,
        };

        /// <summary>The entry as <paramref name="part"/> sees it; no actions without a part (a one-time link's view).</summary>
        public HoursEntry ToContract(PlacementRules.Part? part) => ToContract(part is null ? [] : PlacementRules.HoursActions(part, Status));
    }

    private sealed class EvaluationRow
    {
        public Guid Id { get; set; }
        public Guid PlacementId { get; set; }
        public string Kind { get; set; } = "";
        public string RubricName { get; set; } = "";
        public string Ratings { get; set; } = "[]";
        public double? AverageLevel { get; set; }
        public string? Comments { get; set; }
        public string EvaluatorName { get; set; } = "";
        public DateTimeOffset SubmittedAt { get; set; }
    }

    private sealed class ReflectionRow
    {
        public Guid Id { get; set; }
        public Guid PlacementId { get; set; }
        public string Text { get; set; } = "";
        public int? Rating { get; set; }
        public Guid? ClassId { get; set; }
        public string? ClassTitle { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
    }
}
