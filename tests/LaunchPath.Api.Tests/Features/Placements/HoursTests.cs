using System.Net;
using System.Net.Http.Json;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Tests.Features.Opportunities;
using LaunchPath.Api.Tests.Infrastructure;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Opportunities;
using LaunchPath.Contracts.People;
using LaunchPath.Contracts.Placements;
using Microsoft.Extensions.DependencyInjection;

namespace LaunchPath.Api.Tests.Features.Placements;

/// <summary>Hours on an active placement, on a clock fixed to a school-year Wednesday (2027-02-10).</summary>
public sealed partial class HoursTests : IDisposable
{
    private static readonly DateOnly Wednesday = new(2027, 2, 10);
    private const string PublicUrl = "https://launchpath.example.test";
    private readonly TestClock _clock = new();
    private readonly SmtpTestServer _smtp = new();
    private readonly ApiFactory _factory;
    private readonly Actors _actors;

    public HoursTests()
    {
        _clock.Set(new DateTimeOffset(2027, 2, 10, 20, 0, 0, TimeSpan.Zero));
        _factory = new ApiFactory(DatabaseProvider.Sqlite, _smtp.ApiSettings(PublicUrl), services: services => services.AddSingleton<TimeProvider>(_clock));
        _actors = new Actors(_factory);
    }

