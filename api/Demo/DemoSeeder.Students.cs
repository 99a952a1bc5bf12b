using Dapper;
using LaunchPath.Api.Features.Opportunities;
using LaunchPath.Api.Features.Organizations;
using LaunchPath.Api.Features.People;
using LaunchPath.Api.Features.Roster;
using LaunchPath.Api.Features.Users;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Common;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Opportunities;
using LaunchPath.Contracts.Organizations;
using LaunchPath.Contracts.People;
using LaunchPath.Contracts.Roster;
using Mediator;

namespace LaunchPath.Api.Demo;

/// <summary>Demo students: 500 per school (2,000), imported through the roster path a SIS uses, with guardians, demographics and a pathway seminar per school.</summary>
public sealed partial class DemoSeeder
{
    /// <summary>
    /// How much demo data: the defaults are the demo; the benchmarks' region-scale data set raises them
    /// (Demo:StudentsPerSchool, Demo:Opportunities, Demo:Placements).
    /// </summary>
    internal sealed record DemoScale(int StudentsPerSchool = 500, int Opportunities = 300, int Placements = 400)
    {
        public static DemoScale From(IConfiguration configuration) => new(
            configuration.GetValue("Demo:StudentsPerSchool", 500), configuration.GetValue("Demo:Opportunities", 300), configuration.GetValue("Demo:Placements", 400));
    }

    private static readonly string[] GivenNames =
    [
        "Maya", "Leo", "Ivy", "Mateo", "Aaliyah", "Noah", "Sofia", "Elijah", "Mia", "Liam", "Amara", "Kai", "Zoe", "Diego", "Priya", "Ethan", "Lucia",
        "Jamal", "Hana", "Caleb", "Nia", "Arjun", "Chloe", "Mason", "Layla", "Ezra", "Valeria", "Omar", "Grace", "Tenzin", "Isabella", "Kenji", "Rosa",
        "Malik", "Ava", "Santiago", "Leilani", "Yusuf", "Emma", "Bao",
    ];

    private static readonly string[] FamilyNames =
    [
        "Reyes", "Park", "Chen", "Nguyen", "Johnson", "Garcia", "Patel", "Williams", "Kim", "Martinez", "Okafor", "Singh", "Brown", "Lopez", "Tran",
        "Davis", "Hernandez", "Ali", "Wilson", "Sato", "Rivera", "Khan", "Thompson", "Morales", "Yazzie", "Cohen", "Ramirez", "Adeyemi", "Flores", "Lee",
    ];

