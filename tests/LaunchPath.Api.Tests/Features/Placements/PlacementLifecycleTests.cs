using System.Net;
using System.Net.Http.Json;
using Dapper;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Tests.Features.Opportunities;
using LaunchPath.Api.Tests.Infrastructure;
using LaunchPath.Contracts.Common;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Matching;
using LaunchPath.Contracts.Opportunities;
using LaunchPath.Contracts.People;
using LaunchPath.Contracts.Placements;
using Microsoft.Extensions.DependencyInjection;

namespace LaunchPath.Api.Tests.Features.Placements;

/// <summary>
/// The placement from application to completion, with the employer's limited view, the school's approval, the
/// training agreement and its acknowledgements (guardian consent for minors, one-time links), on a clock the test controls.
/// </summary>
public sealed partial class PlacementLifecycleTests : IDisposable
{
    private const string PublicUrl = "https://launchpath.example.test";
    private readonly TestClock _clock = new();
    private readonly SmtpTestServer _smtp = new();
    private readonly ApiFactory _factory;
    private readonly Actors _actors;

    public PlacementLifecycleTests()
    {
        // Messages go to a real SMTP server on loopback; the tests run the sender themselves (SendDueAsync).
        _factory = new ApiFactory(DatabaseProvider.Sqlite, _smtp.ApiSettings(PublicUrl), services: services => services.AddSingleton<TimeProvider>(_clock));
        _actors = new Actors(_factory);
    }

    public void Dispose()
    {
        _factory.Dispose();
        _smtp.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private sealed record Scene(World World, Opportunity Opportunity, Student Student, HttpClient StudentClient, HttpClient Employer, HttpClient Coordinator, string StudentEmail);

    private async Task<Scene> SetUp(int grade = 11, DateOnly? birthDate = null, Action<OpportunityFieldsBuilder>? opportunity = null)
    {
        var world = await _actors.World();
        var admin = await _actors.Admin();
        var draft = await (await admin.PostJson("/api/v1/opportunities", new CreateOpportunityRequest
        {
            EmployerId = world.One.Employer.Id,
            Fields = OpportunitiesTests.Fields(f => { f.Stage = ContinuumStage.Exploration; opportunity?.Invoke(f); }),
        })).Read<Opportunity>(HttpStatusCode.Created);
        await (await admin.PostAsync($"/api/v1/opportunities/{draft.Id}/submit", null)).Read<Opportunity>();
        var published = await (await admin.PostAsync($"/api/v1/opportunities/{draft.Id}/approve", null)).Read<Opportunity>();

        var coordinator = await _actors.As(Role.SchoolCoordinator, world.One.SchoolA.Id);
        var email = $"st{Guid.NewGuid():N}@students.example.test";
        var student = await (await coordinator.PostJson("/api/v1/students", new StudentRecordFields
        {
            SchoolId = world.One.SchoolA.Id, GivenName = "Maya", FamilyName = "Reyes", Email = email, Grade = grade,
            BirthDate = birthDate ?? DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime).AddYears(-16),
        })).Read<Student>(HttpStatusCode.Created);
        await (await coordinator.PostJson($"/api/v1/students/{student.Id}/account", new CreateStudentAccountRequest { Password = Actors.Password }))
            .Read<StudentAccount>(HttpStatusCode.Created);
        var studentClient = await _actors.SignIn(email, Actors.Password);
        var employer = await _actors.As(Role.EmployerAdmin, world.One.Employer.Id);
        return new Scene(world, published, student, studentClient, employer, coordinator, email);
    }

    private static Task<HttpResponseMessage> Act(HttpClient client, string id, string action, object? body = null) =>
        client.PostJson($"/api/v1/placements/{id}/{action}", body ?? new { });

    private static AgreementRequest Terms => new()
    {
        Objectives = [new LearningObjective { Description = "Run a lab safety check with a mentor", Skills = ["Lab safety"] }],
        Schedule = [new WeeklySlot { Day = DayOfWeek.Tuesday, Start = "15:30", End = "17:30" }],
        SupervisorName = "Dr. Lena Ortiz",
        SupervisorEmail = "lena.ortiz@employer.example.test",
        Compensation = "unpaid",
        Credit = "WBL hours toward the pathway",
    };