    public void Dispose()
    {
        _factory.Dispose();
        _smtp.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private sealed record Active(string PlacementId, HttpClient Student, HttpClient Supervisor, HttpClient Coordinator, World World);

    /// <summary>An active placement for a student of the given age (guardian acknowledges by link for minors).</summary>
    private async Task<Active> ActivePlacement(int age, Func<AgreementRequest, AgreementRequest>? terms = null)
    {
        var world = await _actors.World();
        var admin = await _actors.Admin();
        var draft = await (await admin.PostJson("/api/v1/opportunities", new CreateOpportunityRequest { EmployerId = world.One.Employer.Id, Fields = OpportunitiesTests.Fields() }))
            .Read<Opportunity>(HttpStatusCode.Created);
        await (await admin.PostAsync($"/api/v1/opportunities/{draft.Id}/submit", null)).Read<Opportunity>();
        await (await admin.PostAsync($"/api/v1/opportunities/{draft.Id}/approve", null)).Read<Opportunity>();
        var coordinator = await _actors.As(Role.SchoolCoordinator, world.One.SchoolA.Id);
        var email = $"h{Guid.NewGuid():N}@students.example.test";
        var student = await (await coordinator.PostJson("/api/v1/students", new StudentRecordFields
        {
            SchoolId = world.One.SchoolA.Id, GivenName = "Leo", FamilyName = "Park", Email = email, Grade = 9, BirthDate = Wednesday.AddYears(-age).AddDays(-30),
        })).Read<Student>(HttpStatusCode.Created);
        await (await coordinator.PostJson($"/api/v1/students/{student.Id}/account", new CreateStudentAccountRequest { Password = Actors.Password })).Read<StudentAccount>(HttpStatusCode.Created);
        var studentClient = await _actors.SignIn(email, Actors.Password);
        var supervisor = await _actors.As(Role.Supervisor, world.One.Employer.Id);
        var employerAdmin = await _actors.As(Role.EmployerAdmin, world.One.Employer.Id);

        var placement = await (await studentClient.PostJson("/api/v1/placements", new CreatePlacementRequest { OpportunityId = draft.Id, StudentId = student.Id }))
            .Read<Placement>(HttpStatusCode.Created);
        await (await employerAdmin.PostJson($"/api/v1/placements/{placement.Id}/accept", new { })).Read<Placement>();
        await (await coordinator.PostJson($"/api/v1/placements/{placement.Id}/approve", new ApprovePlacementRequest { ExpiresOn = Wednesday.AddDays(30) })).Read<Placement>();
        await (await coordinator.SendAsync(new HttpRequestMessage(HttpMethod.Put, $"/api/v1/placements/{placement.Id}/agreement")
        {
            Content = JsonContent.Create((terms ?? (t => t))(new AgreementRequest
            {
                Objectives = [new LearningObjective { Description = "Shadow the team" }], SupervisorName = "Sam", SupervisorEmail = "sam@employer.example.test",
                Compensation = "unpaid", Credit = "none",
            }), options: Http.Json),
        })).Read<Placement>();
        foreach (var (client, party) in new[] { (studentClient, AgreementParty.Student), (supervisor, AgreementParty.Supervisor), (coordinator, AgreementParty.Coordinator) })
        {
            await (await client.PostJson($"/api/v1/placements/{placement.Id}/agreement/acknowledge", new AcknowledgeRequest { Party = party })).Read<Placement>();
        }

        if (age < 18)
        {
            var link = await (await coordinator.PostJson($"/api/v1/placements/{placement.Id}/agreement/links", new CreateLinkRequest { Party = AgreementParty.Guardian }))
                .Read<ActionLink>(HttpStatusCode.Created);
            (await _actors.Anonymous().PostJson($"/api/v1/links/{link.Token}/acknowledge", new LinkAcknowledgeRequest { Name = "Guardian" })).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        (await (await coordinator.GetAsync($"/api/v1/placements/{placement.Id}")).Read<Placement>()).Status.Should().Be(PlacementStatus.Active);
        return new Active(placement.Id, studentClient, supervisor, coordinator, world);
    }

    private static LogHoursRequest Entry(DateOnly date, string start, int minutes) => new() { Date = date, Start = start, Minutes = minutes, Activity = "Sorted samples with the lab tech" };

    [Fact]
    public async Task Logged_hours_are_approved_and_locked_or_rejected_with_a_reason_and_corrected()
    {
        var a = await ActivePlacement(age: 17);
        var url = $"/api/v1/placements/{a.PlacementId}/hours";
        var first = await (await a.Student.PostJson(url, Entry(Wednesday, "15:30", 120))).Read<HoursEntry>(HttpStatusCode.Created);
        var second = await (await a.Student.PostJson(url, Entry(Wednesday.AddDays(-1), "15:30", 90))).Read<HoursEntry>(HttpStatusCode.Created);
        first.Status.Should().Be(HoursStatus.Submitted);

        await (await a.Student.PostJson($"/api/v1/hours/{first.Id}/decision", new HoursDecisionRequest { Approve = true })).ShouldBeProblem(HttpStatusCode.Forbidden, "students do not approve their own hours");
        var approved = await (await a.Supervisor.PostJson($"/api/v1/hours/{first.Id}/decision", new HoursDecisionRequest { Approve = true })).Read<HoursEntry>();
        approved.Should().BeEquivalentTo(new { Status = HoursStatus.Approved, Locked = true });
        await (await a.Supervisor.PostJson($"/api/v1/hours/{first.Id}/decision", new HoursDecisionRequest { Approve = false, Reason = "oops" })).ShouldBeProblem(HttpStatusCode.Conflict);
        await (await Put(a.Student, $"/api/v1/hours/{first.Id}", Entry(Wednesday, "15:30", 180))).ShouldBeProblem(HttpStatusCode.Conflict, "approved hours are locked");
        await (await a.Student.DeleteAsync($"/api/v1/hours/{first.Id}")).ShouldBeProblem(HttpStatusCode.Conflict);

        await (await a.Supervisor.PostJson($"/api/v1/hours/{second.Id}/decision", new HoursDecisionRequest { Approve = false })).ShouldBeProblem(HttpStatusCode.BadRequest, "a rejection needs a reason");
        var rejected = await (await a.Supervisor.PostJson($"/api/v1/hours/{second.Id}/decision", new HoursDecisionRequest { Approve = false, Reason = "You left at 16:30" }))
            .Read<HoursEntry>();
        rejected.Should().BeEquivalentTo(new { Status = HoursStatus.Rejected, Reason = "You left at 16:30" });
        var corrected = await (await Put(a.Student, $"/api/v1/hours/{second.Id}", Entry(Wednesday.AddDays(-1), "15:30", 60))).Read<HoursEntry>();
        corrected.Should().BeEquivalentTo(new { Status = HoursStatus.Submitted, Minutes = 60, Reason = (string?)null });

        var log = await (await a.Coordinator.GetAsync(url)).Read<HoursLog>();
        log.Should().BeEquivalentTo(new { ApprovedMinutes = 120, SubmittedMinutes = 60 });
        log.Entries.Should().HaveCount(2);
        var me = await (await a.Student.GetAsync("/api/v1/me")).Read<CurrentCaller>();
        var totals = await (await a.Coordinator.GetAsync($"/api/v1/students/{me.StudentId}/hours")).Read<StudentHours>();
        totals.ApprovedMinutes.Should().Be(120);
        totals.Placements.Should().ContainSingle().Which.SubmittedMinutes.Should().Be(60);
    }

    [Fact]
    public async Task Child_labor_rules_for_a_fifteen_year_old_are_a_clear_422()
    {
        var a = await ActivePlacement(age: 15);
        var url = $"/api/v1/placements/{a.PlacementId}/hours";
        (await a.Student.PostJson(url, Entry(Wednesday, "15:30", 180))).StatusCode.Should().Be(HttpStatusCode.Created);
        var tooLong = await (await a.Student.PostJson(url, Entry(Wednesday, "18:30", 15))).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        tooLong.Detail.Should().Contain("29 CFR 570.35").And.Contain("3 hours on a school day");
        (await (await a.Student.PostJson(url, Entry(Wednesday.AddDays(-1), "06:30", 60))).ShouldBeProblem(HttpStatusCode.UnprocessableEntity))
            .Detail.Should().Contain("between 7 a.m. and 7 p.m.");
        (await a.Student.PostJson(url, Entry(Wednesday.AddDays(-4), "09:00", 8 * 60))).StatusCode.Should().Be(HttpStatusCode.Created, "a Saturday allows 8 hours");
    }

    [Fact]
    public async Task Hours_outside_the_agreements_dates_or_schedule_or_not_yet_worked_are_a_clear_422()
    {
        var a = await ActivePlacement(age: 18, terms: t => t with
        {
            StartDate = Wednesday.AddDays(-7), EndDate = Wednesday.AddDays(14),
            Schedule = [new WeeklySlot { Day = DayOfWeek.Wednesday, Start = "15:00", End = "19:00" }, new WeeklySlot { Day = DayOfWeek.Saturday, Start = "09:00", End = "13:00" }],
        });
        var url = $"/api/v1/placements/{a.PlacementId}/hours";
        (await a.Student.PostJson(url, Entry(Wednesday, "15:30", 120))).StatusCode.Should().Be(HttpStatusCode.Created);
        (await (await a.Student.PostJson(url, Entry(Wednesday.AddDays(-14), "15:30", 60))).ShouldBeProblem(HttpStatusCode.UnprocessableEntity))
            .Detail.Should().Be("The training agreement starts on 2027-02-03; hours on 2027-01-27 come before it.");
        (await (await a.Student.PostJson(url, Entry(Wednesday.AddDays(-1), "15:30", 60))).ShouldBeProblem(HttpStatusCode.UnprocessableEntity))
            .Detail.Should().Contain("schedule is Wednesday 15:00–19:00, Saturday 09:00–13:00; Tuesday 15:30–16:30 is outside it");
        (await (await a.Student.PostJson(url, Entry(Wednesday.AddDays(-7), "18:30", 60))).ShouldBeProblem(HttpStatusCode.UnprocessableEntity))
            .Detail.Should().Contain("Wednesday 18:30–19:30 is outside it", "the entry must end within the slot");
        (await a.Student.PostJson(url, Entry(Wednesday.AddDays(-4), "09:00", 240))).StatusCode.Should().Be(HttpStatusCode.Created);
        (await (await a.Student.PostJson(url, Entry(Wednesday.AddDays(1), "09:00", 60))).ShouldBeProblem(HttpStatusCode.UnprocessableEntity))
            .Detail.Should().Be("Hours are logged once worked: 2027-02-11 is after today (2027-02-10).", "tomorrow in the region's time zone (the request's own check leaves a day for time zones)");
        var first = (await (await a.Student.GetAsync(url)).Read<HoursLog>()).Entries.First();
        await (await Put(a.Student, $"/api/v1/hours/{first.Id}", Entry(Wednesday.AddDays(-1), "15:30", 60)))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "a correction is held to the same rules");
    }

    [Fact]
    public async Task Where_the_region_applies_californias_rule_a_sixteen_year_old_works_four_hours_on_a_school_day_or_eight_in_work_experience()
    {
        var a = await ActivePlacement(age: 16);
        var wee = await ActivePlacement(age: 16, terms: t => t with { WorkExperienceEducation = true });
        var url = $"/api/v1/placements/{a.PlacementId}/hours";
        (await a.Student.PostJson(url, Entry(Wednesday.AddDays(-7), "14:00", 6 * 60))).StatusCode.Should().Be(HttpStatusCode.Created, "the federal rule sets no limit at 16");

        var admin = await _actors.Admin();
        var rules = $"/api/v1/regions/{a.World.One.Region.Id}/work-rules";
        var read = await admin.GetAsync(rules);
        (await read.Read<WorkRules>()).MinorHoursRule.Should().Be(MinorHoursRule.Federal, "the default");
        await (await Put(await _actors.As(Role.SchoolCoordinator, a.World.One.SchoolA.Id), rules, new UpdateWorkRulesRequest { MinorHoursRule = MinorHoursRule.California },
            read.Headers.ETag!.Tag)).ShouldBeProblem(HttpStatusCode.Forbidden);
        (await (await Put(admin, rules, new UpdateWorkRulesRequest { MinorHoursRule = MinorHoursRule.California }, read.Headers.ETag!.Tag)).Read<WorkRules>())
            .MinorHoursRule.Should().Be(MinorHoursRule.California);

        (await (await a.Student.PostJson(url, Entry(Wednesday, "14:00", 5 * 60))).ShouldBeProblem(HttpStatusCode.UnprocessableEntity))
            .Detail.Should().StartWith("California Labor Code 1391(a)(4)").And.Contain("at most 4 hours on a school day");
        (await a.Student.PostJson(url, Entry(Wednesday, "14:00", 4 * 60))).StatusCode.Should().Be(HttpStatusCode.Created);
        (await (await a.Student.PostJson(url, Entry(Wednesday.AddDays(-1), "21:00", 90))).ShouldBeProblem(HttpStatusCode.UnprocessableEntity))
            .Detail.Should().Contain("10 p.m. on a day before a school day");
        (await a.Student.PostJson(url, Entry(Wednesday.AddDays(-4), "16:30", 8 * 60))).StatusCode.Should().Be(HttpStatusCode.Created,
            "on a Saturday, 8 hours, and the evening before a non-school day may run to 12:30 a.m.");

        // In school-approved work experience (a flag of the agreement), up to 8 hours on a school day.
        var weeRules = $"/api/v1/regions/{wee.World.One.Region.Id}/work-rules";
        var weeRead = await admin.GetAsync(weeRules);
        await (await Put(admin, weeRules, new UpdateWorkRulesRequest { MinorHoursRule = MinorHoursRule.California }, weeRead.Headers.ETag!.Tag)).Read<WorkRules>();
        var weeUrl = $"/api/v1/placements/{wee.PlacementId}/hours";
        (await wee.Student.PostJson(weeUrl, Entry(Wednesday, "09:00", 7 * 60))).StatusCode.Should().Be(HttpStatusCode.Created);
        (await (await wee.Student.PostJson(weeUrl, Entry(Wednesday, "17:00", 90))).ShouldBeProblem(HttpStatusCode.UnprocessableEntity))
            .Detail.Should().Contain("at most 8 hours in a day");
    }

    [Fact]
    public async Task A_student_is_asked_to_reflect_on_an_active_placement_until_they_do()
    {
        var a = await ActivePlacement(age: 17);
        async Task<ActionItem?> Due() =>
            (await (await a.Student.GetAsync("/api/v1/me/actions")).Read<List<ActionItem>>()).SingleOrDefault(i => i.Kind == ActionKind.WriteReflections);
        (await Due())!.PlacementIds.Should().Equal(a.PlacementId);
        (await (await a.Coordinator.GetAsync("/api/v1/me/actions")).Read<List<ActionItem>>()).Should().NotContain(i => i.Kind == ActionKind.WriteReflections, "only the student reflects");
        await (await a.Student.PostJson($"/api/v1/placements/{a.PlacementId}/reflections", new SubmitReflectionRequest { Text = "I learned to label samples safely." }))
            .Read<Reflection>(HttpStatusCode.Created);
        (await Due()).Should().BeNull("reflected within two weeks");
    }

    [Fact]
    public async Task A_supervisor_without_an_account_decides_through_a_one_time_link()
    {
        var a = await ActivePlacement(age: 18);
        var entry = await (await a.Student.PostJson($"/api/v1/placements/{a.PlacementId}/hours", Entry(Wednesday, "15:30", 90))).Read<HoursEntry>(HttpStatusCode.Created);
        await (await a.Student.PostAsync($"/api/v1/hours/{entry.Id}/link", null)).ShouldBeProblem(HttpStatusCode.Forbidden);
        var link = await (await a.Coordinator.PostAsync($"/api/v1/hours/{entry.Id}/link", null)).Read<ActionLink>(HttpStatusCode.Created);

        var anonymous = _actors.Anonymous();
        var shown = await (await anonymous.GetAsync($"/api/v1/links/{link.Token}/hours")).Read<LinkedHoursEntry>();
        shown.StudentFirstName.Should().Be("Leo");
        shown.Entry.Minutes.Should().Be(90);
        await (await anonymous.PostJson($"/api/v1/links/{link.Token}/hours", new HoursDecisionRequest { Approve = true })).ShouldBeProblem(HttpStatusCode.BadRequest, "say who decides");
        var decided = await (await anonymous.PostJson($"/api/v1/links/{link.Token}/hours", new HoursDecisionRequest { Approve = true, Name = "Sam Supervisor" })).Read<LinkedHoursEntry>();
        decided.Entry.Status.Should().Be(HoursStatus.Approved);
        await (await anonymous.PostJson($"/api/v1/links/{link.Token}/hours", new HoursDecisionRequest { Approve = true, Name = "Sam" })).ShouldBeProblem(HttpStatusCode.Gone);
    }

    [Fact]
    public async Task Hours_need_an_active_placement_valid_input_and_stay_within_the_tenant()
    {
        var a = await ActivePlacement(age: 18);
        var url = $"/api/v1/placements/{a.PlacementId}/hours";
        (await (await a.Student.PostJson(url, new LogHoursRequest { Date = Wednesday, Start = "25:00", Minutes = 0, Activity = "" })).ShouldBeProblem(HttpStatusCode.BadRequest))
            .Errors.Should().ContainKeys("start", "minutes", "activity");
        await (await a.Student.PostJson(url, Entry(Wednesday.AddDays(5), "15:00", 60))).ShouldBeProblem(HttpStatusCode.BadRequest, "not in the future");

        var stranger = await _actors.As(Role.Teacher, a.World.One.SchoolB.Id);
        await (await stranger.GetAsync(url)).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await stranger.PostJson(url, Entry(Wednesday, "15:00", 60))).ShouldBeProblem(HttpStatusCode.NotFound);
        var otherEmployer = await _actors.As(Role.Supervisor, a.World.Two.Employer.Id);
        var entry = await (await a.Student.PostJson(url, Entry(Wednesday, "15:00", 60))).Read<HoursEntry>(HttpStatusCode.Created);
        await (await otherEmployer.PostJson($"/api/v1/hours/{entry.Id}/decision", new HoursDecisionRequest { Approve = true })).ShouldBeProblem(HttpStatusCode.NotFound);

        (await (await a.Coordinator.PostJson($"/api/v1/placements/{a.PlacementId}/complete", new CompletePlacementRequest())).ShouldBeProblem(HttpStatusCode.UnprocessableEntity))
            .Detail.Should().Contain("1 hours entry is not yet approved or rejected");
        await (await a.Coordinator.PostJson($"/api/v1/placements/{a.PlacementId}/complete", new CompletePlacementRequest { Reason = "Closing the term." })).Read<Placement>();
        await (await a.Student.PostJson(url, Entry(Wednesday, "16:00", 30))).ShouldBeProblem(HttpStatusCode.Conflict, "the placement is no longer active");
    }

