using Dapper;
using LaunchPath.Api.Features.Opportunities;
using LaunchPath.Api.Features.Organizations;
using LaunchPath.Api.Features.Roster;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Api.Features.Users;
using LaunchPath.Contracts.Common;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Opportunities;
using LaunchPath.Contracts.Organizations;
using LaunchPath.Contracts.People;
using LaunchPath.Contracts.Roster;
using Mediator;

namespace LaunchPath.Api.Infrastructure.Hosting;

/// <summary>
/// Fills an empty database with clearly fictional demo data (Demo:Seed=true, on by default for the embedded SQLite run).
/// Goes through the same use cases as the API, so the demo data obeys every rule real data does.
/// </summary>
public sealed class DemoSeeder(IServiceScopeFactory scopes, ILogger<DemoSeeder> logger)
{
    /// <summary>Every demo account signs in with this password (demo data only; documented in the README).</summary>
    public const string DemoPassword = "launchpath-demo";

    private static readonly string[] EmployerStems =
    [
        "Harbor", "Summit", "Redwood", "Bayline", "Granite", "Cedar", "Meridian", "Orchard", "Riverside", "Northstar",
        "Lumen", "Keystone", "Pioneer", "Willow", "Beacon", "Tideway", "Sierra", "Copperleaf", "Evergreen", "Mosaic",
    ];

