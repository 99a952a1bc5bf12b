using System.Data.Common;
using Dapper;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Matching;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Common;
using LaunchPath.Contracts.Matching;
using LaunchPath.Contracts.Opportunities;
using LaunchPath.Contracts.People;

namespace LaunchPath.Api.Domain;

/// <summary>Loads what the matching engine needs from the database: student facts, opportunity facts, seats left, settings.</summary>
internal static class MatchingFacts
{
    /// <summary>Placements that hold a seat.</summary>
    public const string Holding = "('approved', 'agreementPending', 'active')";

    /// <summary>
    /// The furthest stage each student completed per career cluster: a completed placement, or an event they attended
    /// (a guest speaker, a tour: what sequencing counts as awareness or exploration done).
    /// </summary>
    private const string SelectCompleted =
        "SELECT student_id, career_cluster, MAX(stage_order) AS stage_order FROM (" +
        "SELECT student_id, career_cluster, stage_order FROM placements WHERE student_id IN (SELECT value FROM json_each(@Ids)) AND status = 'completed' " +
        "UNION ALL SELECT er.student_id, op.career_cluster, " +
        "CASE op.stage WHEN 'awareness' THEN 0 WHEN 'exploration' THEN 1 WHEN 'preparation' THEN 2 ELSE 3 END AS stage_order " +
        "FROM event_registrations er JOIN event_sessions es ON es.id = er.session_id JOIN opportunities op ON op.id = es.opportunity_id " +
        "WHERE er.student_id IN (SELECT value FROM json_each(@Ids)) AND er.attendance = 'present') done " +
        "GROUP BY student_id, career_cluster";

    private const string SelectTaken = "SELECT opportunity_id, COUNT(*) AS taken FROM placements WHERE opportunity_id IN (SELECT value FROM json_each(@Ids)) AND status IN " + Holding + " GROUP BY opportunity_id";

    private const string SelectSettings = "SELECT region_id, weights, max_choices, version FROM matching_settings WHERE region_id = @RegionId";

    /// <summary>Published opportunities a student may take: in the student's region, for the whole region or for the student's district or school.</summary>
    public static readonly string SelectForStudent =
        $"SELECT {OpportunityRecord.Columns} FROM {OpportunityRecord.From} WHERE op.status = 'published' AND op.region_id = @RegionId " +
        "AND (op.audience = 'region' OR EXISTS (SELECT 1 FROM opportunity_audiences a WHERE a.opportunity_id = op.id AND a.organization_id IN (@SchoolId, @DistrictId)))";

    public static IEnumerable<string> Statements => [SelectCompleted, SelectTaken, SelectSettings, SelectForStudent];

    public const int DefaultMaxChoices = 5;

    public static async Task<MatchingSettings> SettingsAsync(DbConnection connection, Guid regionId, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<SettingsRow>(new CommandDefinition(SelectSettings, new { RegionId = regionId }, cancellationToken: cancellationToken));
        return new MatchingSettings
        {
            RegionId = regionId.ToString("D"),
            Weights = row is null ? new MatchingWeights() : DbJson.Read(row.Weights, new MatchingWeights()),
            MaxChoices = row?.MaxChoices ?? DefaultMaxChoices,
            Version = row?.Version ?? 0,
        };
    }

    public static async Task<Dictionary<Guid, StudentFacts>> StudentsAsync(DbConnection connection, IReadOnlyList<StudentRecord> students, DateOnly today, CancellationToken cancellationToken)
    {
        var completed = (await connection.QueryAsync<CompletedRow>(new CommandDefinition(SelectCompleted, new { Ids = DbIds.Of(students.Select(s => s.Id)) }, cancellationToken: cancellationToken)))
            .ToLookup(r => r.StudentId);
        return students.ToDictionary(s => s.Id, s => Student(s, completed[s.Id], today));
    }

    private static StudentFacts Student(StudentRecord s, IEnumerable<CompletedRow> completed, DateOnly today)
    {
        var preferences = s.Preferences;
        return new StudentFacts
        {
            Grade = s.Grade,
            Age = s.BirthDate is { } birth ? StudentRecord.AgeOn(birth, today) : null,
            Interests = preferences.CareerInterests.ToHashSet(),
            Pathway = s.Pathway,
            Completed = completed.ToDictionary(c => DbEnum.Parse<CareerCluster>(c.CareerCluster), c => (ContinuumStage)c.StageOrder),
            Availability = WeekMask.From(preferences.Availability),
            Home = s.HomeLatitude is { } lat && s.HomeLongitude is { } lon ? new GeoPoint { Latitude = lat, Longitude = lon } : null,
            Transportation = preferences.Transportation,
            MaxTravelMinutes = preferences.MaxTravelMinutes,
            PrefersPaid = preferences.PrefersPaid,
            WantsCredit = preferences.WantsCredit,
        };
    }

    /// <summary>
    /// Seats left on each opportunity: its seats less the placements holding one, never below zero (the one seats rule:
    /// applications, rounds and recommendations all read it).
    /// </summary>
    public static async Task<Dictionary<Guid, int>> SeatsLeftAsync(DbConnection connection, IReadOnlyCollection<(Guid Id, int Seats)> opportunities, CancellationToken cancellationToken)
    {
        if (opportunities.Count == 0)
        {
            return [];
        }

        var rows = await connection.QueryAsync<TakenRow>(new CommandDefinition(SelectTaken, new { Ids = DbIds.Of(opportunities.Select(o => o.Id)) }, cancellationToken: cancellationToken));
        var taken = rows.ToDictionary(r => r.OpportunityId, r => r.Taken);
        return opportunities.ToDictionary(o => o.Id, o => Math.Max(0, o.Seats - taken.GetValueOrDefault(o.Id)));
    }

    public static OpportunityFacts Opportunity(Opportunity o, int seatsLeft) => new()
    {
        Stage = o.Fields.Stage,
        Cluster = o.Fields.CareerCluster,
        Pathway = o.Fields.Pathway,
        MinGrade = o.Fields.MinGrade,
        MinAge = o.Fields.MinAge,
        Prerequisite = o.Fields.PrerequisiteStage,
        Hazardous = o.Fields.Hazardous,
        Modality = o.Fields.Modality,
        Location = o.Fields.Location,
        Schedule = WeekMask.From(o.Fields.Schedule),
        Compensation = o.Fields.Compensation,
        CreditOffered = o.Fields.CreditOffered,
        Seats = o.Fields.Seats,
        SeatsLeft = seatsLeft,
        EndDate = o.Fields.EndDate,
    };

    public static RecommendationReason ToContract(Reason reason) => new()
    {
        Code = DbEnum.ToText(reason.Code),
        Weight = reason.Weight,
        Detail = reason.Detail,
        Value = reason.Value,
        Limit = reason.Limit,
        Term = reason.Term,
    };

    private sealed class SettingsRow
    {
        public Guid RegionId { get; set; }
        public string Weights { get; set; } = "";
        public int MaxChoices { get; set; }
        public int Version { get; set; }
    }

    private sealed class CompletedRow
    {
        public Guid StudentId { get; set; }
        public string CareerCluster { get; set; } = "";
        public int StageOrder { get; set; }
    }

    private sealed class TakenRow
    {
        public Guid OpportunityId { get; set; }
        public int Taken { get; set; }
    }
}