    private static Task<HttpResponseMessage> Put<T>(HttpClient client, string url, T body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(body, options: Http.Json) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return client.SendAsync(request);
    }

    [Fact]
    public async Task The_employer_evaluates_against_the_rubric_and_the_student_reflects()
    {
        var a = await ActivePlacement(age: 17);
        var rubric = await (await a.Coordinator.GetAsync($"/api/v1/regions/{a.World.One.Region.Id}/rubric")).Read<Rubric>();
        rubric.Criteria.Should().HaveCount(9);
        rubric.Criteria.Select(c => c.Category).Distinct().Should().HaveCount(3);
        rubric.Levels.Should().HaveCount(4);

        var ratings = rubric.Criteria.Select((c, i) => new CriterionRating { CriterionId = c.Id, Level = i == 0 ? null : 2 + i % 2 }).ToList();
        var url = $"/api/v1/placements/{a.PlacementId}/evaluations";
        await (await a.Student.PostJson(url, new SubmitEvaluationRequest { Kind = EvaluationKind.Midpoint, Ratings = ratings })).ShouldBeProblem(HttpStatusCode.Forbidden);
        (await (await a.Supervisor.PostJson(url, new SubmitEvaluationRequest { Kind = EvaluationKind.Midpoint, Ratings = ratings.Skip(1).ToList() }))
            .ShouldBeProblem(HttpStatusCode.BadRequest)).Errors!["ratings"].Single().Should().Contain("is not rated");
        (await (await a.Supervisor.PostJson(url, new SubmitEvaluationRequest { Kind = EvaluationKind.Midpoint, Ratings = [.. ratings.Skip(1), new CriterionRating { CriterionId = ratings[0].CriterionId, Level = 7 }] }))
            .ShouldBeProblem(HttpStatusCode.BadRequest)).Errors!["ratings"].Single().Should().Contain("1–4");
        var midpoint = await (await a.Supervisor.PostJson(url, new SubmitEvaluationRequest { Kind = EvaluationKind.Midpoint, Ratings = ratings, Comments = "Good start" }))
            .Read<Evaluation>(HttpStatusCode.Created);
        midpoint.AverageLevel.Should().Be(2.5, "N/A is left out of the average");
        await (await a.Supervisor.PostJson(url, new SubmitEvaluationRequest { Kind = EvaluationKind.Midpoint, Ratings = ratings })).ShouldBeProblem(HttpStatusCode.Conflict);
        (await a.Supervisor.PostJson(url, new SubmitEvaluationRequest { Kind = EvaluationKind.Final, Ratings = ratings.Select(r => r with { Level = 4 }).ToList() }))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        (await (await a.Student.GetAsync(url)).Read<List<Evaluation>>()).Select(e => e.Kind).Should().Equal(EvaluationKind.Midpoint, EvaluationKind.Final);

        var reflections = $"/api/v1/placements/{a.PlacementId}/reflections";
        await (await a.Supervisor.PostJson(reflections, new SubmitReflectionRequest { Text = "Not mine to write" })).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await a.Student.PostJson(reflections, new SubmitReflectionRequest { Text = "Great", Rating = 6 })).ShouldBeProblem(HttpStatusCode.BadRequest);
        (await (await a.Student.PostJson(reflections, new SubmitReflectionRequest { Text = "I learned how a lab keeps samples traceable.", Rating = 5 }))
            .Read<Reflection>(HttpStatusCode.Created)).Rating.Should().Be(5);
        (await (await a.Coordinator.GetAsync(reflections)).Read<List<Reflection>>()).Should().ContainSingle();
        await (await a.Supervisor.GetAsync(reflections)).ShouldBeProblem(HttpStatusCode.NotFound, "reflections are not shown to employers");
    }

    [Fact]
    public async Task Conveners_define_their_regions_rubric()
    {
        var world = await _actors.World();
        var convener = await _actors.As(Role.ConvenerAdmin, world.One.Region.Id);
        var url = $"/api/v1/regions/{world.One.Region.Id}/rubric";
        var custom = new Rubric
        {
            Name = "Bay Valley employability rubric",
            Levels = [new RubricLevel { Level = 1, Label = "Emerging" }, new RubricLevel { Level = 2, Label = "Developing" }, new RubricLevel { Level = 3, Label = "Proficient" }],
            Criteria = [new RubricCriterion { Id = "punctuality", Category = "Professionalism", Description = "Arrives on time" }],
        };
        var initial = await convener.GetAsync(url);
        initial.Headers.ETag!.Tag.Should().Be("\"0\"", "the default rubric has never been saved");
        var saved = await (await Put(convener, url, custom, "\"0\"")).Read<Rubric>();
        saved.Should().BeEquivalentTo(new { custom.Name, Version = 1 });
        (await (await (await _actors.As(Role.Teacher, world.One.SchoolA.Id)).GetAsync(url)).Read<Rubric>()).Criteria.Should().ContainSingle();

        // Another convener editing from version 0 does not overwrite it, and a PUT without If-Match is refused.
        await (await Put(convener, url, custom with { Name = "Stale edit" }, "\"0\"")).ShouldBeProblem(HttpStatusCode.PreconditionFailed);
        await (await Put(convener, url, custom with { Name = "Blind edit" })).ShouldBeProblem((HttpStatusCode)428);
        (await (await convener.GetAsync(url)).Read<Rubric>()).Should().BeEquivalentTo(new { custom.Name, Version = 1 });

        await (await Put(await _actors.As(Role.DistrictAdmin, world.One.DistrictA.Id), url, custom, "*")).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await Put(await _actors.As(Role.ConvenerAdmin, world.Two.Region.Id), url, custom, "*")).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await Put(convener, url, custom with { Levels = [new RubricLevel { Level = 2, Label = "x" }] }, "*")).ShouldBeProblem(HttpStatusCode.BadRequest);
    }
}