    private static readonly (string Suffix, string Industry, CareerCluster Cluster)[] EmployerKinds =
    [
        ("Community Health", "Hospitals and clinics", CareerCluster.HealthcareHumanServices),
        ("Robotics", "Industrial machinery manufacturing", CareerCluster.AdvancedManufacturing),
        ("Software Studio", "Software publishers", CareerCluster.DigitalTechnology),
        ("Builders", "Commercial construction", CareerCluster.Construction),
        ("Credit Union", "Credit intermediation", CareerCluster.FinancialServices),
        ("Farms Cooperative", "Crop production", CareerCluster.Agriculture),
        ("Design Works", "Graphic and media design", CareerCluster.ArtsEntertainmentDesign),
        ("Logistics", "Warehousing and freight", CareerCluster.SupplyChainTransportation),
        ("Solar", "Electric power generation", CareerCluster.EnergyNaturalResources),
        ("Hotel Group", "Hotels and event venues", CareerCluster.HospitalityEventsTourism),
    ];

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Db>();
        await using (var connection = await db.OpenAsync(cancellationToken))
        {
            if (await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM organizations") > 0)
            {
                return;
            }
        }

        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        async Task<Organization> Create(CreateOrganizationRequest request)
        {
            var result = await mediator.Send(new CreateOrganization.Command(Caller.System, request), cancellationToken);
            return result.IsSuccess ? result.Value! : throw new InvalidOperationException($"Demo seed failed: {result.Error!.Detail}");
        }

        async Task User(string login, string name, string organizationId, Role role)
        {
            var result = await mediator.Send(new CreateUser.Command(Caller.System, new CreateUserRequest
            {
                Email = $"{login}@demo.launchpath.test",
                DisplayName = name,
                Password = DemoPassword,
                OrganizationId = organizationId,
                Role = role,
            }), cancellationToken);
            if (!result.IsSuccess)
            {
                throw new InvalidOperationException($"Demo seed failed: {result.Error!.Detail}");
            }
        }

        var region = await Create(new() { Type = OrganizationType.Region, Name = "Bay Valley Career Pathways (demo region)", SourcedId = "demo-region" });
        var schools = new[]
        {
            ("Alder Unified School District (demo)", new[] { "Alder High School", "Alder Technical Academy" }),
            ("Birch Creek Joint Union District (demo)", new[] { "Birch Creek High School", "Birch Creek Middle School" }),
        };
        var d = 0;
        var firstDistrict = "";
        var firstSchool = "";
        foreach (var (districtName, schoolNames) in schools)
        {
            d++;
            var district = await Create(new() { Type = OrganizationType.District, Name = districtName, ParentId = region.Id, SourcedId = $"demo-district-{d}" });
            firstDistrict = firstDistrict.Length == 0 ? district.Id : firstDistrict;
            var s = 0;
            foreach (var schoolName in schoolNames)
            {
                s++;
                var school = await Create(new()
                {
                    Type = OrganizationType.School,
                    Name = schoolName + " (demo)",
                    ParentId = district.Id,
                    SourcedId = $"demo-school-{d}-{s}",
                    Address = new PostalAddress { Line1 = $"{100 * s + d} School Way", City = d == 1 ? "Alder" : "Birch Creek", State = "CA", PostalCode = $"9{d}00{s}" },
                });
                firstSchool = firstSchool.Length == 0 ? school.Id : firstSchool;
            }
        }

        var firstEmployer = "";
        for (var i = 0; i < 40; i++)
        {
            var kind = EmployerKinds[i % EmployerKinds.Length];
            var employer = await Create(new()
            {
                Type = OrganizationType.Employer,
                Name = $"{EmployerStems[i % EmployerStems.Length]} {kind.Suffix} (demo)",
                ParentId = region.Id,
                SourcedId = $"demo-employer-{i + 1:00}",
                Industry = kind.Industry,
                CareerCluster = kind.Cluster,
            });
            firstEmployer = firstEmployer.Length == 0 ? employer.Id : firstEmployer;
        }

        var schoolIds = await SeedStudentsAsync(scope.ServiceProvider, region.Id, cancellationToken);
        await SeedOpportunitiesAsync(mediator, region.Id, schoolIds, cancellationToken);
        await SeedPlacementsAsync(scope.ServiceProvider, cancellationToken);

        await User("convener", "Casey Convener (demo)", region.Id, Role.ConvenerAdmin);
        await User("analyst", "Avery Analyst (demo)", region.Id, Role.WorkforceAnalyst);
        await User("district", "Dana District (demo)", firstDistrict, Role.DistrictAdmin);
        await User("coordinator", "Corey Coordinator (demo)", firstSchool, Role.SchoolCoordinator);
        await User("teacher", "Taylor Teacher (demo)", firstSchool, Role.Teacher);
        await User("employer", "Emery Employer (demo)", firstEmployer, Role.EmployerAdmin);
        await User("supervisor", "Sam Supervisor (demo)", firstEmployer, Role.Supervisor);

        var firstStudent = await FirstStudentAsync(db, firstSchool, cancellationToken);
        var account = await mediator.Send(new Features.People.CreateStudentAccount.Command(Caller.System, firstStudent,
            new CreateStudentAccountRequest { Email = "student@demo.launchpath.test", Password = DemoPassword }), cancellationToken);
        if (!account.IsSuccess)
        {
            throw new InvalidOperationException($"Demo seed failed: {account.Error!.Detail}");
        }

        logger.LogInformation("Seeded demo data: 1 region, 2 districts, 4 schools, 40 employers, {Opportunities} opportunities, {Students} students, 8 accounts",
            OpportunityCount, StudentsPerSchool * 4);
    }

    private const int StudentsPerSchool = 500;
    private const int OpportunityCount = 300;

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

    private static readonly Dictionary<CareerCluster, string[]> SkillsByCluster = new()
    {
        [CareerCluster.HealthcareHumanServices] = ["Patient care", "First aid", "Medical terminology", "Empathy"],
        [CareerCluster.DigitalTechnology] = ["Python", "Web design", "Networking", "Troubleshooting"],
        [CareerCluster.AdvancedManufacturing] = ["CAD", "Robotics", "Measurement", "Safety procedures"],
        [CareerCluster.Construction] = ["Blueprint reading", "Carpentry", "Tool safety", "Estimating"],
        [CareerCluster.FinancialServices] = ["Spreadsheets", "Customer service", "Budgeting", "Accuracy"],
        [CareerCluster.Agriculture] = ["Plant science", "Animal care", "Equipment operation", "Field records"],
        [CareerCluster.ArtsEntertainmentDesign] = ["Graphic design", "Photography", "Video editing", "Storyboarding"],
        [CareerCluster.SupplyChainTransportation] = ["Inventory", "Logistics software", "Forklift safety", "Scheduling"],
        [CareerCluster.EnergyNaturalResources] = ["Electrical basics", "Solar installation", "Data logging", "Environmental science"],
        [CareerCluster.HospitalityEventsTourism] = ["Food safety", "Event planning", "Guest service", "Teamwork"],
        [CareerCluster.Education] = ["Tutoring", "Lesson planning", "Public speaking", "Patience"],
        [CareerCluster.PublicServiceSafety] = ["Emergency response", "Community outreach", "Report writing", "Ethics"],
        [CareerCluster.ManagementEntrepreneurship] = ["Business planning", "Leadership", "Marketing", "Negotiation"],
        [CareerCluster.MarketingSales] = ["Social media", "Sales", "Market research", "Presentation"],
    };

