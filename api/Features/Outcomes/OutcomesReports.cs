using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CsvHelper;
using Dapper;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Opportunities;
using LaunchPath.Contracts.Organizations;
using LaunchPath.Contracts.Outcomes;
using LaunchPath.Contracts.People;
using Mediator;

namespace LaunchPath.Api.Features.Outcomes;

/// <summary>
/// GET /api/v1/outcomes?organizationId= — participation and outcomes for a region, district or school (OutcomesRead:
/// conveners, workforce analysts, district admins, coordinators). Only aggregates: subgroups appear as rates with
/// counts, and any group under 10 students is suppressed.
/// GET /api/v1/outcomes/calpads-wblr?districtId=&amp;academicYear=2026-2027 — a CALPADS WBLR-style CSV of completed
/// internships, student-led enterprises, simulated WBL and pre-apprenticeships (district staff with PeopleRead too).
/// </summary>
public static class OutcomesReports
{

    public sealed record Report(Caller Caller, Guid OrganizationId, DateOnly? From, DateOnly? To) : IRequest<Result<OutcomesReport>>;

    public sealed record Calpads(Caller Caller, Guid DistrictId, int StartYear) : IRequest<Result<string>>;

    /// <summary>Each active student enrolment in an active class of a course (students only), for participation by course.</summary>
    private const string SelectCourseEnrollments =
        "SELECT DISTINCT c.id AS course_id, c.title AS course_title, e.person_id AS student_id FROM enrollments e JOIN classes cl ON cl.id = e.class_id " +
        "JOIN courses c ON c.id = cl.course_id JOIN people p ON p.id = e.person_id WHERE e.status = 'active' AND cl.status = 'active' AND e.role = 'student' " +
        "AND p.kind = 'student' AND p.status = 'active' AND (p.region_id = @OrgId OR p.district_id = @OrgId OR p.school_id = @OrgId)";

    private const string SelectStudents =
        "SELECT p.id, p.school_id, s.name AS school_name, sp.grade, sp.cte_concentrator, sp.english_learner, sp.student_with_disability, " +
        "sp.socioeconomically_disadvantaged, sp.foster_youth, sp.race_ethnicity, sp.gender FROM people p JOIN student_profiles sp ON sp.person_id = p.id " +
        "JOIN organizations s ON s.id = p.school_id WHERE p.kind = 'student' AND p.status = 'active' " +
        "AND (p.region_id = @OrgId OR p.district_id = @OrgId OR p.school_id = @OrgId)";

    private const string SelectPlacements =
        "SELECT pl.id, pl.student_id, pl.employer_id, pl.stage, op.type, pl.career_cluster, pl.status FROM placements pl JOIN opportunities op ON op.id = pl.opportunity_id " +
        "WHERE pl.status IN ('approved', 'agreementPending', 'active', 'completed') AND (pl.region_id = @OrgId OR pl.district_id = @OrgId OR pl.school_id = @OrgId) " +
        "AND (@From IS NULL OR pl.created_at >= @FromTime) AND (@To IS NULL OR pl.created_at < @ToTime)";

    private const string SelectHours =
        "SELECT h.student_id, SUM(h.minutes) AS minutes FROM hours_entries h JOIN placements pl ON pl.id = h.placement_id WHERE h.status = 'approved' " +
        "AND (pl.region_id = @OrgId OR pl.district_id = @OrgId OR pl.school_id = @OrgId) AND (@From IS NULL OR h.work_date >= @From) " +
        "AND (@To IS NULL OR h.work_date <= @To) GROUP BY h.student_id";

    /// <summary>Each attendance of a student of the organization at a session held in the period.</summary>
    private const string SelectAttendances =
        "SELECT er.student_id, es.id AS session_id, op.employer_id, op.stage, es.starts_at, es.ends_at, er.rating FROM event_registrations er " +
        "JOIN event_sessions es ON es.id = er.session_id JOIN opportunities op ON op.id = es.opportunity_id JOIN people p ON p.id = er.student_id " +
        "WHERE er.attendance = 'present' AND es.status = 'scheduled' AND (p.region_id = @OrgId OR p.district_id = @OrgId OR p.school_id = @OrgId) " +
        "AND (@From IS NULL OR es.starts_at >= @FromTime) AND (@To IS NULL OR es.starts_at < @ToTime)";