    private DateOnly Today => DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);

    private async Task<int> Disclosures(string studentId)
    {
        await using var connection = await _factory.Services.GetRequiredService<Db>().OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM disclosures WHERE student_id = @Id", new { Id = Guid.Parse(studentId) });
    }

    private async Task<(int Count, int ByKey)> DisclosureLog(string studentId)
    {
        await using var connection = await _factory.Services.GetRequiredService<Db>().OpenAsync(CancellationToken.None);
        return (await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM disclosures WHERE student_id = @Id", new { Id = Guid.Parse(studentId) }),
            await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM disclosures WHERE student_id = @Id AND disclosed_to_api_key IS NOT NULL", new { Id = Guid.Parse(studentId) }));
    }

    [Fact]
    public async Task An_employers_api_key_sees_no_more_than_its_users_and_every_view_through_it_is_logged()
    {
        var s = await SetUp();
        var applied = await (await s.StudentClient.PostJson("/api/v1/placements", new CreatePlacementRequest
        {
            OpportunityId = s.Opportunity.Id, StudentId = s.Student.Id,
        })).Read<Placement>(HttpStatusCode.Created);
        // A student placed by the school, who has no account: "the student viewing" must not match a key's missing user either.
        var nominee = await (await s.Coordinator.PostJson("/api/v1/students", new StudentRecordFields
        {
            SchoolId = s.World.One.SchoolA.Id, GivenName = "Leo", FamilyName = "Tran", Email = $"leo{Guid.NewGuid():N}@students.example.test", Grade = 11,
            BirthDate = Today.AddYears(-16),
        })).Read<Student>(HttpStatusCode.Created);
        var nominated = await (await s.Coordinator.PostJson("/api/v1/placements", new CreatePlacementRequest
        {
            OpportunityId = s.Opportunity.Id, StudentId = nominee.Id,
        })).Read<Placement>(HttpStatusCode.Created);

        var employerAdmin = s.Employer;
        var created = await (await employerAdmin.PostJson($"/api/v1/organizations/{s.World.One.Employer.Id}/api-keys",
            new CreateApiKeyRequest { Name = "ATS", Permissions = [Permission.OpportunitiesRead, Permission.OpportunitiesWrite] })).Read<CreatedApiKey>(HttpStatusCode.Created);
        var key = _actors.WithApiKey(created.Key);

        foreach (var (placement, student, family) in new[] { (applied, s.Student, "Reyes"), (nominated, nominee, "Tran") })
        {
            var before = await DisclosureLog(student.Id);
            var asUser = await (await employerAdmin.GetAsync($"/api/v1/placements/{placement.Id}")).Read<Placement>();
            var response = await key.GetAsync($"/api/v1/placements/{placement.Id}");
            var text = await response.Content.ReadAsStringAsync();
            var asKey = await response.Read<Placement>();
            asKey.StudentName.Should().Be(asUser.StudentName, "a key sees what the employer's users see");
            asKey.StudentEmail.Should().BeNull("no email before the school approves");
            text.Should().NotContain(family).And.NotContain("@students.example.test");
            var listed = await (await key.GetAsync($"/api/v1/placements?opportunityId={s.Opportunity.Id}")).Read<PlacementPage>();
            listed.Items.Should().OnlyContain(p => p.StudentEmail == null && !p.StudentName.Contains(' '));

            var after = await DisclosureLog(student.Id);
            after.Count.Should().Be(before.Count + 3, "the user's view, the key's view and the key's list view are each a disclosure");
            after.ByKey.Should().Be(before.ByKey + 2, "the log names the key that read the student's data");
        }

        // The student's records export shows the key's disclosures.
        var records = await (await (await _actors.Admin()).GetAsync($"/api/v1/students/{nominee.Id}/records")).Read<StudentRecordsExport>();
        records.Disclosures.Should().HaveCountGreaterThanOrEqualTo(3);
    }

    [Fact]
    public async Task Application_to_completion_with_guardian_consent_for_a_minor()
    {
        var s = await SetUp();

        var applied = await (await s.StudentClient.PostJson("/api/v1/placements", new CreatePlacementRequest
        {
            OpportunityId = s.Opportunity.Id, StudentId = s.Student.Id, Note = "I want to see a clinical lab.",
        })).Read<Placement>(HttpStatusCode.Created);
        applied.Should().BeEquivalentTo(new { Status = PlacementStatus.Requested, Source = "application" });
        await (await s.StudentClient.PostJson("/api/v1/placements", new CreatePlacementRequest { OpportunityId = s.Opportunity.Id, StudentId = s.Student.Id }))
            .ShouldBeProblem(HttpStatusCode.Conflict);

        // The employer sees only what it needs: first name, grade, school — no email before approval, no subgroups.
        var employerView = await (await s.Employer.GetAsync($"/api/v1/placements/{applied.Id}")).Read<Placement>();
        employerView.StudentName.Should().Be("Maya");
        employerView.StudentEmail.Should().BeNull();
        (await s.Employer.GetStringAsync($"/api/v1/placements/{applied.Id}")).Should().NotContain("Reyes").And.NotContain("subgroups");
        (await Disclosures(s.Student.Id)).Should().BeGreaterThanOrEqualTo(2, "every employer view is recorded");
        var disclosuresAfterViews = await Disclosures(s.Student.Id);
        (await s.Coordinator.GetAsync($"/api/v1/placements/{applied.Id}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Disclosures(s.Student.Id)).Should().Be(disclosuresAfterViews, "school staff are not an outside party");

        await (await Act(s.Coordinator, applied.Id, "approve", new ApprovePlacementRequest { ExpiresOn = Today.AddDays(30) })).ShouldBeProblem(HttpStatusCode.Conflict, "the employer has not accepted yet");
        await (await Act(s.StudentClient, applied.Id, "accept")).ShouldBeProblem(HttpStatusCode.Forbidden);
        (await (await Act(s.Employer, applied.Id, "accept")).Read<Placement>()).Status.Should().Be(PlacementStatus.Accepted);
        await (await Act(s.Employer, applied.Id, "approve", new ApprovePlacementRequest { ExpiresOn = Today.AddDays(30) })).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await Act(s.Coordinator, applied.Id, "approve", new ApprovePlacementRequest { ExpiresOn = Today.AddDays(-1) })).ShouldBeProblem(HttpStatusCode.BadRequest);
        var approved = await (await Act(s.Coordinator, applied.Id, "approve", new ApprovePlacementRequest { ExpiresOn = Today.AddDays(30) })).Read<Placement>();
        approved.Status.Should().Be(PlacementStatus.Approved);
        (await (await s.Employer.GetAsync($"/api/v1/placements/{applied.Id}")).Read<Placement>()).StudentEmail.Should().NotBeNull("contact details after approval");

        // The agreement; everyone acknowledges; the guardian through a one-time link.
        await (await s.Coordinator.PostJson($"/api/v1/placements/{applied.Id}/agreement/acknowledge", new AcknowledgeRequest { Party = AgreementParty.Coordinator }))
            .ShouldBeProblem(HttpStatusCode.Conflict, "no agreement yet");
        var pending = await (await Put(s.Employer, $"/api/v1/placements/{applied.Id}/agreement", Terms)).Read<Placement>();
        pending.Status.Should().Be(PlacementStatus.AgreementPending);
        pending.Agreement!.RequiredParties.Should().BeEquivalentTo([AgreementParty.Student, AgreementParty.Guardian, AgreementParty.Supervisor, AgreementParty.Coordinator]);

        await Acknowledge(s.StudentClient, applied.Id, AgreementParty.Student);
        await (await s.StudentClient.PostJson($"/api/v1/placements/{applied.Id}/agreement/acknowledge", new AcknowledgeRequest { Party = AgreementParty.Coordinator }))
            .ShouldBeProblem(HttpStatusCode.Forbidden);
        await Acknowledge(s.Employer, applied.Id, AgreementParty.Supervisor);
        var afterCoordinator = await Acknowledge(s.Coordinator, applied.Id, AgreementParty.Coordinator);
        afterCoordinator.Status.Should().Be(PlacementStatus.AgreementPending, "a minor needs a guardian's acknowledgement");
        await (await s.Coordinator.PostJson($"/api/v1/placements/{applied.Id}/agreement/acknowledge", new AcknowledgeRequest { Party = AgreementParty.Coordinator }))
            .ShouldBeProblem(HttpStatusCode.Conflict, "once per party");

        var link = await (await s.Coordinator.PostJson($"/api/v1/placements/{applied.Id}/agreement/links", new CreateLinkRequest { Party = AgreementParty.Guardian }))
            .Read<ActionLink>(HttpStatusCode.Created);
        var anonymous = _actors.Anonymous();
        var terms = await (await anonymous.GetAsync($"/api/v1/links/{link.Token}")).Read<LinkedAgreement>();
        terms.Should().BeEquivalentTo(new { Party = AgreementParty.Guardian, StudentFirstName = "Maya" });
        terms.Terms.SupervisorName.Should().Be("Dr. Lena Ortiz");
        await (await anonymous.PostJson($"/api/v1/links/{link.Token}/acknowledge", new LinkAcknowledgeRequest { Name = "" })).ShouldBeProblem(HttpStatusCode.BadRequest);
        (await anonymous.PostJson($"/api/v1/links/{link.Token}/acknowledge", new LinkAcknowledgeRequest { Name = "Ana Reyes" })).StatusCode.Should().Be(HttpStatusCode.OK);
        await (await anonymous.PostJson($"/api/v1/links/{link.Token}/acknowledge", new LinkAcknowledgeRequest { Name = "Ana Reyes" })).ShouldBeProblem(HttpStatusCode.Gone, "single use");
        await (await anonymous.GetAsync("/api/v1/links/not-a-real-token-but-long-enough")).ShouldBeProblem(HttpStatusCode.NotFound);

        var active = await (await s.StudentClient.GetAsync($"/api/v1/placements/{applied.Id}")).Read<Placement>();
        active.Status.Should().Be(PlacementStatus.Active);
        active.Agreement!.Acknowledgements.Should().Contain(a => a.Party == AgreementParty.Guardian && a.Via == "link" && a.Name == "Ana Reyes");

        await (await Act(s.Employer, applied.Id, "complete")).ShouldBeProblem(HttpStatusCode.Forbidden);
        active.CompletionGaps.Should().BeNull("the student may not complete it");
        (await (await s.Coordinator.GetAsync($"/api/v1/placements/{applied.Id}")).Read<Placement>()).CompletionGaps
            .Should().Equal(["The employer has not submitted the final evaluation"]);
        (await (await Act(s.Coordinator, applied.Id, "complete", new CompletePlacementRequest { CreditEarned = "10 WBL hours" })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity))
            .Detail.Should().Contain("final evaluation").And.Contain("Give a reason");
        var completed = await (await Act(s.Coordinator, applied.Id, "complete", new CompletePlacementRequest
        {
            CreditEarned = "10 WBL hours", Reason = "The employer closed; the coordinator observed the final week.",
        })).Read<Placement>();
        completed.Status.Should().Be(PlacementStatus.Completed);
        completed.DecisionReason.Should().Be("The employer closed; the coordinator observed the final week.", "the reason is recorded");
        completed.CreditEarned.Should().Be("10 WBL hours");
        completed.CompletedAt.Should().NotBeNull();
        await (await Act(s.Coordinator, applied.Id, "withdraw", new DecisionRequest { Reason = "late" })).ShouldBeProblem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Completing_an_exploration_moves_the_student_along_the_continuum_for_recommendations()
    {
        var s = await SetUp(birthDate: DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-19));
        var admin = await _actors.Admin();
        var internship = await (await admin.PostJson("/api/v1/opportunities", new CreateOpportunityRequest
        {
            EmployerId = s.World.One.Employer.Id,
            Fields = OpportunitiesTests.Fields(f => { f.Title = "Lab internship"; f.Stage = ContinuumStage.Training; }),
        })).Read<Opportunity>(HttpStatusCode.Created);
        await (await admin.PostAsync($"/api/v1/opportunities/{internship.Id}/submit", null)).Read<Opportunity>();
        await (await admin.PostAsync($"/api/v1/opportunities/{internship.Id}/approve", null)).Read<Opportunity>();

        async Task<RecommendedOpportunity> InternshipRecommendation() =>
            (await (await s.StudentClient.GetAsync($"/api/v1/students/{s.Student.Id}/recommendations?limit=100")).Read<List<RecommendedOpportunity>>())
            .Single(r => r.Opportunity.Id == internship.Id);
        (await InternshipRecommendation()).Reasons.Should().Contain(r => r.Code == "exploreFirst");

        var placement = await (await s.Coordinator.PostJson("/api/v1/placements", new CreatePlacementRequest { OpportunityId = s.Opportunity.Id, StudentId = s.Student.Id }))
            .Read<Placement>(HttpStatusCode.Created);
        placement.Source.Should().Be("assignment");
        await (await Act(s.Employer, placement.Id, "accept")).Read<Placement>();
        await (await Act(s.Coordinator, placement.Id, "approve", new ApprovePlacementRequest { ExpiresOn = Today.AddDays(10) })).Read<Placement>();
        var pending = await (await Put(s.Coordinator, $"/api/v1/placements/{placement.Id}/agreement", Terms)).Read<Placement>();
        pending.Agreement!.RequiredParties.Should().NotContain(AgreementParty.Guardian, "an adult student needs no guardian");
        await Acknowledge(s.StudentClient, placement.Id, AgreementParty.Student);
        await Acknowledge(s.Employer, placement.Id, AgreementParty.Supervisor);
        (await Acknowledge(s.Coordinator, placement.Id, AgreementParty.Coordinator)).Status.Should().Be(PlacementStatus.Active);
        await (await Act(s.Coordinator, placement.Id, "complete", new CompletePlacementRequest { Reason = "No final evaluation: the site closed." })).Read<Placement>();

        var after = await InternshipRecommendation();
        after.Reasons.Should().NotContain(r => r.Code == "exploreFirst").And.Contain(r => r.Code == "nextStepOnContinuum");
    }

    [Fact]
    public async Task Approvals_and_links_expire()
    {
        var s = await SetUp();
        var placement = await (await s.Coordinator.PostJson("/api/v1/placements", new CreatePlacementRequest { OpportunityId = s.Opportunity.Id, StudentId = s.Student.Id }))
            .Read<Placement>(HttpStatusCode.Created);
        await (await Act(s.Employer, placement.Id, "accept")).Read<Placement>();
        await (await Act(s.Coordinator, placement.Id, "approve", new ApprovePlacementRequest { ExpiresOn = Today.AddDays(2) })).Read<Placement>();
        await (await Put(s.Coordinator, $"/api/v1/placements/{placement.Id}/agreement", Terms)).Read<Placement>();
        var link = await (await s.Coordinator.PostJson($"/api/v1/placements/{placement.Id}/agreement/links", new CreateLinkRequest { Party = AgreementParty.Supervisor }))
            .Read<ActionLink>(HttpStatusCode.Created);

        _clock.Advance(TimeSpan.FromDays(3));
        _actors.ForgetSessions(); // three days on, everyone signs in again
        s = s with { Coordinator = await _actors.As(Role.SchoolCoordinator, s.World.One.SchoolA.Id), StudentClient = await _actors.SignIn(s.StudentEmail, Actors.Password) };
        (await (await s.Coordinator.GetAsync($"/api/v1/placements/{placement.Id}")).Read<Placement>()).Expired.Should().BeTrue();
        (await (await s.StudentClient.PostJson($"/api/v1/placements/{placement.Id}/agreement/acknowledge", new AcknowledgeRequest { Party = AgreementParty.Student }))
            .ShouldBeProblem(HttpStatusCode.Conflict)).Detail.Should().Contain("expired");
        await (await _actors.Anonymous().PostJson($"/api/v1/links/{link.Token}/acknowledge", new LinkAcknowledgeRequest { Name = "Lena" })).ShouldBeProblem(HttpStatusCode.Conflict);

        _clock.Advance(LaunchPath.Api.Domain.ActionLinks.Lifetime);
        await (await _actors.Anonymous().GetAsync($"/api/v1/links/{link.Token}")).ShouldBeProblem(HttpStatusCode.Gone);
        s = s with { StudentClient = await _actors.SignIn(s.StudentEmail, Actors.Password) };
        (await (await Act(s.StudentClient, placement.Id, "withdraw", new DecisionRequest { Reason = "Schedule changed" })).Read<Placement>())
            .Status.Should().Be(PlacementStatus.Withdrawn);
    }

    [Fact]
    public async Task Eligibility_tenancy_and_input_are_checked()
    {
        var s = await SetUp(grade: 9, opportunity: f => f.MinGrade = 11);
        (await (await s.StudentClient.PostJson("/api/v1/placements", new CreatePlacementRequest { OpportunityId = s.Opportunity.Id, StudentId = s.Student.Id }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity)).Detail.Should().Contain("grade 11");
        await (await s.StudentClient.PostJson("/api/v1/placements", new CreatePlacementRequest { OpportunityId = "nope", StudentId = s.Student.Id }))
            .ShouldBeProblem(HttpStatusCode.BadRequest);
        await (await s.Employer.PostJson("/api/v1/placements", new CreatePlacementRequest { OpportunityId = s.Opportunity.Id, StudentId = s.Student.Id }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "employers do not see students");

        var eligible = await SetUp();
        var placement = await (await eligible.StudentClient.PostJson("/api/v1/placements", new CreatePlacementRequest { OpportunityId = eligible.Opportunity.Id, StudentId = eligible.Student.Id }))
            .Read<Placement>(HttpStatusCode.Created);
        foreach (var (role, org) in new[] { (Role.ConvenerAdmin, eligible.World.Two.Region.Id), (Role.EmployerAdmin, eligible.World.Two.Employer.Id), (Role.Teacher, eligible.World.One.SchoolB.Id) })
        {
            var outsider = await _actors.As(role, org);
            await (await outsider.GetAsync($"/api/v1/placements/{placement.Id}")).ShouldBeProblem(HttpStatusCode.NotFound, $"{role} elsewhere");
            (await (await outsider.GetAsync("/api/v1/placements")).Read<PlacementPage>()).Items.Should().NotContain(p => p.Id == placement.Id);
        }

        await (await Act(eligible.Employer, placement.Id, "decline", new DecisionRequest { Reason = "" })).ShouldBeProblem(HttpStatusCode.BadRequest);
        (await (await Act(eligible.Employer, placement.Id, "decline", new DecisionRequest { Reason = "No seats this term" })).Read<Placement>())
            .Should().BeEquivalentTo(new { Status = PlacementStatus.Declined, DecisionReason = "No seats this term" });
        await (await Put(eligible.Coordinator, $"/api/v1/placements/{placement.Id}/agreement", Terms)).ShouldBeProblem(HttpStatusCode.Conflict);
        await (await eligible.Coordinator.GetAsync("/api/v1/placements?status=somewhere")).ShouldBeProblem(HttpStatusCode.BadRequest);
        (await (await eligible.StudentClient.GetAsync($"/api/v1/placements?studentId={eligible.Student.Id}")).Read<PlacementPage>()).Items.Should().ContainSingle();
    }

    [Fact]
    public async Task District_staff_export_a_students_records_with_disclosures_and_erase_them_on_request()
    {
        var s = await SetUp();
        // Choices in an open round are records too (kept as rows and as the list a run reads).
        var convener = await _actors.As(Role.ConvenerAdmin, s.World.One.Region.Id);
        var round = await (await convener.PostJson("/api/v1/match-rounds", new CreateMatchRoundRequest
        {
            OrganizationId = s.World.One.Region.Id, Name = "Records", OpportunityIds = [s.Opportunity.Id],
        })).Read<MatchRound>(HttpStatusCode.Created);
        (await Put(s.StudentClient, $"/api/v1/match-rounds/{round.Id}/choices/{s.Student.Id}", new SubmitChoicesRequest { OpportunityIds = [s.Opportunity.Id] }))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        // The round covers the opportunity, so the school nominates the student for it directly (students rank it in the round).
        var applied = await (await s.Coordinator.PostJson("/api/v1/placements", new CreatePlacementRequest { OpportunityId = s.Opportunity.Id, StudentId = s.Student.Id }))
            .Read<Placement>(HttpStatusCode.Created);
        (await s.Employer.GetAsync($"/api/v1/placements/{applied.Id}")).StatusCode.Should().Be(HttpStatusCode.OK);
        await (await s.Coordinator.PostJson($"/api/v1/students/{s.Student.Id}/guardians",
            new AddGuardianRequest { GivenName = "Ana", FamilyName = "Reyes", Email = "ana.reyes@family.example.test", Relationship = GuardianRelationship.Parent }))
            .Read<Guardian>(HttpStatusCode.Created);
        // Messages about the student (the agreement's links to the guardian and the supervisor) are records too.
        await (await Act(s.Employer, applied.Id, "accept")).Read<Placement>();
        await (await Act(s.Coordinator, applied.Id, "approve", new ApprovePlacementRequest { ExpiresOn = Today.AddDays(30) })).Read<Placement>();
        await (await Put(s.Coordinator, $"/api/v1/placements/{applied.Id}/agreement", Terms)).Read<Placement>();
        (await (await s.Coordinator.GetAsync($"/api/v1/placements/{applied.Id}/messages")).Read<List<LaunchPath.Contracts.Messaging.SentMessage>>())
            .Should().Contain(m => m.Template == "agreement.guardian").And.Contain(m => m.Template == "placement.changed");
        var districtAdmin = await _actors.As(Role.DistrictAdmin, s.World.One.DistrictA.Id);

        await (await s.Coordinator.GetAsync($"/api/v1/students/{s.Student.Id}/records")).ShouldBeProblem(HttpStatusCode.Forbidden, "a school coordinator does not handle records requests");
        await (await s.Employer.GetAsync($"/api/v1/students/{s.Student.Id}/records")).ShouldBeProblem(HttpStatusCode.NotFound);
        var export = await (await districtAdmin.GetAsync($"/api/v1/students/{s.Student.Id}/records")).Read<StudentRecordsExport>();
        export.Student.Id.Should().Be(s.Student.Id);
        export.Guardians.Should().ContainSingle();
        export.Placements.Should().ContainSingle().Which.Id.Should().Be(applied.Id);
        export.Disclosures.Should().NotBeEmpty().And.OnlyContain(d => d.DisclosedTo == s.World.One.Employer.Name);

        await (await s.Coordinator.DeleteAsync($"/api/v1/students/{s.Student.Id}")).ShouldBeProblem(HttpStatusCode.Forbidden);
        (await districtAdmin.DeleteAsync($"/api/v1/students/{s.Student.Id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await (await districtAdmin.GetAsync($"/api/v1/students/{s.Student.Id}")).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await s.Employer.GetAsync($"/api/v1/placements/{applied.Id}")).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await _actors.Anonymous().PostJson("/api/v1/auth/token", new SignInRequest { Email = s.StudentEmail, Password = Actors.Password }))
            .ShouldBeProblem(HttpStatusCode.Unauthorized, "the account is anonymised and disabled");
        await (await districtAdmin.DeleteAsync($"/api/v1/students/{s.Student.Id}")).ShouldBeProblem(HttpStatusCode.NotFound);

        await using var connection = await _factory.Services.GetRequiredService<Db>().OpenAsync(CancellationToken.None);
        (await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM audit_log WHERE action = 'erase' AND entity_id = @Id", new { Id = s.Student.Id })).Should().Be(1);
        (await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM disclosures WHERE student_id = @Id", new { Id = Guid.Parse(s.Student.Id) })).Should().Be(0);
        (await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM match_round_choices WHERE student_id = @Id", new { Id = Guid.Parse(s.Student.Id) })).Should().Be(0);
        (await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM match_round_choice_lists WHERE student_id = @Id", new { Id = Guid.Parse(s.Student.Id) })).Should().Be(0);
        (await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM people WHERE kind = 'guardian' AND family_name = 'Reyes' AND given_name = 'Ana'")).Should().Be(0);
        (await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM messages")).Should().Be(0, "the messages about the student went with the student");
    }

    private static async Task<Placement> Acknowledge(HttpClient client, string id, AgreementParty party) =>
        await (await client.PostJson($"/api/v1/placements/{id}/agreement/acknowledge", new AcknowledgeRequest { Party = party })).Read<Placement>();

    private static Task<HttpResponseMessage> Put<T>(HttpClient client, string url, T body) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(body, options: Http.Json) });
}