    /// <summary>2,000 students (grades 6–12) with guardians, through the same OneRoster import path a district uses.</summary>
    private static async Task<List<Guid>> SeedStudentsAsync(IServiceProvider services, string regionId, CancellationToken cancellationToken)
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
                for (var i = 0; i < StudentsPerSchool; i++)
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

            await transaction.CommitAsync(cancellationToken);
        }

        return schoolIds;
    }

    /// <summary>300 opportunities across the continuum from the 40 employers: most published, some awaiting curation, a few drafts and closed.</summary>
    private static async Task SeedOpportunitiesAsync(IMediator mediator, string regionId, List<Guid> schoolIds, CancellationToken cancellationToken)
    {
        var random = new Random(7);
        var employers = new List<Organization>();
        string? cursor = null;
        do
        {
            var page = await mediator.Send(new ListOrganizations.Query(Caller.System, OrganizationType.Employer, Guid.Parse(regionId), null, 200, cursor is null ? null : Guid.Parse(cursor)), cancellationToken);
            employers.AddRange(page.Items);
            cursor = page.NextCursor is null ? null : employers[^1].Id;
        }
        while (cursor is not null);

        (OpportunityType Type, ContinuumStage Stage, string Title)[] formats =
        [
            (OpportunityType.GuestSpeaker, ContinuumStage.Awareness, "Classroom guest speaker: careers in {0}"),
            (OpportunityType.WorksiteTour, ContinuumStage.Awareness, "Worksite tour at {1}"),
            (OpportunityType.CareerFair, ContinuumStage.Awareness, "{0} career fair booth"),
            (OpportunityType.InformationalInterview, ContinuumStage.Exploration, "Informational interview with a {0} professional"),
            (OpportunityType.JobShadowing, ContinuumStage.Exploration, "Job shadow: a day at {1}"),
            (OpportunityType.Mentorship, ContinuumStage.Exploration, "Semester mentorship in {0}"),
            (OpportunityType.SimulatedWorksite, ContinuumStage.Preparation, "Virtual project: a {0} challenge from {1}"),
            (OpportunityType.ServiceLearning, ContinuumStage.Preparation, "Community service project with {1}"),
            (OpportunityType.UnpaidInternship, ContinuumStage.Preparation, "Summer internship ({0})"),
            (OpportunityType.PaidInternship, ContinuumStage.Training, "Paid internship at {1}"),
            (OpportunityType.PreApprenticeship, ContinuumStage.Training, "{0} pre-apprenticeship"),
            (OpportunityType.TeacherExternship, ContinuumStage.Exploration, "Teacher externship: {0} in practice"),
        ];

        for (var i = 0; i < OpportunityCount; i++)
        {
            var employer = employers[i % employers.Count];
            var cluster = employer.CareerCluster ?? CareerCluster.ManagementEntrepreneurship;
            var format = formats[random.Next(formats.Length)];
            var clusterName = ClusterName(cluster);
            var virtualOnly = format.Type is OpportunityType.SimulatedWorksite || random.NextDouble() < 0.1;
            var paid = format.Type is OpportunityType.PaidInternship or OpportunityType.PreApprenticeship;
            var start = new DateOnly(2027, 1 + random.Next(6), 1 + random.Next(27));
            var audienceSchool = random.NextDouble() < 0.15;
            var fields = new OpportunityFields
            {
                Title = string.Format(System.Globalization.CultureInfo.InvariantCulture, format.Title, clusterName, employer.Name.Replace(" (demo)", "", StringComparison.Ordinal)),
                Description = $"{(format.Stage is ContinuumStage.Awareness or ContinuumStage.Exploration ? "An" : "A")} {format.Stage.ToString().ToLowerInvariant()}-stage experience in {clusterName.ToLowerInvariant()} with {employer.Name}. Fictional demo data.",
                Duties = format.Stage >= ContinuumStage.Preparation ? "Work alongside staff on real tasks, keep a short log, and present what you learned." : null,
                Type = format.Type,
                Stage = format.Stage,
                CareerCluster = cluster,
                Skills = SkillsByCluster[cluster].OrderBy(_ => random.Next()).Take(2).ToList(),
                Modality = virtualOnly ? Modality.Virtual : random.NextDouble() < 0.1 ? Modality.Hybrid : Modality.InPerson,
                SiteName = virtualOnly ? null : employer.Name.Replace(" (demo)", "", StringComparison.Ordinal),
                Address = virtualOnly ? null : new PostalAddress { Line1 = $"{100 + random.Next(900)} Demo Avenue", City = random.Next(2) == 0 ? "Alder" : "Birch Creek", State = "CA", PostalCode = "9400" + random.Next(10) },
                Location = virtualOnly ? null : new GeoPoint { Latitude = 37.55 + random.NextDouble() * 0.3, Longitude = -122.05 + random.NextDouble() * 0.3 },
                Seats = format.Stage == ContinuumStage.Awareness ? 20 + random.Next(40) : 1 + random.Next(6),
                StartDate = start,
                EndDate = format.Stage >= ContinuumStage.Preparation ? start.AddDays(30 + random.Next(60)) : start,
                Schedule = [new WeeklySlot { Day = (DayOfWeek)(1 + random.Next(5)), Start = "15:30", End = "17:30" }],
                ExpectedHours = format.Stage switch { ContinuumStage.Awareness => 1 + random.Next(2), ContinuumStage.Exploration => 3 + random.Next(6), _ => 40 + random.Next(80) },
                Compensation = paid ? Compensation.Paid : format.Stage == ContinuumStage.Preparation && random.NextDouble() < 0.3 ? Compensation.Stipend : Compensation.Unpaid,
                HourlyWage = paid ? 17 + random.Next(6) : null,
                CreditOffered = format.Stage >= ContinuumStage.Preparation && random.NextDouble() < 0.6,
                CreditDescription = null,
                MinGrade = format.Stage >= ContinuumStage.Preparation ? 10 + random.Next(2) : format.Stage == ContinuumStage.Exploration ? 8 : 6,
                MinAge = format.Type is OpportunityType.PaidInternship or OpportunityType.PreApprenticeship ? 16 : null,
                PrerequisiteStage = format.Stage == ContinuumStage.Training ? ContinuumStage.Exploration : null,
                RequiredForms = format.Stage >= ContinuumStage.Preparation ? ["Parent permission", "Training agreement"] : ["Parent permission"],
                Audience = audienceSchool ? AudienceScope.School : AudienceScope.Region,
                AudienceOrganizationIds = audienceSchool ? [schoolIds[random.Next(schoolIds.Count)].ToString("D")] : [],
            };
            if (fields.Compensation == Compensation.Stipend)
            {
                fields = fields with { StipendAmount = 250 + 50 * random.Next(10) };
            }

            var created = await mediator.Send(new CreateOpportunity.Command(Caller.System, new CreateOpportunityRequest { EmployerId = employer.Id, Fields = fields }), cancellationToken);
            if (!created.IsSuccess)
            {
                throw new InvalidOperationException($"Demo opportunity failed: {created.Error!.Detail}");
            }

            var id = Guid.Parse(created.Value!.Id);
            var roll = random.NextDouble();
            if (roll < 0.07)
            {
                continue; // stays a draft
            }

            await Move(TransitionOpportunity.Action.Submit);
            if (roll < 0.17)
            {
                continue; // awaiting curation
            }

            await Move(TransitionOpportunity.Action.Approve);
            if (roll > 0.96)
            {
                await Move(TransitionOpportunity.Action.Close);
            }

            async Task Move(TransitionOpportunity.Action action)
            {
                var moved = await mediator.Send(new TransitionOpportunity.Command(Caller.System, id, action, null), cancellationToken);
                if (!moved.IsSuccess)
                {
                    throw new InvalidOperationException($"Demo opportunity failed: {moved.Error!.Detail}");
                }
            }
        }
    }

    private sealed class IdAndSourcedId
    {
        public Guid Id { get; set; }
        public string SourcedId { get; set; } = "";
    }

    /// <summary>
    /// 400 placements of demo students in published opportunities, in every state of the lifecycle, with approved hours
    /// and evaluations for the completed ones — so that boards and outcomes have something to show. Written directly
    /// (demo data only); every row obeys the rules the API enforces.
    /// </summary>
    private static async Task SeedPlacementsAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<Db>();
        var clock = services.GetRequiredService<TimeProvider>();
        var random = new Random(11);
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        await using var connection = await db.OpenAsync(cancellationToken);
        var students = (await connection.QueryAsync<DemoStudent>(
            "SELECT p.id, p.school_id, p.district_id, p.region_id, sp.grade FROM people p JOIN student_profiles sp ON sp.person_id = p.id " +
            "WHERE p.kind = 'student' ORDER BY p.sourced_id")).ToList();
        var opportunities = (await connection.QueryAsync<DemoOpportunity>(
            "SELECT id, employer_id, stage, type, career_cluster, seats, min_grade FROM opportunities WHERE status = 'published' AND audience = 'region' ORDER BY id")).ToList();
        var rubric = LaunchPath.Api.Features.Placements.Evaluations.Default;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        using var insertPlacement = new PreparedCommand(connection, transaction, db.Dialect,
            "INSERT INTO placements (id, student_id, opportunity_id, employer_id, school_id, district_id, region_id, status, source, stage, stage_order, career_cluster, " +
            "expires_on, completed_at, credit_earned, version, created_at, updated_at) VALUES (@id, @student, @opportunity, @employer, @school, @district, @region, @status, " +
            "@source, @stage, @stageOrder, @cluster, @expires, @completed, @credit, 1, @created, @created)",
            "id", "student", "opportunity", "employer", "school", "district", "region", "status", "source", "stage", "stageOrder", "cluster", "expires", "completed", "credit", "created");
        using var insertHours = new PreparedCommand(connection, transaction, db.Dialect,
            "INSERT INTO hours_entries (id, placement_id, student_id, work_date, start_time, minutes, activity, status, decided_by_name, decided_at, version, created_at, updated_at) " +
            "VALUES (@id, @placement, @student, @date, '15:30', @minutes, @activity, @status, @decider, @decided, 1, @created, @created)",
            "id", "placement", "student", "date", "minutes", "activity", "status", "decider", "decided", "created");
        using var insertEvaluation = new PreparedCommand(connection, transaction, db.Dialect,
            "INSERT INTO evaluations (id, placement_id, kind, rubric_name, ratings, average_level, evaluator_name, submitted_at) " +
            "VALUES (@id, @placement, @kind, @rubric, @ratings, @average, 'Sam Supervisor (demo)', @at)",
            "id", "placement", "kind", "rubric", "ratings", "average", "at");
        var taken = new Dictionary<Guid, int>();
        var used = new HashSet<(Guid, Guid)>();
        var placed = 0;
        foreach (var student in students.OrderBy(_ => random.Next()))
        {
            if (placed >= 400)
            {
                break;
            }

            var opportunity = opportunities[random.Next(opportunities.Count)];
            if (student.Grade < (opportunity.MinGrade ?? 0) || taken.GetValueOrDefault(opportunity.Id) >= opportunity.Seats || !used.Add((student.Id, opportunity.Id)))
            {
                continue;
            }

            var roll = random.NextDouble();
            var status = roll < 0.4 ? "completed" : roll < 0.6 ? "active" : roll < 0.75 ? "approved" : roll < 0.9 ? "requested" : "withdrawn";
            if (status is "completed" or "active" or "approved")
            {
                taken[opportunity.Id] = taken.GetValueOrDefault(opportunity.Id) + 1;
            }

            var id = Guid.CreateVersion7();
            var created = now.AddDays(-random.Next(30, 120));
            insertPlacement.Run(id, student.Id, opportunity.Id, opportunity.EmployerId, student.SchoolId, student.DistrictId, student.RegionId, status,
                random.Next(3) == 0 ? "assignment" : "application", opportunity.Stage, (int)DbEnum.Parse<ContinuumStage>(opportunity.Stage), opportunity.CareerCluster,
                status is "approved" or "active" or "completed" ? today.AddDays(30) : (DateOnly?)null,
                status == "completed" ? now.AddDays(-random.Next(1, 25)) : (DateTimeOffset?)null,
                status == "completed" && random.Next(2) == 0 ? "WBL hours toward the pathway" : null, created);
            placed++;

            if (status is "completed" or "active")
            {
                for (var d = 0; d < 3 + random.Next(6); d++)
                {
                    var decided = status == "completed" || d < 2;
                    insertHours.Run(Guid.CreateVersion7(), id, student.Id, DateOnly.FromDateTime(created.AddDays(7 + 3 * d).UtcDateTime), 60 + 30 * random.Next(4),
                        "Worked alongside staff on the week's tasks", decided ? "approved" : "submitted", decided ? "Sam Supervisor (demo)" : null,
                        decided ? created.AddDays(8 + 3 * d) : (DateTimeOffset?)null, created.AddDays(7 + 3 * d));
                }
            }

            if (status == "completed")
            {
                var midpoint = rubric.Criteria.Select(c => new LaunchPath.Contracts.Placements.CriterionRating { CriterionId = c.Id, Level = 2 + random.Next(2) }).ToList();
                var final = midpoint.Select(r => r with { Level = Math.Min(4, r.Level!.Value + random.Next(2)) }).ToList();
                insertEvaluation.Run(Guid.CreateVersion7(), id, "midpoint", rubric.Name, DbJson.Write(midpoint), Math.Round(midpoint.Average(r => r.Level!.Value), 2), created.AddDays(20));
                insertEvaluation.Run(Guid.CreateVersion7(), id, "final", rubric.Name, DbJson.Write(final), Math.Round(final.Average(r => r.Level!.Value), 2), created.AddDays(40));
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private sealed class DemoStudent
    {
        public Guid Id { get; set; }
        public Guid SchoolId { get; set; }
        public Guid DistrictId { get; set; }
        public Guid RegionId { get; set; }
        public int Grade { get; set; }
    }

    private sealed class DemoOpportunity
    {
        public Guid Id { get; set; }
        public Guid EmployerId { get; set; }
        public string Stage { get; set; } = "";
        public string Type { get; set; } = "";
        public string CareerCluster { get; set; } = "";
        public int Seats { get; set; }
        public int? MinGrade { get; set; }
    }

    private static string ClusterName(CareerCluster cluster) => cluster switch
    {
        CareerCluster.HealthcareHumanServices => "Healthcare",
        CareerCluster.DigitalTechnology => "Digital Technology",
        CareerCluster.AdvancedManufacturing => "Advanced Manufacturing",
        CareerCluster.FinancialServices => "Financial Services",
        CareerCluster.ArtsEntertainmentDesign => "Arts and Design",
        CareerCluster.SupplyChainTransportation => "Supply Chain",
        CareerCluster.EnergyNaturalResources => "Energy",
        CareerCluster.HospitalityEventsTourism => "Hospitality",
        _ => cluster.ToString(),
    };

    private static async Task<Guid> FirstStudentAsync(Db db, string schoolId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.QueryFirstAsync<Guid>(new CommandDefinition(
            "SELECT id FROM people WHERE school_id = @School AND kind = 'student' ORDER BY sourced_id", new { School = Guid.Parse(schoolId) }, cancellationToken: cancellationToken));
    }
}