    /// <summary>Educators' applications to teacher externships, from the organization's schools, made in the period.</summary>
    private const string SelectExternships =
        "SELECT a.user_id, a.status FROM externship_applications a JOIN organizations s ON s.id = a.school_id " +
        "WHERE (s.id = @OrgId OR s.district_id = @OrgId OR s.region_id = @OrgId) AND a.status <> 'withdrawn' " +
        "AND (@From IS NULL OR a.created_at >= @FromTime) AND (@To IS NULL OR a.created_at < @ToTime)";

    private const string SelectEvaluations =
        "SELECT e.placement_id, e.kind, e.average_level FROM evaluations e JOIN placements pl ON pl.id = e.placement_id " +
        "WHERE e.average_level IS NOT NULL AND (pl.region_id = @OrgId OR pl.district_id = @OrgId OR pl.school_id = @OrgId)";

    private const string CountPublished =
        "SELECT COUNT(*) FROM opportunities op WHERE op.status IN ('published', 'closed') AND (op.region_id = @OrgId OR op.region_id = @RegionId) " +
        "AND (@Narrow = 0 OR op.audience = 'region' OR EXISTS (SELECT 1 FROM opportunity_audiences a JOIN organizations ao ON ao.id = a.organization_id " +
        "WHERE a.opportunity_id = op.id AND (ao.id = @OrgId OR ao.district_id = @OrgId OR ao.id = @DistrictId)))";

    private const string SelectCalpads =
        "SELECT pl.id, d.identifier AS district_code, s.identifier AS school_code, p.identifier AS ssid, p.sourced_id, p.given_name, p.family_name, " +
        "sp.birth_date, sp.gender, sp.grade, op.type, pl.completed_at, " +
        "(SELECT SUM(h.minutes) FROM hours_entries h WHERE h.placement_id = pl.id AND h.status = 'approved') AS approved_minutes, co.course_code " +
        "FROM placements pl JOIN people p ON p.id = pl.student_id JOIN student_profiles sp ON sp.person_id = p.id JOIN organizations s ON s.id = pl.school_id " +
        "JOIN organizations d ON d.id = pl.district_id JOIN opportunities op ON op.id = pl.opportunity_id " +
        "LEFT JOIN classes cl ON cl.id = pl.class_id LEFT JOIN courses co ON co.id = cl.course_id " +
        "WHERE pl.district_id = @DistrictId AND pl.status = 'completed' AND pl.completed_at >= @Start AND pl.completed_at < @End ORDER BY s.identifier, p.family_name, pl.id";

    /// <summary>
    /// Reports are aggregates over a whole region, district or school (a second or more at region scale), so each node
    /// computes one per organization and period at most once a minute; every reader with the right to see it shares it.
    /// </summary>
    public sealed class ReportCache(TimeProvider clock)
    {
        public static readonly TimeSpan Freshness = TimeSpan.FromMinutes(1);

        internal FreshCache<(Guid, DateOnly?, DateOnly?), OutcomesReport> Reports { get; } = new(Freshness, clock);
    }