    private static async Task<List<Guid>> SeedStudentsAsync(IServiceProvider services, string regionId, DemoScale scale, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<Db>();
        var clock = services.GetRequiredService<TimeProvider>();
        var random = new Random(42);
        var schoolIds = new List<Guid>();
        await using var connection = await db.OpenAsync(cancellationToken);
        var districts = (await connection.QueryAsync<IdAndSourcedId>(
            "SELECT id, sourced_id FROM organizations WHERE type = 'district' AND region_id = @Region ORDER BY sourced_id", new { Region = Guid.Parse(regionId) }))
            .Select(r => (Id: r.Id.ToString("D"), r.SourcedId)).ToList();
        var clusters = Enum.GetValues<CareerCluster>();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        foreach (var (districtId, districtSourcedId) in districts)
        {
            var schools = (await connection.QueryAsync<IdAndSourcedId>(
                "SELECT id, sourced_id FROM organizations WHERE parent_id = @District ORDER BY sourced_id", new { District = Guid.Parse(districtId) }))
                .Select(r => (Id: r.Id.ToString("D"), r.SourcedId)).ToList();
            var users = new List<OneRosterUser>();
            var roles = new List<OneRosterRole>();
            var demographics = new List<OneRosterDemographics>();
            foreach (var (schoolId, schoolSourcedId) in schools)
            {
                schoolIds.Add(Guid.Parse(schoolId));
                var middle = schoolSourcedId.EndsWith("-2", StringComparison.Ordinal) && districtSourcedId.EndsWith("-2", StringComparison.Ordinal);
                for (var i = 0; i < scale.StudentsPerSchool; i++)
                {
                    var id = $"{schoolSourcedId}-s{i:000}";
                    var grade = middle ? 6 + random.Next(3) : 9 + random.Next(4);
                    var family = FamilyNames[random.Next(FamilyNames.Length)];
                    var guardianId = $"{id}-g";
                    users.Add(new OneRosterUser
                    {
                        SourcedId = id, GivenName = GivenNames[random.Next(GivenNames.Length)], FamilyName = family, Grades = [grade.ToString("00")],
                        Identifier = $"90{random.Next(10_000_000, 99_999_999)}", Email = $"{id}@students.demo.launchpath.test", AgentSourcedIds = [guardianId],
                    });
                    users.Add(new OneRosterUser { SourcedId = guardianId, GivenName = GivenNames[random.Next(GivenNames.Length)], FamilyName = family, Email = $"{guardianId}@family.demo.launchpath.test" });
                    roles.Add(new OneRosterRole { UserSourcedId = id, Role = "student", RoleType = "primary", OrgSourcedId = schoolSourcedId });
                    roles.Add(new OneRosterRole { UserSourcedId = guardianId, Role = random.Next(10) == 0 ? "guardian" : "parent", RoleType = "primary", OrgSourcedId = schoolSourcedId });
                    var hispanic = random.NextDouble() < 0.45;
                    demographics.Add(new OneRosterDemographics
                    {
                        SourcedId = id,
                        BirthDate = today.AddYears(-(grade + 5)).AddDays(-random.Next(365)),
                        Sex = random.NextDouble() < 0.49 ? "female" : random.NextDouble() < 0.97 ? "male" : "other",
                        HispanicOrLatinoEthnicity = hispanic,
                        Asian = random.NextDouble() < 0.15,
                        BlackOrAfricanAmerican = random.NextDouble() < 0.1,
                        White = !hispanic && random.NextDouble() < 0.6,
                        EnglishLearner = random.NextDouble() < 0.18,
                        StudentWithDisability = random.NextDouble() < 0.12,
                        SocioeconomicallyDisadvantaged = random.NextDouble() < 0.55,
                        FosterYouth = random.NextDouble() < 0.01,
                    });
                }
            }

            // Each school's pathway seminar: a teacher (at Alder High, the demo teacher account's email) and two classes of
            // its first 50 students, so a teacher sees their classes' work-based learning.
            var courses = new List<OneRosterCourse>();
            var classes = new List<OneRosterClass>();
            var enrollments = new List<OneRosterEnrollment>();
            foreach (var (_, schoolSourcedId) in schools)
            {
                var teacherId = $"{schoolSourcedId}-t01";
                var demoTeacher = schoolSourcedId == "demo-school-1-1";
                users.Add(new OneRosterUser
                {
                    SourcedId = teacherId, GivenName = demoTeacher ? "Taylor" : GivenNames[random.Next(GivenNames.Length)],
                    FamilyName = demoTeacher ? "Teacher (demo)" : FamilyNames[random.Next(FamilyNames.Length)],
                    Email = demoTeacher ? "teacher@demo.launchpath.test" : $"{teacherId}@staff.demo.launchpath.test",
                });
                roles.Add(new OneRosterRole { UserSourcedId = teacherId, Role = "teacher", RoleType = "primary", OrgSourcedId = schoolSourcedId });
                courses.Add(new OneRosterCourse { SourcedId = $"{schoolSourcedId}-c01", Title = "Pathway Seminar", CourseCode = "9104", OrgSourcedId = schoolSourcedId });
                for (var period = 1; period <= 2; period++)
                {
                    var classId = $"{schoolSourcedId}-c01-p{period}";
                    classes.Add(new OneRosterClass
                    {
                        SourcedId = classId, Title = $"Pathway Seminar, period {period}", ClassCode = $"PS-{period}", ClassType = "scheduled",
                        CourseSourcedId = $"{schoolSourcedId}-c01", SchoolSourcedId = schoolSourcedId,
                    });
                    enrollments.Add(new OneRosterEnrollment
                    {
                        SourcedId = $"{classId}-{teacherId}", Role = "teacher", Primary = true, ClassSourcedId = classId, SchoolSourcedId = schoolSourcedId, UserSourcedId = teacherId,
                    });
                    for (var i = (period - 1) * 25; i < period * 25; i++)
                    {
                        var studentId = $"{schoolSourcedId}-s{i:000}";
                        enrollments.Add(new OneRosterEnrollment
                        {
                            SourcedId = $"{classId}-{studentId}", Role = "student", ClassSourcedId = classId, SchoolSourcedId = schoolSourcedId, UserSourcedId = studentId,
                        });
                    }
                }
            }

            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var batch = RosterBatch.FromJson(new RosterJsonImportRequest
            {
                Mode = RosterMode.Bulk, Users = users, Roles = roles, Demographics = demographics, Courses = courses, Classes = classes, Enrollments = enrollments,
            });
            var counts = await new RosterApplier(connection, transaction, db.Dialect, clock).ApplyAsync(Guid.Parse(districtId), batch, _ => { }, cancellationToken);
            if (counts is null)
            {
                throw new InvalidOperationException("Demo roster failed: " + string.Join("; ", batch.Errors.Take(3).Select(e => e.Reason)));
            }

            // What students say about themselves: interests, skills, availability, travel.
            using var preferences = new PreparedCommand(connection, transaction, db.Dialect,
                "UPDATE student_profiles SET career_interests = @interests, skills = @skills, availability = @availability, transportation = @transport, " +
                "max_travel_minutes = @travel, prefers_paid = @paid, wants_credit = @credit, share_with_employers = @share, home_latitude = @lat, " +
                "home_longitude = @lon, pathway = @pathway, cte_concentrator = @cte WHERE person_id = @id",
                "interests", "skills", "availability", "transport", "travel", "paid", "credit", "share", "lat", "lon", "pathway", "cte", "id");
            var students = await connection.QueryAsync<Guid>(new CommandDefinition(
                "SELECT id FROM people WHERE district_id = @District AND kind = 'student' ORDER BY sourced_id", new { District = Guid.Parse(districtId) }, transaction, cancellationToken: cancellationToken));
            foreach (var student in students)
            {
                var interests = clusters.OrderBy(_ => random.Next()).Take(1 + random.Next(3)).ToList();
                var skills = interests.SelectMany(c => SkillsByCluster[c].OrderBy(_ => random.Next()).Take(2)).ToList();
                var availability = new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
                    .Where(_ => random.NextDouble() < 0.6)
                    .Select(day => new WeeklySlot { Day = day, Start = "15:00", End = random.Next(2) == 0 ? "17:30" : "18:30" }).ToList();
                var transport = (TransportationMode)random.Next(0, 6);
                preferences.Run(DbJson.Write(interests), DbJson.Write(skills), DbJson.Write(availability), DbEnum.ToText(transport), 20 + 5 * random.Next(8),
                    random.NextDouble() < 0.5, random.NextDouble() < 0.6, random.NextDouble() < 0.8,
                    Math.Round(37.55 + random.NextDouble() * 0.3, 2), Math.Round(-122.05 + random.NextDouble() * 0.3, 2),
                    interests[0] switch
                    {
                        CareerCluster.HealthcareHumanServices => "Health Science and Medical Technology",
                        CareerCluster.DigitalTechnology => "Information and Communication Technologies",
                        CareerCluster.AdvancedManufacturing or CareerCluster.Construction => "Engineering and Architecture",
                        _ => null,
                    },
                    random.NextDouble() < 0.3, student);
            }

            // Many of the region's families speak Spanish at home: the guardians of its Hispanic or Latino students read
            // what LaunchPath sends them in Spanish (a SIS without a language field leaves this to staff).
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE people SET preferred_language = 'es' WHERE kind = 'guardian' AND district_id = @District AND id IN (SELECT g.guardian_id FROM guardianships g " +
                "JOIN student_profiles sp ON sp.person_id = g.student_id WHERE sp.race_ethnicity LIKE '%hispanicOrLatino%')",
                new { District = Guid.Parse(districtId) }, transaction, cancellationToken: cancellationToken));

            await transaction.CommitAsync(cancellationToken);
        }

        return schoolIds;
    }

    /// <summary>300 opportunities across the continuum from the 40 employers: most published, some awaiting curation, a few drafts and closed.</summary>

    private sealed class DemoStudent
    {
        public Guid Id { get; set; }
        public Guid SchoolId { get; set; }
        public Guid DistrictId { get; set; }
        public Guid RegionId { get; set; }
        public int Grade { get; set; }
    }

    private static async Task<Guid> FirstStudentAsync(Db db, string schoolId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.QueryFirstAsync<Guid>(new CommandDefinition(
            "SELECT id FROM people WHERE school_id = @School AND kind = 'student' ORDER BY sourced_id", new { School = Guid.Parse(schoolId) }, cancellationToken: cancellationToken));
    }
}
