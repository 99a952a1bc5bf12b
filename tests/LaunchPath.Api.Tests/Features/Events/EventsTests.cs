using System.Net;
using Dapper;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Contracts.Common;
using LaunchPath.Api.Tests.Features.Opportunities;
using LaunchPath.Api.Tests.Infrastructure;
using LaunchPath.Contracts.Events;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Matching;
using LaunchPath.Contracts.Opportunities;
using LaunchPath.Contracts.People;
using Microsoft.Extensions.DependencyInjection;

namespace LaunchPath.Api.Tests.Features.Events;

/// <summary>
/// Events of the continuum (a worksite tour, a guest speaker): sessions, registration of a student or a list of them,
/// seats held by the database with a waiting list, cancellation that promotes the first waiting, attendance taken by the
/// host or a student's check-in with the code, and attendance counted as the stage done — on a clock the test moves.
/// </summary>
public sealed class EventsTests : IDisposable
{
    private readonly TestClock _clock = new();
    private readonly ApiFactory _factory;
    private readonly Actors _actors;

    public EventsTests()
    {
        _factory = new ApiFactory(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["Jobs:Recurring"] = "false", ["Auth:TokenLifetimeMinutes"] = "4320" }, // sessions outlast the moved clock
            services: services => services.AddSingleton<TimeProvider>(_clock));
        _actors = new Actors(_factory);
    }

    public void Dispose() => _factory.Dispose();

    private sealed record Scene(World World, HttpClient Admin, HttpClient Employer, HttpClient Coordinator, Opportunity Tour);

    private async Task<Scene> SetUp()
    {
        var world = await _actors.World();
        var admin = await _actors.Admin();
        var tour = await Published(admin, world.One.Employer.Id, f =>
        {
            f.Title = "Wind farm worksite tour";
            f.Type = OpportunityType.WorksiteTour;
            f.Stage = ContinuumStage.Exploration;
            f.CareerCluster = CareerCluster.EnergyNaturalResources;
            f.Seats = 1;
        });
        return new Scene(world, admin, await _actors.As(Role.EmployerAdmin, world.One.Employer.Id), await _actors.As(Role.SchoolCoordinator, world.One.SchoolA.Id), tour);
    }

    private static async Task<Opportunity> Published(HttpClient admin, string employerId, Action<OpportunityFieldsBuilder> fields)
    {
        var draft = await (await admin.PostJson("/api/v1/opportunities", new CreateOpportunityRequest { EmployerId = employerId, Fields = OpportunitiesTests.Fields(fields) }))
            .Read<Opportunity>(HttpStatusCode.Created);
        await (await admin.PostAsync($"/api/v1/opportunities/{draft.Id}/submit", null)).Read<Opportunity>();
        return await (await admin.PostAsync($"/api/v1/opportunities/{draft.Id}/approve", null)).Read<Opportunity>();
    }

    private async Task<(Student Student, HttpClient Client)> Student(HttpClient coordinator, string schoolId, string name, int grade = 11)
    {
        var email = $"{name.ToLowerInvariant()}{Guid.NewGuid():N}@students.example.test";
        var student = await (await coordinator.PostJson("/api/v1/students", new StudentRecordFields
        {
            SchoolId = schoolId, GivenName = name, FamilyName = "Tester", Email = email, Grade = grade,
            BirthDate = DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime).AddYears(-16),
        })).Read<Student>(HttpStatusCode.Created);
        await (await coordinator.PostJson($"/api/v1/students/{student.Id}/account", new CreateStudentAccountRequest { Password = Actors.Password }))
            .Read<StudentAccount>(HttpStatusCode.Created);
        return (student, await _actors.SignIn(email, Actors.Password));
    }

    /// <summary>A session at the school's own site (no trip: no guardian's permission), unless a test says otherwise.</summary>
    private CreateEventSessionRequest Session(int capacity, double inDays = 2) => new()
    {
        StartsAt = _clock.GetUtcNow().AddDays(inDays), EndsAt = _clock.GetUtcNow().AddDays(inDays).AddHours(2), Location = "Altamont Pass visitor center", Capacity = capacity,
        OffCampus = false,
    };

    private static async Task<List<RegistrationResult>> Register(HttpClient client, string sessionId, params string[] students) =>
        await (await client.PostJson($"/api/v1/event-sessions/{sessionId}/registrations", new RegisterForSessionRequest { StudentIds = students })).Read<List<RegistrationResult>>();

    private static async Task<List<EventRegistration>> Roster(HttpClient client, string sessionId) =>
        await (await client.GetAsync($"/api/v1/event-sessions/{sessionId}/registrations")).Read<List<EventRegistration>>();

    [Fact]
    public async Task Seats_go_in_order_then_a_waiting_list_and_a_cancellation_promotes_the_first_waiting()
    {
        var s = await SetUp();
        var (ana, anaClient) = await Student(s.Coordinator, s.World.One.SchoolA.Id, "Ana");
        var (ben, benClient) = await Student(s.Coordinator, s.World.One.SchoolA.Id, "Ben");
        var (cy, _) = await Student(s.Coordinator, s.World.One.SchoolA.Id, "Cy");
        var otherCoordinator = await _actors.As(Role.SchoolCoordinator, s.World.One.SchoolB.Id);
        var (dee, _) = await Student(otherCoordinator, s.World.One.SchoolB.Id, "Dee");

        var session = await (await s.Employer.PostJson($"/api/v1/opportunities/{s.Tour.Id}/sessions", Session(2))).Read<EventSession>(HttpStatusCode.Created);
        session.CheckInCode.Should().MatchRegex("^[A-HJ-NP-Z2-9]{6}$", "the host sees the code to show at the event");

        (await Register(anaClient, session.Id, ana.Id)).Single().Outcome.Should().Be(RegistrationOutcome.Registered, "a student registers themself");
        var results = await Register(s.Coordinator, session.Id, ben.Id, cy.Id, dee.Id, ana.Id);
        results.Select(r => r.Outcome).Should().Equal(RegistrationOutcome.Registered, RegistrationOutcome.Waitlisted, RegistrationOutcome.Refused, RegistrationOutcome.AlreadyRegistered);
        results[2].Reason.Should().Be("No student you may register has this id.", "school A's coordinator does not act for school B's student");
        (await Register(anaClient, session.Id, ben.Id)).Single().Outcome.Should().Be(RegistrationOutcome.Refused, "a student registers only themself");

        var seen = (await (await anaClient.GetAsync($"/api/v1/opportunities/{s.Tour.Id}/sessions")).Read<List<EventSession>>()).Single();
        seen.Should().BeEquivalentTo(new { Registered = 2, Waitlisted = 1, Capacity = 2, MyStatus = RegistrationStatus.Registered, CanManage = false, CheckInCode = (string?)null });

        var upcoming = await (await anaClient.GetAsync("/api/v1/event-sessions")).Read<List<EventSession>>();
        upcoming.Should().ContainSingle(x => x.Id == session.Id).Which.Should().BeEquivalentTo(new { OpportunityTitle = "Wind farm worksite tour", MyStatus = RegistrationStatus.Registered });
        (await (await anaClient.GetAsync("/api/v1/event-sessions?mine=true")).Read<List<EventSession>>()).Select(x => x.Id).Should().Equal(session.Id);
        (await (await s.Employer.GetAsync("/api/v1/event-sessions")).Read<List<EventSession>>()).Single(x => x.Id == session.Id).CanManage.Should().BeTrue();
        var elsewhere = await _actors.As(Role.Teacher, s.World.Two.SchoolA.Id);
        (await (await elsewhere.GetAsync("/api/v1/event-sessions")).Read<List<EventSession>>())
            .Should().NotContain(x => x.Id == session.Id, "another region's events are not listed");
        (await (await anaClient.GetAsync($"/api/v1/event-sessions/{session.Id}")).Read<EventSession>()).MyStatus.Should().Be(RegistrationStatus.Registered);

        // The host sees the roster: each student's name is a disclosure to the employer, logged.
        var roster = await Roster(s.Employer, session.Id);
        roster.Select(r => (r.StudentId, r.Status)).Should().Equal((ana.Id, RegistrationStatus.Registered), (ben.Id, RegistrationStatus.Registered), (cy.Id, RegistrationStatus.Waitlisted));
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection(_factory.ConnectionString))
        {
            (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM disclosures WHERE context LIKE 'Roster of Wind farm worksite tour%' AND basis LIKE 'school official%'"))
                .Should().Be(3);
        }

        (await Roster(anaClient, session.Id)).Select(r => r.StudentId).Should().Equal([ana.Id], "a student sees only themself");

        // Ben gives his seat back: Cy, first waiting, takes it.
        (await benClient.DeleteAsync($"/api/v1/event-sessions/{session.Id}/registrations/{ben.Id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await (await benClient.DeleteAsync($"/api/v1/event-sessions/{session.Id}/registrations/{ben.Id}")).ShouldBeProblem(HttpStatusCode.Conflict);
        await (await benClient.DeleteAsync($"/api/v1/event-sessions/{session.Id}/registrations/{ana.Id}")).ShouldBeProblem(HttpStatusCode.NotFound);
        (await Roster(s.Coordinator, session.Id)).Where(r => r.Status == RegistrationStatus.Registered).Select(r => r.StudentId).Should().BeEquivalentTo([ana.Id, cy.Id]);
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection(_factory.ConnectionString))
        {
            var told = (await connection.QueryAsync<(string Recipient, string Subject)>("SELECT recipient_address, subject FROM messages WHERE template = 'event.seat'")).ToList();
            told.Should().ContainSingle("Cy, promoted from the waiting list, hears she has a seat").Which.Subject.Should().Be("You have a seat: Wind farm worksite tour");
            told[0].Recipient.Should().StartWith("cy");
        }

        (await (await s.Coordinator.GetAsync($"/api/v1/opportunities/{s.Tour.Id}/sessions")).Read<List<EventSession>>()).Single()
            .Should().BeEquivalentTo(new { Registered = 2, Waitlisted = 0 });
        (await Register(benClient, session.Id, ben.Id)).Single().Outcome.Should().Be(RegistrationOutcome.Waitlisted, "registering again puts him at the end of the list");
    }

    /// <summary>A class of school A with these students enrolled, as a district's roster sync writes it (the last one left the class).</summary>
    private async Task<Guid> RosteredClass(Scene s, IReadOnlyList<Student> students, bool lastLeft = true)
    {
        var classId = Guid.NewGuid();
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(_factory.ConnectionString);
        await connection.ExecuteAsync("INSERT INTO classes (id, district_id, sourced_id, school_id, title, status, updated_at) VALUES (@Id, @District, @Sourced, @School, 'Physics 3', 'active', @Now)",
            new { Id = classId.ToString("D"), District = s.World.One.DistrictA.Id, Sourced = $"cl-{classId:N}", School = s.World.One.SchoolA.Id, Now = "2026-09-01T00:00:00Z" });
        foreach (var (student, i) in students.Select((st, i) => (st, i)))
        {
            await connection.ExecuteAsync("INSERT INTO enrollments (id, district_id, sourced_id, class_id, person_id, role, status, updated_at) " +
                                          "VALUES (@Id, @District, @Sourced, @Class, @Person, 'student', @Status, @Now)",
                new { Id = Guid.NewGuid().ToString("D"), District = s.World.One.DistrictA.Id, Sourced = $"en-{classId:N}-{i}", Class = classId.ToString("D"), Person = student.Id,
                    Status = lastLeft && i == students.Count - 1 ? "tobedeleted" : "active", Now = "2026-09-01T00:00:00Z" });
        }

        return classId;
    }

    [Fact]
    public async Task A_teachers_request_for_a_speaker_is_answered_by_an_employers_volunteer_and_becomes_a_session_with_the_class_registered()
    {
        var s = await SetUp();
        var students = new List<Student>();
        foreach (var name in new[] { "Ana", "Ben", "Cy", "Dee" })
        {
            students.Add((await Student(s.Coordinator, s.World.One.SchoolA.Id, name)).Student);
        }

        var classId = await RosteredClass(s, students, lastLeft: false);
        var teacher = await _actors.As(Role.Teacher, s.World.One.SchoolA.Id);
        var ask = new CreateClassroomRequest
        {
            SchoolId = s.World.One.SchoolA.Id, ClassId = classId.ToString("D"), Topic = "How wind farms keep the grid running", CareerCluster = CareerCluster.EnergyNaturalResources,
            Grade = 11, PreferredTimes = "Any Tuesday in March, 10–11 am", Modality = RequestModality.InPerson, UnitConnection = "Unit 4: energy transfer and power.",
        };
        await (await s.Employer.PostJson("/api/v1/classroom-requests", ask)).ShouldBeProblem(HttpStatusCode.Forbidden);
        var request = await (await teacher.PostJson("/api/v1/classroom-requests", ask)).Read<ClassroomRequest>(HttpStatusCode.Created);
        request.Should().BeEquivalentTo(new { Status = ClassroomRequestStatus.Open, Students = 4, ClassTitle = "Physics 3", CanAccept = true });

        // The employer's staff see it on their board; one of them volunteers, on that cluster, and offers a slot.
        var supervisor = await _actors.As(Role.Supervisor, s.World.One.Employer.Id);
        var slot = new CreateOfferRequest { StartsAt = _clock.GetUtcNow().AddDays(10), EndsAt = _clock.GetUtcNow().AddDays(10).AddHours(1), Location = "Room 114" };
        await (await supervisor.PostJson($"/api/v1/classroom-requests/{request.Id}/offers", slot)).ShouldBeProblem(HttpStatusCode.Forbidden, "not a volunteer yet");
        await (await supervisor.PutJson("/api/v1/me/volunteer", new VolunteerRequest
        {
            EmployerId = s.World.Two.Employer.Id, CareerClusters = [CareerCluster.EnergyNaturalResources], Topics = "Turbines", InPerson = true, Virtual = true,
        })).ShouldBeProblem(HttpStatusCode.Forbidden);
        var volunteer = await (await supervisor.PutJson("/api/v1/me/volunteer", new VolunteerRequest
        {
            EmployerId = s.World.One.Employer.Id, CareerClusters = [CareerCluster.EnergyNaturalResources], Topics = "Wind turbine maintenance; careers in the trades",
            Availability = "Tuesday mornings", InPerson = true, Virtual = true,
        })).Read<Volunteer>();
        volunteer.CareerClusters.Should().Equal(CareerCluster.EnergyNaturalResources);
        var board = await (await supervisor.GetAsync("/api/v1/classroom-requests")).Read<List<ClassroomRequest>>();
        board.Should().ContainSingle(r => r.Id == request.Id).Which.Should().BeEquivalentTo(new { MatchesMe = true, CanAccept = false });
        var elsewhere = await _actors.As(Role.EmployerAdmin, s.World.Two.Employer.Id);
        (await (await elsewhere.GetAsync("/api/v1/classroom-requests")).Read<List<ClassroomRequest>>()).Should().NotContain(r => r.Id == request.Id, "another region's board");

        var convener = await _actors.As(Role.ConvenerAdmin, s.World.One.Region.Id);
        (await (await convener.GetAsync("/api/v1/classroom-requests?unanswered=true")).Read<List<ClassroomRequest>>()).Select(r => r.Id).Should().Contain(request.Id);
        (await (await supervisor.PostJson($"/api/v1/classroom-requests/{request.Id}/offers", slot with { Location = null, VirtualUrl = "https://meet.example.test/x" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest)).Errors.Should().ContainKey("location", "the teacher asked for a visit in person");
        var offered = await (await supervisor.PostJson($"/api/v1/classroom-requests/{request.Id}/offers", slot)).Read<ClassroomRequest>();
        offered.Offers.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Status = OfferStatus.Offered, Location = "Room 114" });

        // A second employer's volunteer, offered by the convener brokering: the school sees both offers, each employer its own.
        var second = await _actors.Org(Contracts.Organizations.OrganizationType.Employer, s.World.One.Region.Id);
        var (secondStaff, secondUser) = await _actors.User(Role.EmployerAdmin, second.Id);
        await (await secondStaff.PutJson("/api/v1/me/volunteer", new VolunteerRequest
        {
            EmployerId = second.Id, CareerClusters = [CareerCluster.AdvancedManufacturing], Topics = "Quality control", InPerson = true, Virtual = false,
        })).Read<Volunteer>();
        (await (await secondStaff.GetAsync("/api/v1/classroom-requests")).Read<List<ClassroomRequest>>()).Single(r => r.Id == request.Id).MatchesMe.Should().BeFalse();
        await (await convener.PostJson($"/api/v1/classroom-requests/{request.Id}/offers", slot with { VolunteerUserId = secondUser.Id, StartsAt = slot.StartsAt.AddDays(1), EndsAt = slot.EndsAt.AddDays(1) }))
            .Read<ClassroomRequest>();
        var seen = (await (await teacher.GetAsync("/api/v1/classroom-requests")).Read<List<ClassroomRequest>>()).Single(r => r.Id == request.Id);
        seen.Offers.Should().HaveCount(2);
        (await (await supervisor.GetAsync("/api/v1/classroom-requests")).Read<List<ClassroomRequest>>()).Single(r => r.Id == request.Id).Offers.Should().ContainSingle();
        (await (await convener.GetAsync("/api/v1/classroom-requests?unanswered=true")).Read<List<ClassroomRequest>>()).Select(r => r.Id).Should().NotContain(request.Id);

        // The teacher takes the first: a published guest-speaker event for the school, one session, the class registered.
        var first = seen.Offers.Single(o => o.Location == "Room 114" && o.StartsAt == slot.StartsAt);
        await (await supervisor.PostAsync($"/api/v1/classroom-requests/{request.Id}/offers/{first.Id}/accept", null)).ShouldBeProblem(HttpStatusCode.Forbidden);
        var scheduled = await (await teacher.PostAsync($"/api/v1/classroom-requests/{request.Id}/offers/{first.Id}/accept", null)).Read<ClassroomRequest>();
        scheduled.Status.Should().Be(ClassroomRequestStatus.Scheduled);
        scheduled.Offers.Select(o => o.Status).Should().BeEquivalentTo([OfferStatus.Accepted, OfferStatus.Declined]);
        await (await teacher.PostAsync($"/api/v1/classroom-requests/{request.Id}/offers/{first.Id}/accept", null)).ShouldBeProblem(HttpStatusCode.Conflict);

        var session = await (await teacher.GetAsync($"/api/v1/event-sessions/{scheduled.SessionId}")).Read<EventSession>();
        session.Should().BeEquivalentTo(new { OpportunityTitle = "Guest speaker: How wind farms keep the grid running", Registered = 4, Capacity = 4, Location = "Room 114" });
        (await Roster(teacher, session.Id)).Select(r => r.StudentId).Should().BeEquivalentTo(students.Select(st => st.Id));
        var host = await (await s.Employer.GetAsync($"/api/v1/event-sessions/{session.Id}")).Read<EventSession>();
        host.CanManage.Should().BeTrue("the volunteer's employer hosts it");
        var event_ = await (await teacher.GetAsync($"/api/v1/opportunities/{session.OpportunityId}")).Read<Opportunity>();
        event_.Should().BeEquivalentTo(new { Status = OpportunityStatus.Published });
        event_.Fields.Should().BeEquivalentTo(new { Type = OpportunityType.GuestSpeaker, Audience = AudienceScope.School, AudienceOrganizationIds = new[] { s.World.One.SchoolA.Id } });
        var schoolB = await _actors.As(Role.Teacher, s.World.One.SchoolB.Id);
        await (await schoolB.GetAsync($"/api/v1/opportunities/{session.OpportunityId}")).ShouldBeProblem(HttpStatusCode.NotFound, "it is school A's visit");
        (await (await convener.GetAsync($"/api/v1/organizations/{s.World.One.Employer.Id}/volunteers")).Read<List<Volunteer>>()).Select(v => v.Topics)
            .Should().Contain("Wind turbine maintenance; careers in the trades");
        await (await elsewhere.GetAsync($"/api/v1/organizations/{s.World.One.Employer.Id}/volunteers")).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_teacher_registers_their_class_for_a_tour_in_one_request()
    {
        var s = await SetUp();
        var students = new List<Student>();
        foreach (var name in new[] { "Ana", "Ben", "Cy" })
        {
            students.Add((await Student(s.Coordinator, s.World.One.SchoolA.Id, name)).Student);
        }

        // The class as a district's roster sync writes it (classes and enrollments come from OneRoster).
        var classId = Guid.NewGuid();
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection(_factory.ConnectionString))
        {
            await connection.ExecuteAsync("INSERT INTO classes (id, district_id, sourced_id, school_id, title, status, updated_at) VALUES (@Id, @District, 'cl-1', @School, 'Physics 3', 'active', @Now)",
                new { Id = classId.ToString("D"), District = s.World.One.DistrictA.Id, School = s.World.One.SchoolA.Id, Now = "2026-09-01T00:00:00Z" });
            foreach (var (student, i) in students.Select((st, i) => (st, i)))
            {
                await connection.ExecuteAsync("INSERT INTO enrollments (id, district_id, sourced_id, class_id, person_id, role, status, updated_at) " +
                                              "VALUES (@Id, @District, @Sourced, @Class, @Person, 'student', @Status, @Now)",
                    new { Id = Guid.NewGuid().ToString("D"), District = s.World.One.DistrictA.Id, Sourced = $"en-{i}", Class = classId.ToString("D"), Person = student.Id,
                        Status = i == 2 ? "tobedeleted" : "active", Now = "2026-09-01T00:00:00Z" });
            }
        }

        var teacher = await _actors.As(Role.Teacher, s.World.One.SchoolA.Id);
        var session = await (await s.Employer.PostJson($"/api/v1/opportunities/{s.Tour.Id}/sessions", Session(30))).Read<EventSession>(HttpStatusCode.Created);
        var results = await (await teacher.PostJson($"/api/v1/event-sessions/{session.Id}/registrations", new RegisterForSessionRequest { ClassId = classId.ToString("D") }))
            .Read<List<RegistrationResult>>();
        results.Select(r => (r.StudentId, r.Outcome)).Should().BeEquivalentTo([(students[0].Id, RegistrationOutcome.Registered), (students[1].Id, RegistrationOutcome.Registered)],
            "the class's active students; one who left the class is not registered");
        (await Roster(teacher, session.Id)).Should().HaveCount(2);
    }

    [Fact]
    public async Task A_teacher_externship_never_reaches_students_but_teachers_find_it()
    {
        var s = await SetUp();
        var (ana, anaClient) = await Student(s.Coordinator, s.World.One.SchoolA.Id, "Ana");
        var externship = await Published(s.Admin, s.World.One.Employer.Id, f =>
        {
            f.Title = "Summer externship in grid operations";
            f.Type = OpportunityType.TeacherExternship;
            f.CareerCluster = CareerCluster.EnergyNaturalResources;
            f.MinGrade = null;
        });
        var teacher = await _actors.As(Role.Teacher, s.World.One.SchoolA.Id);

        async Task<List<string>> Search(HttpClient client, string query = "") =>
            (await (await client.GetAsync($"/api/v1/opportunities?q=grid+operations{query}")).Read<OpportunityPage>()).Items.Select(o => o.Id).ToList();

        (await Search(teacher)).Should().Equal(externship.Id);
        (await teacher.GetAsync($"/api/v1/opportunities/{externship.Id}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Search(anaClient)).Should().BeEmpty();
        (await Search(anaClient, $"&eligibleFor={ana.Id}")).Should().BeEmpty();
        await (await anaClient.GetAsync($"/api/v1/opportunities/{externship.Id}")).ShouldBeProblem(HttpStatusCode.NotFound);
        (await (await anaClient.GetAsync($"/api/v1/students/{ana.Id}/recommendations?limit=100")).Read<List<RecommendedOpportunity>>())
            .Select(r => r.Opportunity.Id).Should().NotContain(externship.Id);
        (await (await s.Coordinator.GetAsync($"/api/v1/students/{ana.Id}/opportunities/{externship.Id}/fit")).Read<OpportunityFit>()).Eligible.Should().BeFalse();
        await (await s.Coordinator.PostJson("/api/v1/placements", new Contracts.Placements.CreatePlacementRequest { OpportunityId = externship.Id, StudentId = ana.Id }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        (await (await s.Coordinator.GetAsync($"/api/v1/opportunities/{externship.Id}/candidates")).Read<List<RecommendedStudent>>()).Should().BeEmpty();
    }

    [Fact]
    public async Task A_students_calendar_feed_and_a_sessions_file_are_valid_icalendar_in_the_regions_time_zone_and_a_new_address_stops_the_old()
    {
        var s = await SetUp();
        var (ana, anaClient) = await Student(s.Coordinator, s.World.One.SchoolA.Id, "Ana");
        var (ben, benClient) = await Student(s.Coordinator, s.World.One.SchoolA.Id, "Ben");
        var start = new DateTimeOffset(2027, 3, 9, 17, 0, 0, TimeSpan.Zero); // 9 am in California: winter time (UTC−8) until March 14, 2027
        var first = await (await s.Employer.PostJson($"/api/v1/opportunities/{s.Tour.Id}/sessions", new CreateEventSessionRequest
        {
            StartsAt = start, EndsAt = start.AddHours(2), Location = "Altamont Pass visitor center, a long place name that makes the line fold over the 75 octets", Capacity = 1,
        })).Read<EventSession>(HttpStatusCode.Created);
        var second = await (await s.Employer.PostJson($"/api/v1/opportunities/{s.Tour.Id}/sessions", new CreateEventSessionRequest
        {
            StartsAt = start.AddDays(7), EndsAt = start.AddDays(7).AddHours(1), VirtualUrl = "https://meet.example.test/wind", Capacity = 5,
        })).Read<EventSession>(HttpStatusCode.Created);
        await Register(anaClient, first.Id, ana.Id);
        (await Register(benClient, first.Id, ben.Id)).Single().Outcome.Should().Be(RegistrationOutcome.Waitlisted);
        await Register(benClient, second.Id, ben.Id);
        await (await s.Employer.PostAsync($"/api/v1/event-sessions/{second.Id}/cancel", null)).Read<EventSession>();

        (await (await benClient.GetAsync("/api/v1/me/calendar-feed")).Read<Contracts.Calendars.CalendarFeedLink>()).CreatedAt.Should().BeNull();
        var link = await (await benClient.PostAsync("/api/v1/me/calendar-feed", null)).Read<Contracts.Calendars.CalendarFeedLink>();
        link.Url.Should().StartWith("http").And.Contain("/api/v1/calendar-feeds/");
        var path = new Uri(link.Url!).PathAndQuery;
        var anonymous = _actors.Anonymous();
        var response = await anonymous.GetAsync(path);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/calendar");
        var ics = await response.Content.ReadAsStringAsync();
        var events = Ics.Check(ics);
        events.Should().HaveCount(2);
        var waiting = events.Single(e => e["UID"] == $"session-{first.Id}@launchpath");
        waiting["STATUS"].Should().Be("TENTATIVE", "Ben waits for a seat");
        waiting["DTSTART;TZID"].Should().Be("America/Los_Angeles");
        waiting["DTSTART"].Should().Be("20270309T090000", "17:00 UTC is 9 am in California in winter time");
        waiting["DTEND"].Should().Be("20270309T110000");
        events.Single(e => e["UID"] == $"session-{second.Id}@launchpath")["DTSTART"].Should().Be("20270316T100000", "a week later, after the clocks changed: 10 am");
        waiting["SUMMARY"].Should().Contain("Wind farm worksite tour");
        events.Single(e => e["UID"] == $"session-{second.Id}@launchpath")["STATUS"].Should().Be("CANCELLED");
        ics.Should().NotContain("Ben").And.NotContain("Tester", "a feed names no student");

        // A new address stops the old one; stopping stops both.
        var renewed = await (await benClient.PostAsync("/api/v1/me/calendar-feed", null)).Read<Contracts.Calendars.CalendarFeedLink>();
        await (await anonymous.GetAsync(path)).ShouldBeProblem(HttpStatusCode.NotFound);
        (await anonymous.GetAsync(new Uri(renewed.Url!).PathAndQuery)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await (await benClient.GetAsync("/api/v1/me/calendar-feed")).Read<Contracts.Calendars.CalendarFeedLink>()).Should().BeEquivalentTo(new { Url = (string?)null, renewed.CreatedAt });
        (await benClient.DeleteAsync("/api/v1/me/calendar-feed")).StatusCode.Should().Be(HttpStatusCode.OK);
        await (await anonymous.GetAsync(new Uri(renewed.Url!).PathAndQuery)).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await anonymous.GetAsync("/api/v1/calendar-feeds/not-a-token")).ShouldBeProblem(HttpStatusCode.NotFound);

        // The host's feed has the sessions it hosts; a session's own file is one event.
        var hostFeed = await (await s.Employer.PostAsync("/api/v1/me/calendar-feed", null)).Read<Contracts.Calendars.CalendarFeedLink>();
        Ics.Check(await anonymous.GetStringAsync(new Uri(hostFeed.Url!).PathAndQuery)).Select(e => e["UID"])
            .Should().BeEquivalentTo([$"session-{first.Id}@launchpath", $"session-{second.Id}@launchpath"]);
        var file = await anaClient.GetAsync($"/api/v1/event-sessions/{first.Id}/calendar");
        file.Content.Headers.ContentDisposition!.FileName.Should().Be("session.ics");
        Ics.Check(await file.Content.ReadAsStringAsync()).Single()["STATUS"].Should().Be("CONFIRMED");
        var elsewhere = await _actors.As(Role.EmployerAdmin, s.World.Two.Employer.Id);
        await (await elsewhere.GetAsync($"/api/v1/event-sessions/{first.Id}/calendar")).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Erasing_a_student_takes_them_out_of_sessions_gives_the_seat_back_and_stops_their_calendar_feed()
    {
        var s = await SetUp();
        var (ana, anaClient) = await Student(s.Coordinator, s.World.One.SchoolA.Id, "Ana");
        var session = await (await s.Employer.PostJson($"/api/v1/opportunities/{s.Tour.Id}/sessions", Session(3))).Read<EventSession>(HttpStatusCode.Created);
        await Register(anaClient, session.Id, ana.Id);
        var feed = await (await anaClient.PostAsync("/api/v1/me/calendar-feed", null)).Read<Contracts.Calendars.CalendarFeedLink>();

        var district = await _actors.As(Role.DistrictAdmin, s.World.One.DistrictA.Id);
        (await district.DeleteAsync($"/api/v1/students/{ana.Id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await Roster(s.Employer, session.Id)).Should().BeEmpty();
        (await (await s.Employer.GetAsync($"/api/v1/event-sessions/{session.Id}")).Read<EventSession>()).Registered.Should().Be(0);
        await (await _actors.Anonymous().GetAsync(new Uri(feed.Url!).PathAndQuery)).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Outcomes_count_who_attended_events_by_school_and_subgroup_with_the_minutes_of_exposure()
    {
        var s = await SetUp();
        var students = new List<Student>();
        for (var i = 0; i < 12; i++)
        {
            students.Add((await Student(s.Coordinator, s.World.One.SchoolA.Id, $"Kid{i}")).Student);
        }

        var session = await (await s.Employer.PostJson($"/api/v1/opportunities/{s.Tour.Id}/sessions", Session(30, inDays: 0.02))).Read<EventSession>(HttpStatusCode.Created);
        await Register(s.Coordinator, session.Id, [.. students.Select(st => st.Id)]);
        await (await s.Employer.PutJson($"/api/v1/event-sessions/{session.Id}/attendance", new RecordAttendanceRequest
        {
            Present = [.. students.Take(9).Select(st => st.Id)], Absent = [.. students.Skip(9).Select(st => st.Id)],
        })).Read<List<EventRegistration>>();

        var district = await _actors.As(Role.DistrictAdmin, s.World.One.DistrictA.Id);
        var report = await (await district.GetAsync($"/api/v1/outcomes?organizationId={s.World.One.DistrictA.Id}")).Read<Contracts.Outcomes.OutcomesReport>();
        report.Events.Should().BeEquivalentTo(new { Sessions = 1, Attendances = 9, StudentsAttended = 9, ExposureMinutes = 9 * 120, EmployersHosting = 1 });
        report.Events.ParticipationRate.Should().BeApproximately(9.0 / report.Students, 0.001);
        report.Events.ByStage.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Key = "exploration", Placements = 9, Students = 9 });
        report.Events.BySchool.Single(g => g.Name == s.World.One.SchoolA.Name).Should().BeEquivalentTo(new { Suppressed = false, Participants = 9, Students = 12 });
        report.Events.BySubgroup.Single(g => g.Group == "grade:11").Participants.Should().Be(9);
        report.Participants.Should().Be(0, "attending an event is not a placement: the placement figures stay apart");
        report.Events.Ratings.Should().Be(0);
    }

    [Fact]
    public async Task Teachers_and_counselors_apply_to_an_externship_the_employer_decides_and_outcomes_count_educators_apart()
    {
        var s = await SetUp();
        var (ana, anaClient) = await Student(s.Coordinator, s.World.One.SchoolA.Id, "Ana");
        var externship = await Published(s.Admin, s.World.One.Employer.Id, f =>
        {
            f.Title = "Summer externship in grid operations";
            f.Type = OpportunityType.TeacherExternship;
            f.MinGrade = null;
        });
        var url = $"/api/v1/opportunities/{externship.Id}/externship-applications";
        var (teacher, teacherUser) = await _actors.User(Role.Teacher, s.World.One.SchoolA.Id);
        var (counselor, counselorUser) = await _actors.User(Role.Counselor, s.World.One.SchoolA.Id);

        await (await anaClient.PostJson(url, new ExternshipApplicationRequest())).ShouldBeProblem(HttpStatusCode.NotFound, "a student never sees an externship");
        await (await s.Employer.PostJson(url, new ExternshipApplicationRequest())).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await s.Employer.PostJson($"/api/v1/opportunities/{s.Tour.Id}/externship-applications", new ExternshipApplicationRequest())).ShouldBeProblem(HttpStatusCode.NotFound);
        (await (await teacher.PostJson(url, new ExternshipApplicationRequest { Note = "I teach physics; I'll bring grid data to class." })).Read<ExternshipApplication>(HttpStatusCode.Created))
            .Should().BeEquivalentTo(new { Status = ExternshipStatus.Applied, UserId = teacherUser.Id, SchoolName = s.World.One.SchoolA.Name });
        await (await teacher.PostJson(url, new ExternshipApplicationRequest())).ShouldBeProblem(HttpStatusCode.Conflict, "once");
        await (await counselor.PostJson(url, new ExternshipApplicationRequest { SchoolId = s.World.One.SchoolB.Id })).ShouldBeProblem(HttpStatusCode.BadRequest);
        await (await counselor.PostJson(url, new ExternshipApplicationRequest())).Read<ExternshipApplication>(HttpStatusCode.Created);

        (await (await s.Employer.GetAsync(url)).Read<List<ExternshipApplication>>()).Should().HaveCount(2);
        (await (await teacher.GetAsync(url)).Read<List<ExternshipApplication>>()).Select(a => a.UserId).Should().Equal(teacherUser.Id);
        string Decide(string user) => $"{url}/{user}";
        await (await teacher.PutJson(Decide(teacherUser.Id), new DecideExternshipRequest { Status = ExternshipStatus.Accepted }))
            .ShouldBeProblem(HttpStatusCode.Forbidden, "the employer decides");
        await (await s.Employer.PutJson(Decide(teacherUser.Id), new DecideExternshipRequest { Status = ExternshipStatus.Completed }))
            .ShouldBeProblem(HttpStatusCode.Conflict, "not before it was accepted");
        (await (await s.Employer.PutJson(Decide(teacherUser.Id), new DecideExternshipRequest { Status = ExternshipStatus.Accepted })).Read<ExternshipApplication>())
            .Status.Should().Be(ExternshipStatus.Accepted);
        (await (await s.Employer.PutJson(Decide(teacherUser.Id), new DecideExternshipRequest { Status = ExternshipStatus.Completed })).Read<ExternshipApplication>())
            .Status.Should().Be(ExternshipStatus.Completed);
        (await (await counselor.PutJson(Decide(counselorUser.Id), new DecideExternshipRequest { Status = ExternshipStatus.Withdrawn })).Read<ExternshipApplication>())
            .Status.Should().Be(ExternshipStatus.Withdrawn);

        var district = await _actors.As(Role.DistrictAdmin, s.World.One.DistrictA.Id);
        var report = await (await district.GetAsync($"/api/v1/outcomes?organizationId={s.World.One.DistrictA.Id}")).Read<Contracts.Outcomes.OutcomesReport>();
        report.Educators.Should().BeEquivalentTo(new { Applications = 1, Educators = 1, Completed = 1 }, "the withdrawn application is not counted");
        report.Participants.Should().Be(0, "educators are not counted as students");
    }

    [Fact]
    public async Task A_trip_off_campus_asks_each_guardian_by_email_and_a_minor_attends_only_with_permission()
    {
        var s = await SetUp();
        var (ana, anaClient) = await Student(s.Coordinator, s.World.One.SchoolA.Id, "Ana");
        var (ben, benClient) = await Student(s.Coordinator, s.World.One.SchoolA.Id, "Ben");
        foreach (var (given, email, language) in new[] { ("Rosa", "rosa.tester@family.example.test", "es"), ("Luis", "luis.tester@family.example.test", (string?)null) })
        {
            await (await s.Coordinator.PostJson($"/api/v1/students/{ana.Id}/guardians", new AddGuardianRequest
            {
                GivenName = given, FamilyName = "Tester", Email = email, Relationship = GuardianRelationship.Parent, PreferredLanguage = language,
            })).Read<Guardian>(HttpStatusCode.Created);
        }

        var trip = await (await s.Employer.PostJson($"/api/v1/opportunities/{s.Tour.Id}/sessions", Session(10) with { OffCampus = null })).Read<EventSession>(HttpStatusCode.Created);
        trip.OffCampus.Should().BeTrue("a worksite tour with a place leaves campus unless the host says otherwise");
        var onSite = await (await s.Employer.PostJson($"/api/v1/opportunities/{s.Tour.Id}/sessions", Session(10) with { OffCampus = false })).Read<EventSession>(HttpStatusCode.Created);
        await Register(s.Coordinator, trip.Id, ana.Id, ben.Id);
        await Register(s.Coordinator, onSite.Id, ana.Id);
        (await Roster(s.Coordinator, onSite.Id)).Single().Permission.Should().BeNull("the school's own room needs no permission");
        (await Roster(s.Coordinator, trip.Id)).Select(r => r.Permission).Should().OnlyContain(p => p == TripPermission.Pending);

        List<(string Recipient, string Text)> asked;
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection(_factory.ConnectionString))
        {
            asked = (await connection.QueryAsync<(string, string)>("SELECT recipient_address, text_body FROM messages WHERE template = 'event.permission'")).ToList();
        }

        asked.Select(m => m.Recipient).Should().BeEquivalentTo(["rosa.tester@family.example.test", "luis.tester@family.example.test"], "each of Ana's guardians with an address; Ben has none");
        asked.Single(m => m.Recipient.StartsWith("rosa")).Text.Should().Contain("Ana está inscrito").And.MatchRegex(@"/permission/[A-Za-z0-9_-]+\?lang=es");
        var token = System.Text.RegularExpressions.Regex.Match(asked.Single(m => m.Recipient.StartsWith("luis")).Text, @"/permission/([A-Za-z0-9_-]+)").Groups[1].Value;

        // On the day: without permission, neither attendance nor check-in.
        _clock.Advance(TimeSpan.FromDays(2) - TimeSpan.FromMinutes(10));
        var attendance = $"/api/v1/event-sessions/{trip.Id}/attendance";
        (await (await s.Employer.PutJson(attendance, new RecordAttendanceRequest { Present = [ana.Id] })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity))
            .Detail.Should().Contain("permission");
        await (await anaClient.PostJson($"/api/v1/event-sessions/{trip.Id}/check-in", new CheckInRequest { Code = trip.CheckInCode! })).ShouldBeProblem(HttpStatusCode.Conflict);

        // Luis follows his link, not signed in, and grants it; the school records Ben's refusal from a paper form.
        var anonymous = _actors.Anonymous();
        (await (await anonymous.GetAsync($"/api/v1/permission-links/{token}")).Read<TripPermissionView>())
            .Should().BeEquivalentTo(new { StudentFirstName = "Ana", OpportunityTitle = "Wind farm worksite tour", Decision = TripPermission.Pending });
        await (await anonymous.PostJson($"/api/v1/permission-links/{token}", new TripPermissionAnswer { Granted = true, GuardianName = "" })).ShouldBeProblem(HttpStatusCode.BadRequest);
        (await (await anonymous.PostJson($"/api/v1/permission-links/{token}", new TripPermissionAnswer { Granted = true, GuardianName = "Luis Tester" })).Read<TripPermissionView>())
            .Decision.Should().Be(TripPermission.Granted);
        await (await anonymous.GetAsync("/api/v1/permission-links/not-a-real-token")).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await s.Employer.PutJson($"/api/v1/event-sessions/{trip.Id}/registrations/{ben.Id}/permission", new RecordTripPermissionRequest { Granted = false, GivenBy = "x" }))
            .ShouldBeProblem(HttpStatusCode.NotFound, "the host is not the school");
        (await (await s.Coordinator.PutJson($"/api/v1/event-sessions/{trip.Id}/registrations/{ben.Id}/permission",
            new RecordTripPermissionRequest { Granted = false, GivenBy = "Ben's father, signed form" })).Read<List<EventRegistration>>())
            .Single(r => r.StudentId == ben.Id).Permission.Should().Be(TripPermission.Refused);

        (await (await s.Employer.PutJson(attendance, new RecordAttendanceRequest { Present = [ana.Id], Absent = [ben.Id] })).Read<List<EventRegistration>>())
            .Single(r => r.StudentId == ana.Id).Attendance.Should().Be(Attendance.Present);
        await (await s.Employer.PutJson(attendance, new RecordAttendanceRequest { Present = [ben.Id] })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        await (await benClient.PostJson($"/api/v1/event-sessions/{trip.Id}/check-in", new CheckInRequest { Code = trip.CheckInCode! })).ShouldBeProblem(HttpStatusCode.Conflict);

        _clock.Advance(TimeSpan.FromMinutes(20));
        await (await anonymous.GetAsync($"/api/v1/permission-links/{token}")).ShouldBeProblem(HttpStatusCode.NotFound, "a link works until the trip starts");
    }

    [Fact]
    public async Task Forty_registrations_at_once_never_fill_more_seats_than_the_session_has()
    {
        var s = await SetUp();
        var session = await (await s.Employer.PostJson($"/api/v1/opportunities/{s.Tour.Id}/sessions", Session(5))).Read<EventSession>(HttpStatusCode.Created);
        var students = new List<(Student Student, HttpClient Client)>();
        for (var i = 0; i < 40; i++)
        {
            students.Add(await Student(s.Coordinator, s.World.One.SchoolA.Id, $"S{i}"));
        }

        var outcomes = await Task.WhenAll(students.Select(async st => (await Register(st.Client, session.Id, st.Student.Id)).Single().Outcome));
        outcomes.Count(o => o == RegistrationOutcome.Registered).Should().Be(5);
        outcomes.Count(o => o == RegistrationOutcome.Waitlisted).Should().Be(35);
        (await Roster(s.Employer, session.Id)).Count(r => r.Status == RegistrationStatus.Registered).Should().Be(5);
    }

    [Fact]
    public async Task Attendance_is_taken_on_the_day_students_check_in_with_the_code_and_an_attended_tour_counts_as_exploration_done()
    {
        var s = await SetUp();
        var (ana, anaClient) = await Student(s.Coordinator, s.World.One.SchoolA.Id, "Ana");
        var (ben, benClient) = await Student(s.Coordinator, s.World.One.SchoolA.Id, "Ben");
        var (cy, _) = await Student(s.Coordinator, s.World.One.SchoolA.Id, "Cy");
        var internship = await Published(s.Admin, s.World.One.Employer.Id, f =>
        {
            f.Title = "Turbine technician internship";
            f.Type = OpportunityType.UnpaidInternship;
            f.Stage = ContinuumStage.Preparation;
            f.CareerCluster = CareerCluster.EnergyNaturalResources;
            f.PrerequisiteStage = ContinuumStage.Exploration;
        });
        var fit = $"/api/v1/students/{ana.Id}/opportunities/{internship.Id}/fit";
        (await (await anaClient.GetAsync(fit)).Read<OpportunityFit>()).Eligible.Should().BeFalse("the internship asks for exploration in the cluster first");

        var session = await (await s.Employer.PostJson($"/api/v1/opportunities/{s.Tour.Id}/sessions", Session(2))).Read<EventSession>(HttpStatusCode.Created);
        await Register(s.Coordinator, session.Id, ana.Id, ben.Id, cy.Id);
        var attendance = $"/api/v1/event-sessions/{session.Id}/attendance";
        await (await s.Employer.PutJson(attendance, new RecordAttendanceRequest { Present = [ana.Id] })).ShouldBeProblem(HttpStatusCode.Conflict, "not before the day");
        var qr = await s.Employer.GetAsync($"/api/v1/event-sessions/{session.Id}/check-in-qr");
        qr.Content.Headers.ContentType!.MediaType.Should().Be("image/png");
        (await qr.Content.ReadAsByteArrayAsync()).Take(8).Should().Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, "a PNG the host shows at the event");
        await (await anaClient.GetAsync($"/api/v1/event-sessions/{session.Id}/check-in-qr")).ShouldBeProblem(HttpStatusCode.Forbidden, "the code is the proof of being there");
        await (await benClient.PostJson($"/api/v1/event-sessions/{session.Id}/check-in", new CheckInRequest { Code = session.CheckInCode! })).ShouldBeProblem(HttpStatusCode.Conflict);

        _clock.Advance(TimeSpan.FromDays(2) - TimeSpan.FromMinutes(10));
        (await (await s.Employer.PutJson(attendance, new RecordAttendanceRequest { Present = [ana.Id], Absent = [cy.Id] })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity))
            .Detail.Should().Contain(cy.Id).And.Contain("no seat");
        await (await anaClient.PutJson(attendance, new RecordAttendanceRequest { Present = [ana.Id] })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        var taken = await (await s.Employer.PutJson(attendance, new RecordAttendanceRequest { Present = [ana.Id], Absent = [ben.Id] })).Read<List<EventRegistration>>();
        taken.Where(r => r.Attendance is not null).Select(r => (r.StudentId, r.Attendance)).Should().BeEquivalentTo([(ana.Id, (Attendance?)Attendance.Present), (ben.Id, Attendance.Absent)]);

        // Ben was there after all: he checks in with the code shown at the event.
        await (await benClient.PostJson($"/api/v1/event-sessions/{session.Id}/check-in", new CheckInRequest { Code = "ZZZZZZ" })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        var checkedIn = await (await benClient.PostJson($"/api/v1/event-sessions/{session.Id}/check-in", new CheckInRequest { Code = session.CheckInCode!.ToLowerInvariant() }))
            .Read<EventRegistration>();
        checkedIn.Should().BeEquivalentTo(new { StudentId = ben.Id, Attendance = Attendance.Present });
        checkedIn.CheckedInAt.Should().NotBeNull();

        // After it: Ana and Ben, who were there, rate it (Ana reflects too); the host rates the session.
        var feedback = $"/api/v1/event-sessions/{session.Id}/feedback";
        await (await anaClient.PutJson(feedback, new EventFeedbackRequest { Rating = 5 })).ShouldBeProblem(HttpStatusCode.Conflict, "not before it has taken place");
        _clock.Advance(TimeSpan.FromHours(2));
        (await (await anaClient.PutJson(feedback, new EventFeedbackRequest { Rating = 5, Reflection = "I want to see the control room next." })).Read<EventSession>())
            .Should().BeEquivalentTo(new { MyRating = 5, IAttended = true });
        await (await anaClient.PutJson(feedback, new EventFeedbackRequest { Rating = 6 })).ShouldBeProblem(HttpStatusCode.BadRequest);
        (await (await benClient.PutJson(feedback, new EventFeedbackRequest { Rating = 3 })).Read<EventSession>()).MyRating.Should().Be(3);
        (await (await s.Employer.PutJson(feedback, new EventFeedbackRequest { Rating = 4, Reflection = "Engaged group" })).Read<EventSession>())
            .Should().BeEquivalentTo(new { MyRating = 4, Ratings = 2, AverageRating = 4.0 });
        var hostRoster = await Roster(s.Employer, session.Id);
        hostRoster.Should().OnlyContain(r => r.Rating == null && r.Reflection == null, "a student's rating and reflection are their school's record, not the host's");
        (await Roster(s.Coordinator, session.Id)).Single(r => r.StudentId == ana.Id).Should().BeEquivalentTo(new { Rating = 5, Reflection = "I want to see the control room next." });
        (await (await anaClient.GetAsync($"/api/v1/event-sessions/{session.Id}")).Read<EventSession>()).Should().BeEquivalentTo(new { MyRating = 5, Ratings = (int?)null });

        (await (await anaClient.GetAsync(fit)).Read<OpportunityFit>()).Eligible.Should().BeTrue("the tour she attended is exploration in the cluster");
        (await (await anaClient.GetAsync($"/api/v1/students/{ana.Id}/events")).Read<List<StudentEvent>>()).Single()
            .Should().BeEquivalentTo(new { SessionId = session.Id, Stage = ContinuumStage.Exploration, Type = OpportunityType.WorksiteTour, Attendance = Attendance.Present });
        (await (await s.Coordinator.GetAsync($"/api/v1/students/{ben.Id}/events")).Read<List<StudentEvent>>()).Single().Attendance.Should().Be(Attendance.Present);
        await (await s.Employer.GetAsync($"/api/v1/students/{ana.Id}/events")).ShouldBeProblem(HttpStatusCode.NotFound, "an employer reads a student only through what it hosts");
        var cyFit = await (await s.Coordinator.GetAsync($"/api/v1/students/{cy.Id}/opportunities/{internship.Id}/fit")).Read<OpportunityFit>();
        cyFit.Eligible.Should().BeFalse("waiting for a seat is not attending");
    }

    [Fact]
    public async Task Sessions_are_for_events_scheduled_by_their_host_and_registration_follows_the_events_rules()
    {
        var s = await SetUp();
        var (ana, anaClient) = await Student(s.Coordinator, s.World.One.SchoolA.Id, "Ana");
        var (young, _) = await Student(s.Coordinator, s.World.One.SchoolA.Id, "Young", grade: 7);
        var shadow = await Published(s.Admin, s.World.One.Employer.Id, f => f.Type = OpportunityType.JobShadowing);
        await (await s.Employer.PostJson($"/api/v1/opportunities/{shadow.Id}/sessions", Session(5))).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        await (await anaClient.PostJson($"/api/v1/opportunities/{s.Tour.Id}/sessions", Session(5))).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await _actors.Anonymous().PostJson($"/api/v1/opportunities/{s.Tour.Id}/sessions", Session(5))).ShouldBeProblem(HttpStatusCode.Unauthorized);
        var otherEmployer = await _actors.As(Role.EmployerAdmin, s.World.Two.Employer.Id);
        await (await otherEmployer.PostJson($"/api/v1/opportunities/{s.Tour.Id}/sessions", Session(5))).ShouldBeProblem(HttpStatusCode.NotFound);
        (await (await s.Employer.PostJson($"/api/v1/opportunities/{s.Tour.Id}/sessions", Session(5) with { Capacity = 0, Location = null }))
            .ShouldBeProblem(HttpStatusCode.BadRequest)).Errors.Should().ContainKeys("capacity", "location");
        (await (await s.Employer.PostJson($"/api/v1/opportunities/{s.Tour.Id}/sessions", Session(5) with { VirtualUrl = "javascript:alert(1)" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest)).Errors.Should().ContainKey("virtualUrl");
        var started = Session(5) with { EndsAt = _clock.GetUtcNow().AddHours(-3), StartsAt = _clock.GetUtcNow().AddHours(-1) };
        await (await s.Employer.PostJson($"/api/v1/opportunities/{s.Tour.Id}/sessions", started)).ShouldBeProblem(HttpStatusCode.BadRequest);

        var session = await (await s.Employer.PostJson($"/api/v1/opportunities/{s.Tour.Id}/sessions", Session(5))).Read<EventSession>(HttpStatusCode.Created);
        var results = await Register(s.Coordinator, session.Id, young.Id, Guid.NewGuid().ToString());
        results[0].Should().BeEquivalentTo(new { Outcome = RegistrationOutcome.Refused }, "the tour is for grade 9 and up");
        results[0].Reason.Should().Contain("grade");
        results[1].Outcome.Should().Be(RegistrationOutcome.Refused);
        await (await s.Coordinator.PostJson($"/api/v1/event-sessions/{session.Id}/registrations", new RegisterForSessionRequest()))
            .ShouldBeProblem(HttpStatusCode.BadRequest);
        await (await s.Coordinator.PostJson($"/api/v1/event-sessions/{session.Id}/registrations", new RegisterForSessionRequest { StudentIds = ["not-an-id"] }))
            .ShouldBeProblem(HttpStatusCode.BadRequest);

        // The host calls it off: nobody more registers.
        await (await anaClient.PostAsync($"/api/v1/event-sessions/{session.Id}/cancel", null)).ShouldBeProblem(HttpStatusCode.Forbidden);
        (await (await s.Employer.PostAsync($"/api/v1/event-sessions/{session.Id}/cancel", null)).Read<EventSession>()).Cancelled.Should().BeTrue();
        await (await anaClient.PostJson($"/api/v1/event-sessions/{session.Id}/registrations", new RegisterForSessionRequest { StudentIds = [ana.Id] }))
            .ShouldBeProblem(HttpStatusCode.Conflict);
        await (await otherEmployer.GetAsync($"/api/v1/event-sessions/{session.Id}/registrations")).ShouldBeProblem(HttpStatusCode.NotFound);
    }
}