    public sealed class Handler(Db db, ReportCache cache) : IRequestHandler<Report, Result<OutcomesReport>>, IRequestHandler<Calpads, Result<string>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) =>
            [SelectStudents, SelectPlacements, SelectHours, SelectEvaluations, CountPublished, SelectCalpads, SelectCourseEnrollments, SelectAttendances, SelectExternships];

        public async ValueTask<Result<OutcomesReport>> Handle(Report query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var org = await Authorize.FindOrgAsync(connection, query.OrganizationId, cancellationToken);
            if (org is null || org.Ref.Type == OrganizationType.Employer)
            {
                return Error.NotFound($"Organization {query.OrganizationId}");
            }

            if (Authorize.Check(query.Caller, Permission.OutcomesRead, org.Ref, $"Organization {query.OrganizationId}") is { } denied)
            {
                return denied;
            }

            return await cache.Reports.GetAsync((query.OrganizationId, query.From, query.To), () => BuildAsync(query, org), cancellationToken);
        }

        private async Task<OutcomesReport> BuildAsync(Report query, Authorize.Org org)
        {
            var cancellationToken = CancellationToken.None; // shared by every request waiting for it
            await using var connection = await db.OpenAsync(cancellationToken);
            var parameters = new
            {
                OrgId = query.OrganizationId,
                query.From,
                query.To,
                FromTime = query.From is { } from ? new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : (DateTimeOffset?)null,
                ToTime = query.To is { } to ? new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : (DateTimeOffset?)null,
            };
            var students = (await connection.QueryAsync<StudentRow>(new CommandDefinition(SelectStudents, parameters, cancellationToken: cancellationToken))).ToList();
            var placements = (await connection.QueryAsync<PlacementRow>(new CommandDefinition(SelectPlacements, parameters, cancellationToken: cancellationToken))).ToList();
            var hours = (await connection.QueryAsync<HoursRow>(new CommandDefinition(SelectHours, parameters, cancellationToken: cancellationToken))).ToList();
            var externships = (await connection.QueryAsync<(Guid UserId, string Status)>(new CommandDefinition(SelectExternships, parameters, cancellationToken: cancellationToken))).ToList();
            var attendances = (await connection.QueryAsync<AttendanceRow>(new CommandDefinition(SelectAttendances, parameters, cancellationToken: cancellationToken))).ToList();
            var evaluations = (await connection.QueryAsync<EvaluationRow>(new CommandDefinition(SelectEvaluations, new { parameters.OrgId }, cancellationToken: cancellationToken))).ToList();
            var published = await connection.ExecuteScalarAsync<int>(new CommandDefinition(CountPublished, new
            {
                parameters.OrgId, org.Ref.RegionId, Narrow = org.Ref.Type == OrganizationType.Region ? 0 : 1, DistrictId = org.Ref.DistrictId,
            }, cancellationToken: cancellationToken));

            var enrolled = (await connection.QueryAsync<CourseEnrollmentRow>(new CommandDefinition(SelectCourseEnrollments, new { parameters.OrgId },
                cancellationToken: cancellationToken))).ToList();
            var participants = placements.Select(p => p.StudentId).ToHashSet();
            var all = Rate(students.Count, students.Count(s => participants.Contains(s.Id)));

            GroupParticipation Group(string name, IEnumerable<StudentRow> members, string? label = null) => GroupOf(participants, all, name, members, label);

            List<GroupParticipation> SubgroupsOf(HashSet<Guid> taking, double overall)
            {
                var list = Subgroups.Program.Select(g => GroupOf(taking, overall, g.Name, students.Where(s => g.In(s.Flags)))).ToList();
                list.AddRange(Enum.GetValues<RaceEthnicity>().Select(r => GroupOf(taking, overall, "race:" + DbEnum.ToText(r), students.Where(s => s.Races.Contains(r)))));
                list.AddRange(Enum.GetValues<Gender>().Select(g => GroupOf(taking, overall, "gender:" + DbEnum.ToText(g), students.Where(s => s.Gender == DbEnum.ToText(g)))));
                list.AddRange(students.Select(s => s.Grade).Distinct().Order()
                    .Select(g => GroupOf(taking, overall, g is null ? "grade:unknown" : $"grade:{g}", students.Where(s => s.Grade == g))));
                return list;
            }

            var subgroups = SubgroupsOf(participants, all);
            var attended = attendances.Select(a => a.StudentId).ToHashSet();
            var attendedRate = Rate(students.Count, students.Count(s => attended.Contains(s.Id)));

            var midpoint = evaluations.Where(e => e.Kind == "midpoint").ToDictionary(e => e.PlacementId, e => e.AverageLevel);
            var final = evaluations.Where(e => e.Kind == "final").ToDictionary(e => e.PlacementId, e => e.AverageLevel);
            var gains = final.Where(f => midpoint.ContainsKey(f.Key)).Select(f => f.Value - midpoint[f.Key]).ToList();

            var concentrators = students.Where(s => s.Grade == 12 && s.CteConcentrator).ToList();
            // A set, not a scan of every placement per concentrator (that grew with concentrators × placements: seconds at region scale).
            var takingPart = placements.Where(p => p.Status is "completed" or "active").Select(p => p.StudentId).ToHashSet();
            var withWbl = concentrators.Count(s => takingPart.Contains(s.Id));

            return new OutcomesReport
            {
                OrganizationId = query.OrganizationId.ToString("D"),
                From = query.From,
                To = query.To,
                Students = students.Count,
                Participants = students.Count(s => participants.Contains(s.Id)),
                ParticipationRate = all,
                ByStage = Breakdowns(placements, p => p.Stage),
                ByType = Breakdowns(placements, p => p.Type),
                ByCluster = Breakdowns(placements, p => p.CareerCluster),
                BySchool = students.GroupBy(s => (s.SchoolId, s.SchoolName)).OrderBy(g => g.Key.SchoolName)
                    .Select(g => Group(g.Key.SchoolId.ToString("D"), g, g.Key.SchoolName)).ToList(),
                BySubgroup = subgroups,
                // Linked Learning: how many of a course's students take part in work-based learning (small courses suppressed).
                ByCourse = enrolled.GroupBy(e => (e.CourseId, e.CourseTitle)).OrderBy(g => g.Key.CourseTitle)
                    .Select(g =>
                    {
                        var ids = g.Select(e => e.StudentId).ToHashSet();
                        return Group(g.Key.CourseId.ToString("D"), students.Where(st => ids.Contains(st.Id)), g.Key.CourseTitle);
                    }).ToList(),
                Hours = new HoursOutcome { ApprovedMinutes = hours.Sum(h => h.Minutes), StudentsWithHours = hours.Count },
                SkillGains = new SkillGains
                {
                    EvaluatedPlacements = midpoint.Keys.Union(final.Keys).Count(),
                    AverageMidpoint = midpoint.Count == 0 ? null : Math.Round(midpoint.Values.Average(), 2),
                    AverageFinal = final.Count == 0 ? null : Math.Round(final.Values.Average(), 2),
                    AverageGain = gains.Count == 0 ? null : Math.Round(gains.Average(), 2),
                },
                Employers = new EmployerEngagement { EmployersWithPlacements = placements.Select(p => p.EmployerId).Distinct().Count(), OpportunitiesPublished = published },
                Perkins5S3 = Subgroups.Suppressed(concentrators.Count)
                    ? new Perkins5S3 { Concentrators = concentrators.Count, Suppressed = true }
                    : new Perkins5S3 { Concentrators = concentrators.Count, Suppressed = false, WithWorkBasedLearning = withWbl, Rate = Rate(concentrators.Count, withWbl) },
                Events = new EventOutcomes
                {
                    Sessions = attendances.Select(a => a.SessionId).Distinct().Count(),
                    Attendances = attendances.Count,
                    StudentsAttended = students.Count(s => attended.Contains(s.Id)),
                    ParticipationRate = attendedRate,
                    ExposureMinutes = (int)attendances.Sum(a => Math.Max(0, (a.EndsAt - a.StartsAt).TotalMinutes)),
                    ByStage = attendances.GroupBy(a => a.Stage).OrderBy(g => g.Key, StringComparer.Ordinal)
                        .Select(g => new Breakdown { Key = g.Key, Placements = g.Count(), Students = g.Select(a => a.StudentId).Distinct().Count() }).ToList(),
                    BySchool = students.GroupBy(s => (s.SchoolId, s.SchoolName)).OrderBy(g => g.Key.SchoolName)
                        .Select(g => GroupOf(attended, attendedRate, g.Key.SchoolId.ToString("D"), g, g.Key.SchoolName)).ToList(),
                    BySubgroup = SubgroupsOf(attended, attendedRate),
                    EmployersHosting = attendances.Select(a => a.EmployerId).Distinct().Count(),
                    Ratings = attendances.Count(a => a.Rating is not null),
                    AverageRating = attendances.Any(a => a.Rating is not null) ? Math.Round(attendances.Where(a => a.Rating is not null).Average(a => a.Rating!.Value), 2) : null,
                },
                Educators = new EducatorParticipation
                {
                    Applications = externships.Count,
                    Educators = externships.Where(e => e.Status is "accepted" or "completed").Select(e => e.UserId).Distinct().Count(),
                    Completed = externships.Count(e => e.Status == "completed"),
                },
            };
        }

        /// <summary>One group's participation against everyone's; a group under 10 students shows its size only.</summary>
        private static GroupParticipation GroupOf(HashSet<Guid> taking, double overall, string name, IEnumerable<StudentRow> members, string? label = null)
        {
            var list = members.ToList();
            if (Subgroups.Suppressed(list.Count))
            {
                return new GroupParticipation { Group = name, Name = label, Students = list.Count, Suppressed = true };
            }

            var count = list.Count(s => taking.Contains(s.Id));
            var rate = Rate(list.Count, count);
            return new GroupParticipation { Group = name, Name = label, Students = list.Count, Suppressed = false, Participants = count, Rate = rate, GapToAll = Math.Round(rate - overall, 3) };
        }

        public async ValueTask<Result<string>> Handle(Calpads query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var district = await Authorize.FindOrgAsync(connection, query.DistrictId, cancellationToken);
            if (district is null || district.Ref.Type != OrganizationType.District)
            {
                return Error.NotFound($"District {query.DistrictId}");
            }

            var held = query.Caller.PermissionsAt(district.Ref);
            if (!held.Contains(Permission.OutcomesRead) || !held.Contains(Permission.PeopleRead))
            {
                return Authorize.CanSee(query.Caller, district.Ref) ? Error.Forbidden("The CALPADS export is for district staff.") : Error.NotFound($"District {query.DistrictId}");
            }

            var start = new DateTimeOffset(query.StartYear, 7, 1, 0, 0, 0, TimeSpan.Zero);
            var rows = await connection.QueryAsync<CalpadsRow>(new CommandDefinition(SelectCalpads, new { query.DistrictId, Start = start, End = start.AddYears(1) }, cancellationToken: cancellationToken));
            var year = $"{query.StartYear}-{query.StartYear + 1}";
            using var writer = new StringWriter(CultureInfo.InvariantCulture);
            using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
            {
                foreach (var header in new[]
                         {
                             "RecordTypeCode", "TransactionTypeCode", "LocalRecordID", "ReportingLEA", "SchoolofAttendance", "AcademicYearID", "SSID", "LocalStudentID",
                             "StudentLegalFirstName", "StudentLegalLastName", "StudentBirthDate", "StudentGenderCode", "WBLTypeCode", "InternshipID", "WBLHoursExternal",
                             "StateCourseCodeEmbeddedWBL",
                         })
                {
                    csv.WriteField(header);
                }

                csv.NextRecord();
                foreach (var row in rows.Where(r => r.Grade is >= 9 and <= 12))
                {
                    var code = WblTypeCode(DbEnum.Parse<OpportunityType>(row.Type));
                    if (code is null)
                    {
                        continue; // job shadows, tours and the like are not reported in WBLR
                    }

                    csv.WriteField("WBLR");
                    csv.WriteField("");
                    csv.WriteField(row.Id.ToString("N")[..15]);
                    csv.WriteField(row.DistrictCode ?? "");
                    csv.WriteField(row.SchoolCode ?? "");
                    csv.WriteField(year);
                    csv.WriteField(row.Ssid ?? "");
                    csv.WriteField(row.SourcedId ?? "");
                    csv.WriteField(row.GivenName);
                    csv.WriteField(row.FamilyName);
                    csv.WriteField(row.BirthDate?.ToString("yyyyMMdd", CultureInfo.InvariantCulture) ?? "");
                    csv.WriteField(row.Gender switch { "female" => "F", "male" => "M", "nonBinary" => "X", _ => "" });
                    csv.WriteField(code);
                    csv.WriteField(code == "10" ? InternshipId(row.Id, row.SchoolCode, year) : "");
                    csv.WriteField(code is "10" or "15" or "20" ? ((row.ApprovedMinutes ?? 0) / 60).ToString(CultureInfo.InvariantCulture) : "");
                    // The course the placement is connected to (its class's course code from the SIS): CALPADS asks for it for 10, 15 and 20.
                    csv.WriteField(code is "10" or "15" or "20" ? row.CourseCode ?? "" : "");
                    csv.NextRecord();
                }
            }

            return writer.ToString();
        }
    }

    /// <summary>CALPADS WBL Type Codes: 10 internship, 15 student-led enterprise, 20 simulated WBL, 25 registered pre-apprenticeship.</summary>
    public static string? WblTypeCode(OpportunityType type) => type switch
    {
        OpportunityType.PaidInternship or OpportunityType.UnpaidInternship or OpportunityType.NonPaidInternship => "10",
        OpportunityType.SchoolBasedEnterprise or OpportunityType.Entrepreneurship => "15",
        OpportunityType.SimulatedWorksite => "20",
        OpportunityType.PreApprenticeship => "25",
        _ => null,
    };

    /// <summary>Unique per school and year, 10 characters.</summary>
    private static string InternshipId(Guid placement, string? school, string year) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{school}|{year}|{placement:N}")))[..10];

    private static double Rate(int total, int count) => total == 0 ? 0 : Math.Round((double)count / total, 3);

    private static List<Breakdown> Breakdowns(List<PlacementRow> placements, Func<PlacementRow, string> key) =>
        placements.GroupBy(key).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new Breakdown { Key = g.Key, Placements = g.Count(), Students = g.Select(p => p.StudentId).Distinct().Count() }).ToList();

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/outcomes").WithTags("Outcomes");
        group.MapGet("/", async Task<Answer<Ok<OutcomesReport>, Fails.Invalid, Fails.Forbidden, Fails.NotFound>> (Guid organizationId, DateOnly? from, DateOnly? to, Caller caller, IMediator mediator, CancellationToken ct) =>
            {
                if (from is not null && to is not null && to < from)
                {
                    return Error.Invalid(new Dictionary<string, string[]> { ["to"] = ["to must be on or after from."] });
                }

                return (await mediator.Send(new Report(caller, organizationId, from, to), ct)).Match(report => TypedResults.Ok(report));
            })
            .WithName("getOutcomes")
            .WithSummary("Participation and outcomes for a region, district or school (aggregates; cells under 10 suppressed)");
        group.MapGet("/calpads-wblr", async Task<Answer<CsvFile, Fails.Invalid, Fails.Forbidden, Fails.NotFound>> (Guid districtId, string academicYear, Caller caller, IMediator mediator, CancellationToken ct) =>
            {
                if (academicYear.Length != 9 || academicYear[4] != '-' || !int.TryParse(academicYear[..4], out var startYear)
                    || !int.TryParse(academicYear[5..], out var endYear) || endYear != startYear + 1)
                {
                    return Error.Invalid(new Dictionary<string, string[]> { ["academicYear"] = ["Use the form 2026-2027."] });
                }

                return (await mediator.Send(new Calpads(caller, districtId, startYear), ct))
                    .Match(csv => new CsvFile(csv, $"wblr-{academicYear}.csv"));
            })
            .WithName("exportCalpadsWblr")
            .WithSummary("CALPADS WBLR-style CSV of the district's completed WBL for an academic year");
    }

    private sealed class CourseEnrollmentRow
    {
        public Guid CourseId { get; set; }
        public string CourseTitle { get; set; } = "";
        public Guid StudentId { get; set; }
    }

    private sealed class StudentRow
    {
        public Guid Id { get; set; }
        public Guid SchoolId { get; set; }
        public string SchoolName { get; set; } = "";
        public int? Grade { get; set; }
        public bool CteConcentrator { get; set; }
        public bool EnglishLearner { get; set; }
        public bool StudentWithDisability { get; set; }
        public bool SocioeconomicallyDisadvantaged { get; set; }
        public bool FosterYouth { get; set; }

        public Subgroups.Flags Flags => new(EnglishLearner, StudentWithDisability, SocioeconomicallyDisadvantaged, FosterYouth);
        public string RaceEthnicity { get; set; } = "[]";
        public string? Gender { get; set; }

        private List<RaceEthnicity>? _races;

        public List<RaceEthnicity> Races => _races ??= DbJson.Read<List<RaceEthnicity>>(RaceEthnicity, []);
    }

    private sealed class PlacementRow
    {
        public Guid Id { get; set; }
        public Guid StudentId { get; set; }
        public Guid EmployerId { get; set; }
        public string Stage { get; set; } = "";
        public string Type { get; set; } = "";
        public string CareerCluster { get; set; } = "";
        public string Status { get; set; } = "";
    }

    private sealed class HoursRow
    {
        public Guid StudentId { get; set; }
        public int Minutes { get; set; }
    }

    private sealed class AttendanceRow
    {
        public Guid StudentId { get; set; }
        public Guid SessionId { get; set; }
        public Guid EmployerId { get; set; }
        public string Stage { get; set; } = "";
        public DateTimeOffset StartsAt { get; set; }
        public DateTimeOffset EndsAt { get; set; }
        public int? Rating { get; set; }
    }

    private sealed class EvaluationRow
    {
        public Guid PlacementId { get; set; }
        public string Kind { get; set; } = "";
        public double AverageLevel { get; set; }
    }

    private sealed class CalpadsRow
    {
        public Guid Id { get; set; }
        public string? DistrictCode { get; set; }
        public string? SchoolCode { get; set; }
        public string? Ssid { get; set; }
        public string? SourcedId { get; set; }
        public string GivenName { get; set; } = "";
        public string FamilyName { get; set; } = "";
        public DateOnly? BirthDate { get; set; }
        public string? Gender { get; set; }
        public int? Grade { get; set; }
        public string Type { get; set; } = "";
        public DateTimeOffset? CompletedAt { get; set; }
        public int? ApprovedMinutes { get; set; }
        public string? CourseCode { get; set; }
    }
}
