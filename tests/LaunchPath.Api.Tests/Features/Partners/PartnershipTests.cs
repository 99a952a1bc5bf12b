using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Dapper;
using LaunchPath.Api.Features.Partners.Documents;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Messaging;
using LaunchPath.Api.Tests.Features.Opportunities;
using LaunchPath.Api.Tests.Infrastructure;
using LaunchPath.Contracts.Common;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Opportunities;
using LaunchPath.Contracts.Organizations;
using LaunchPath.Contracts.Partners;
using LaunchPath.Contracts.People;
using LaunchPath.Contracts.Placements;
using Microsoft.Extensions.DependencyInjection;

namespace LaunchPath.Api.Tests.Features.Partners;

/// <summary>
/// Employer partnerships through the API, on a clock the test moves and a real SMTP server on loopback: the public
/// application and its review, documents with expiry, worksite checklists, employer–school agreements and supervisor
/// clearances, each blocking rule refusing with a 422 that names what is missing, and the convener's board.
/// </summary>
public sealed class PartnershipTests : IDisposable
{
    private const string PublicUrl = "https://launchpath.example.test";
    private readonly TestClock _clock = new();
    private readonly SmtpTestServer _smtp = new();
    private readonly ApiFactory _factory;
    private readonly Actors _actors;

    public PartnershipTests()
    {
        var settings = _smtp.ApiSettings(PublicUrl);
        settings["RateLimits:PublicFormsPerHour"] = "4";
        _factory = new ApiFactory(DatabaseProvider.Sqlite, settings, services: services => services.AddSingleton<TimeProvider>(_clock));
        _actors = new Actors(_factory);
    }

    public void Dispose()
    {
        _factory.Dispose();
        _smtp.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private DateOnly Today => DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);

    private async Task<List<MimeKit.MimeMessage>> DeliverAsync()
    {
        var before = _smtp.Received.Count;
        var sent = await _factory.Services.GetRequiredService<OutboxSender>().SendDueAsync(CancellationToken.None);
        return sent == 0 ? [] : (await _smtp.WaitForAsync(before + sent)).Skip(before).ToList();
    }

    private async Task<int> Count(string sql, object? args = null)
    {
        await using var connection = await _factory.Services.GetRequiredService<Db>().OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<int>(sql, args);
    }

    private static PartnerApplicationRequest Application(string regionId, string email, string name = "Alder Robotics") => new()
    {
        RegionId = regionId,
        Profile = new PartnerProfile
        {
            OrganizationName = name,
            Industry = "Industrial automation",
            Website = "https://alder-robotics.example.test",
            Contact = new PartnerContact { Name = "Rosa Vega", Title = "HR lead", Email = email, Phone = "+1 (555) 010-2000" },
            CareerClusters = [CareerCluster.AdvancedManufacturing, CareerCluster.DigitalTechnology],
            ExperienceTypes = [OpportunityType.GuestSpeaker, OpportunityType.WorksiteTour, OpportunityType.PaidInternship],
            StudentsPerYear = 12,
        },
        Worksites =
        [
            new WorksiteRequest
            {
                Name = "Alder plant", Address = new PostalAddress { Line1 = "40 Mill Rd", City = "Alder", State = "CA", PostalCode = "95001" },
                Accessibility = "Step-free entrance", Transit = "Bus 12", Latitude = 38.123456, Longitude = -121.98765,
            },
        ],
    };

    private async Task<(HttpClient Admin, string EmployerId)> AppliedAndSignedInAsync(string regionId, string email)
    {
        (await _actors.Anonymous().PostJson("/api/v1/partner-applications", Application(regionId, email))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var invitation = (await DeliverAsync()).Single(m => m.To.Mailboxes.Single().Address == email);
        var token = Regex.Match(invitation.TextBody ?? "", PublicUrl + @"/set-password/([A-Za-z0-9_-]+)").Groups[1].Value;
        token.Should().NotBeEmpty("the invitation confirms the address and sets the password");
        (await _actors.Anonymous().PostJson($"/api/v1/auth/password-links/{token}", new SetPasswordRequest { Password = Actors.Password })).StatusCode.Should().Be(HttpStatusCode.OK);
        var admin = await _actors.SignIn(email, Actors.Password);
        var me = await (await admin.GetAsync("/api/v1/me")).Read<CurrentCaller>();
        var employerId = me.Memberships.Single(m => m.Role == Role.EmployerAdmin).OrganizationId;
        return (admin, employerId);
    }

    private static CreateOpportunityRequest Draft(string employerId, Action<OpportunityFieldsBuilder>? fields = null) =>
        new() { EmployerId = employerId, Fields = OpportunitiesTests.Fields(f => fields?.Invoke(f)) };

    [Fact]
    public async Task An_employer_applies_signed_out_confirms_its_address_and_posts_only_once_the_region_approves()
    {
        var world = await _actors.World();
        var region = world.One.Region;
        var regions = await (await _actors.Anonymous().GetAsync("/api/v1/partner-applications/regions")).Read<List<PartnerRegion>>();
        regions.Should().Contain(r => r.Id == region.Id);

        var (admin, employerId) = await AppliedAndSignedInAsync(region.Id, "rosa@alder-robotics.example.test");
        var posted = await (await admin.PostJson("/api/v1/opportunities", Draft(employerId))).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        posted.Detail.Should().Contain("not yet an approved partner");

        var mine = await (await admin.GetAsync($"/api/v1/partners/{employerId}")).Read<Partnership>();
        mine.Status.Should().Be(PartnerStatus.Pending);
        mine.Profile!.Contact.Name.Should().Be("Rosa Vega");
        mine.Worksites.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Name = "Alder plant", Latitude = 38.12, Longitude = -121.99 }, "coarse location only");
        mine.AllowedActions.Should().Contain("editProfile").And.NotContain("review");

        // The convener's board puts the pending application first; a teacher sees no board; the employer reviews nothing.
        var convener = await _actors.As(Role.ConvenerStaff, region.Id);
        var board = await (await convener.GetAsync($"/api/v1/regions/{region.Id}/partners")).Read<List<PartnerBoardRow>>();
        board[0].Should().BeEquivalentTo(new { EmployerId = employerId, Status = PartnerStatus.Pending, Ready = false });
        (await (await convener.GetAsync($"/api/v1/regions/{region.Id}/partners?filter=pending")).Read<List<PartnerBoardRow>>()).Should().ContainSingle();
        await (await convener.GetAsync($"/api/v1/regions/{region.Id}/partners?filter=everything")).ShouldBeProblem(HttpStatusCode.BadRequest);
        var teacher = await _actors.As(Role.Teacher, world.One.SchoolA.Id);
        await (await teacher.GetAsync($"/api/v1/regions/{region.Id}/partners")).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await teacher.GetAsync($"/api/v1/partners/{employerId}")).ShouldBeProblem(HttpStatusCode.Forbidden);
        var otherConvener = await _actors.As(Role.ConvenerStaff, world.Two.Region.Id);
        await (await otherConvener.GetAsync($"/api/v1/partners/{employerId}")).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await otherConvener.PostJson($"/api/v1/partners/{employerId}/review", new PartnerReviewRequest { Decision = PartnerDecision.Approve }))
            .ShouldBeProblem(HttpStatusCode.NotFound, "another region's convener");
        await (await admin.PostJson($"/api/v1/partners/{employerId}/review", new PartnerReviewRequest { Decision = PartnerDecision.Approve }))
            .ShouldBeProblem(HttpStatusCode.Forbidden, "an employer does not approve itself");

        // A district's WBL staff ask for changes, with a reason the employer is emailed.
        var district = await _actors.As(Role.DistrictAdmin, world.One.DistrictA.Id);
        await (await district.PostJson($"/api/v1/partners/{employerId}/review", new PartnerReviewRequest { Decision = PartnerDecision.RequestChanges }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "asking for changes needs a reason");
        (await (await district.PostJson($"/api/v1/partners/{employerId}/review",
                new PartnerReviewRequest { Decision = PartnerDecision.RequestChanges, Reason = "Add the Elm Street site where the interns work." }))
            .Read<Partnership>()).Status.Should().Be(PartnerStatus.ChangesRequested);
        var changes = (await DeliverAsync()).Single(m => m.To.Mailboxes.Single().Address == "rosa@alder-robotics.example.test");
        changes.TextBody.Should().Contain("Add the Elm Street site");

        var edited = Application(region.Id, "rosa@alder-robotics.example.test", "Alder Robotics Inc.").Profile;
        (await (await admin.PutJson($"/api/v1/partners/{employerId}/profile", edited)).Read<Partnership>())
            .Should().BeEquivalentTo(new { Status = PartnerStatus.Pending, Name = "Alder Robotics Inc." }, "changed, it goes back for review");
        (await (await convener.PostJson($"/api/v1/partners/{employerId}/review", new PartnerReviewRequest { Decision = PartnerDecision.Approve })).Read<Partnership>())
            .Status.Should().Be(PartnerStatus.Approved);
        (await DeliverAsync()).Should().Contain(m => m.Subject!.Contains("is approved"));
        await (await convener.PostJson($"/api/v1/partners/{employerId}/review", new PartnerReviewRequest { Decision = PartnerDecision.RequestChanges, Reason = "x" }))
            .ShouldBeProblem(HttpStatusCode.Conflict);

        var opportunity = await (await admin.PostJson("/api/v1/opportunities", Draft(employerId))).Read<Opportunity>(HttpStatusCode.Created);
        (await (await admin.PostAsync($"/api/v1/opportunities/{opportunity.Id}/submit", null)).Read<Opportunity>()).Status.Should().Be(OpportunityStatus.Submitted);
    }

    [Fact]
    public async Task The_public_form_never_says_whether_an_address_has_an_account_drops_bots_and_is_limited_per_address()
    {
        var world = await _actors.World();
        var region = world.One.Region.Id;
        var anonymous = _actors.Anonymous();
        var employers = await Count("SELECT COUNT(*) FROM organizations WHERE type = 'employer'");

        var fresh = await (await anonymous.PostJson("/api/v1/partner-applications", Application(region, "new@partner.example.test"))).Read<PartnerApplicationReceipt>(HttpStatusCode.Accepted);
        var taken = await (await anonymous.PostJson("/api/v1/partner-applications", Application(region, "NEW@partner.example.test", "Copycat LLC")))
            .Read<PartnerApplicationReceipt>(HttpStatusCode.Accepted);
        taken.Message.Should().Be(fresh.Message.Replace("new@partner.example.test", "NEW@partner.example.test"), "the same answer whether or not the address has an account");
        var bot = await (await anonymous.PostJson("/api/v1/partner-applications", Application(region, "bot@spam.example.test") with { Homepage = "http://spam.example.test" }))
            .Read<PartnerApplicationReceipt>(HttpStatusCode.Accepted);
        bot.Message.Should().Contain("bot@spam.example.test");
        (await Count("SELECT COUNT(*) FROM organizations WHERE type = 'employer'")).Should().Be(employers + 1, "only the first application created an employer");
        (await Count("SELECT COUNT(*) FROM users WHERE email_normalized = 'BOT@SPAM.EXAMPLE.TEST'")).Should().Be(0);

        var mail = await DeliverAsync();
        mail.Should().HaveCount(2);
        mail.Should().ContainSingle(m => m.Subject == "You are invited to LaunchPath");
        mail.Should().ContainSingle(m => m.Subject!.Contains("Copycat LLC")).Which.TextBody.Should().Contain("already has a LaunchPath account");

        // A body over the form's size is refused before it is read (and before it counts against the address).
        var oversized = Encoding.UTF8.GetBytes("{\"regionId\":\"" + region + "\",\"profile\":{\"about\":\"" + new string('a', 70_000) + "\"}}");
        using var content = new ByteArrayContent(oversized);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        (await anonymous.PostAsync("/api/v1/partner-applications", content)).StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        await (await anonymous.PostJson("/api/v1/partner-applications", Application(region, "x@partner.example.test") with { RegionId = world.Two.Employer.Id }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "an employer is not a region");
        await (await anonymous.PostJson("/api/v1/partner-applications", Application(region, "y@partner.example.test")))
            .ShouldBeProblem(HttpStatusCode.TooManyRequests, "four submissions an hour from one address (the limit this test sets)");
        (await Count("SELECT COUNT(*) FROM users WHERE email_normalized = 'Y@PARTNER.EXAMPLE.TEST'")).Should().Be(0);
    }

    [Fact]
    public async Task Documents_are_judged_by_their_content_audited_when_opened_warned_of_and_a_lapsed_required_one_blocks_new_placements()
    {
        var world = await _actors.World();
        var region = world.One.Region.Id;
        var employerId = world.One.Employer.Id;
        var convener = await _actors.As(Role.ConvenerAdmin, region);
        var requirements = await (await convener.GetAsync($"/api/v1/regions/{region}/partnership-requirements")).Read<PartnershipRequirements>();
        requirements.Documents.Should().Contain(k => k.Key == "insurance" && !k.Required, "a region requires nothing until it says so");
        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/regions/{region}/partnership-requirements")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new UpdatePartnershipRequirementsRequest
            {
                AgreementRequired = false, WorksiteChecklistForMinors = false, SupervisorClearanceForMinors = false,
                Documents = requirements.Documents.Select(k => k.Key == "insurance" ? k with { Required = true } : k).ToList(),
                Checklist = requirements.Checklist, AgreementTemplate = requirements.AgreementTemplate,
            }, options: Http.Json),
        };
        put.Headers.IfMatch.Add(new EntityTagHeaderValue("\"0\""));
        (await (await convener.SendAsync(put)).Read<PartnershipRequirements>()).Version.Should().Be(1);

        var (admin, adminUser) = await _actors.User(Role.EmployerAdmin, employerId);
        var opportunity = await PublishedAsync(convener, employerId);
        var (student, studentClient) = await StudentAsync(world, Today.AddYears(-17));

        var refused = await (await studentClient.PostJson("/api/v1/placements", new CreatePlacementRequest { OpportunityId = opportunity.Id, StudentId = student.Id }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        refused.Detail.Should().Contain("no approved certificate of general liability insurance");

        var pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");
        await (await Upload(admin, employerId, Encoding.UTF8.GetBytes("<html>not a pdf</html>"), "certificate.pdf")).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        await (await Upload(admin, employerId, pdf, "coi.pdf", insurer: null)).ShouldBeProblem(HttpStatusCode.BadRequest);
        await (await Upload(admin, employerId, pdf, "coi.pdf", kind: "tattoo")).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        await (await Upload(admin, employerId, pdf, "coi.pdf", expiresOn: Today.AddDays(-400))).ShouldBeProblem(HttpStatusCode.BadRequest);
        var stranger = await _actors.As(Role.EmployerAdmin, world.Two.Employer.Id);
        await (await Upload(stranger, employerId, pdf, "coi.pdf")).ShouldBeProblem(HttpStatusCode.NotFound, "another region's employer");
        var document = await (await Upload(admin, employerId, pdf, "..\\..\\etc\\coi.pdf")).Read<EmployerDocument>(HttpStatusCode.Created);
        document.Should().BeEquivalentTo(new { Status = DocumentStatus.Submitted, ContentType = "application/pdf", FileName = "coi.pdf", InForce = false });

        await (await admin.PostJson($"/api/v1/documents/{document.Id}/review", new ReviewRequest { Approve = true })).ShouldBeProblem(HttpStatusCode.Forbidden);
        (await (await convener.PostJson($"/api/v1/documents/{document.Id}/review", new ReviewRequest { Approve = true })).Read<EmployerDocument>()).InForce.Should().BeTrue();

        // Each opening of the file is audited; nobody outside the partnership opens it.
        var file = await convener.GetAsync($"/api/v1/documents/{document.Id}/file");
        file.StatusCode.Should().Be(HttpStatusCode.OK);
        file.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
        file.Headers.GetValues("X-Content-Type-Options").Should().Contain("nosniff");
        (await file.Content.ReadAsByteArrayAsync()).Should().Equal(pdf);
        await (await (await _actors.As(Role.Teacher, world.One.SchoolA.Id)).GetAsync($"/api/v1/documents/{document.Id}/file")).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await stranger.GetAsync($"/api/v1/documents/{document.Id}/file")).ShouldBeProblem(HttpStatusCode.NotFound);
        var reads = await (await admin.GetAsync($"/api/v1/documents/{document.Id}/reads")).Read<List<DocumentRead>>();
        reads.Should().ContainSingle().Which.Email.Should().StartWith("conveneradmin-", "the convener's read is on record");

        (await studentClient.PostJson("/api/v1/placements", new CreatePlacementRequest { OpportunityId = opportunity.Id, StudentId = student.Id }))
            .StatusCode.Should().Be(HttpStatusCode.Created, "an approved certificate in force");

        // Twenty days before expiry: the employer's admins and the convener are warned, once.
        await DeliverAsync();
        _clock.Set(new DateTimeOffset(Today.AddDays(340).ToDateTime(new TimeOnly(15, 0)), TimeSpan.Zero));
        var warnings = ActivatorUtilities.CreateInstance<WarnExpiringDocuments.Job>(_factory.Services);
        (await warnings.WarnAsync(CancellationToken.None)).Should().Be(1);
        (await warnings.WarnAsync(CancellationToken.None)).Should().Be(0, "once per document");
        var warned = await DeliverAsync();
        var recipients = warned.Select(m => m.To.Mailboxes.Single().Address).ToList();
        recipients.Should().Contain(adminUser.Email, "the employer's admins");
        recipients.Should().Contain(r => r.StartsWith("conveneradmin-", StringComparison.Ordinal), "the region's convener");
        warned.Should().OnlyContain(m => m.Subject!.Contains("certificate of general liability insurance"));

        // Lapsed: no new placement, in words that say so; the board lists it.
        _clock.Set(new DateTimeOffset(Today.AddDays(30).ToDateTime(new TimeOnly(15, 0)), TimeSpan.Zero));
        _actors.ForgetSessions();
        var (late, lateClient) = await StudentAsync(world, Today.AddYears(-17));
        var lapsed = await (await lateClient.PostJson("/api/v1/placements", new CreatePlacementRequest { OpportunityId = opportunity.Id, StudentId = late.Id }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        lapsed.Detail.Should().Contain("lapsed on");
        var convenerNow = await _actors.As(Role.ConvenerAdmin, region);
        (await (await convenerNow.GetAsync($"/api/v1/regions/{region}/partners?filter=documents")).Read<List<PartnerBoardRow>>())
            .Should().ContainSingle(r => r.EmployerId == employerId).Which.DocumentsMissing.Should().Equal("certificate of general liability insurance");
    }

    [Fact]
    public async Task A_minors_placement_needs_a_reviewed_worksite_an_agreement_in_force_and_a_cleared_supervisor_before_it_starts()
    {
        var world = await _actors.World();
        var region = world.One.Region.Id;
        var employerId = world.One.Employer.Id;
        var convener = await _actors.As(Role.ConvenerAdmin, region);
        var requirements = await (await convener.GetAsync($"/api/v1/regions/{region}/partnership-requirements")).Read<PartnershipRequirements>();
        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/regions/{region}/partnership-requirements")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new UpdatePartnershipRequirementsRequest
            {
                AgreementRequired = true, WorksiteChecklistForMinors = true, SupervisorClearanceForMinors = true,
                Documents = requirements.Documents, Checklist = requirements.Checklist, AgreementTemplate = requirements.AgreementTemplate,
            }, options: Http.Json),
        };
        put.Headers.IfMatch.Add(new EntityTagHeaderValue("\"0\""));
        (await convener.SendAsync(put)).StatusCode.Should().Be(HttpStatusCode.OK);

        var admin = await _actors.As(Role.EmployerAdmin, employerId);
        var site = await (await admin.PostJson($"/api/v1/partners/{employerId}/worksites", Application(region, "x@x.test").Worksites[0])).Read<Worksite>(HttpStatusCode.Created);
        var foreignSite = await (await (await _actors.As(Role.EmployerAdmin, world.Two.Employer.Id)).PostJson($"/api/v1/partners/{world.Two.Employer.Id}/worksites",
            Application(region, "x@x.test").Worksites[0])).Read<Worksite>(HttpStatusCode.Created);
        await (await admin.PostJson("/api/v1/opportunities", Draft(employerId, f => f.WorksiteId = foreignSite.Id))).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        var opportunity = await PublishedAsync(convener, employerId, f => f.WorksiteId = site.Id);
        var (student, studentClient) = await StudentAsync(world, Today.AddYears(-16));
        var district = await _actors.As(Role.DistrictAdmin, world.One.DistrictA.Id);

        var refused = await (await studentClient.PostJson("/api/v1/placements", new CreatePlacementRequest { OpportunityId = opportunity.Id, StudentId = student.Id }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        refused.Detail.Should().Contain("No employer–school agreement is in force").And.Contain("\"Alder plant\" has no approved safety checklist");

        // The checklist: every item of the region's version, then the convener's review.
        var answers = requirements.Checklist.Select(i => new ChecklistAnswer { Key = i.Key, Answer = "yes" }).ToList();
        var checklist = new WorksiteChecklistRequest
        {
            Answers = answers.Skip(1).ToList(), StudentsPerSupervisor = 2, EmergencyProcedures = "Muster at the north lot; first aid in the office.", ProtectiveEquipment = "Safety glasses",
            HazardousOrders = [12, 5],
        };
        (await (await admin.PutJson($"/api/v1/worksites/{site.Id}/checklist", checklist)).ShouldBeProblem(HttpStatusCode.UnprocessableEntity)).Detail.Should().Contain("Not answered");
        await (await admin.PutJson($"/api/v1/worksites/{site.Id}/checklist", checklist with { Answers = answers, HazardousOrders = [18] })).ShouldBeProblem(HttpStatusCode.BadRequest);
        var submitted = await (await admin.PutJson($"/api/v1/worksites/{site.Id}/checklist", checklist with { Answers = answers })).Read<Worksite>();
        submitted.Checklist.Should().BeEquivalentTo(new { Status = ChecklistStatus.Submitted, TemplateVersion = 1 });
        submitted.Checklist.Answers!.HazardousOrders.Should().Equal(5, 12);
        await (await admin.PostJson($"/api/v1/worksites/{site.Id}/checklist/review", new ReviewRequest { Approve = true })).ShouldBeProblem(HttpStatusCode.Forbidden);
        (await (await district.PostJson($"/api/v1/worksites/{site.Id}/checklist/review", new ReviewRequest { Approve = true })).Read<Worksite>())
            .Checklist.Status.Should().Be(ChecklistStatus.Approved);

        // The agreement with the student's district: drawn up from the template, signed by both sides.
        await (await district.PostJson($"/api/v1/partners/{employerId}/agreements", new CreatePartnershipAgreementRequest { StartsOn = Today, EndsOn = Today.AddYears(1) }))
            .ShouldBeProblem(HttpStatusCode.Forbidden, "a district draws up its own agreements, not the region's");
        var agreement = await (await district.PostJson($"/api/v1/partners/{employerId}/agreements",
            new CreatePartnershipAgreementRequest { DistrictId = world.One.DistrictA.Id, StartsOn = Today.AddDays(-1), EndsOn = Today.AddYears(1) })).Read<PartnershipAgreement>(HttpStatusCode.Created);
        agreement.Should().BeEquivalentTo(new { State = "awaitingSignatures", TemplateVersion = 1 });
        agreement.Terms.Clauses.Should().Contain(c => c.Heading == "Student data");
        await (await district.PostJson($"/api/v1/partnership-agreements/{agreement.Id}/sign", new SignAgreementRequest { Side = AgreementSide.Employer, Name = "X", Title = "Y" }))
            .ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await admin.PostJson($"/api/v1/partnership-agreements/{agreement.Id}/sign", new SignAgreementRequest { Side = AgreementSide.Employer, Name = "Rosa Vega", Title = "CEO" }))
            .Read<PartnershipAgreement>();
        await (await admin.PostJson($"/api/v1/partnership-agreements/{agreement.Id}/sign", new SignAgreementRequest { Side = AgreementSide.Employer, Name = "Rosa Vega", Title = "CEO" }))
            .ShouldBeProblem(HttpStatusCode.Conflict, "once per side");
        var inForce = await (await district.PostJson($"/api/v1/partnership-agreements/{agreement.Id}/sign",
            new SignAgreementRequest { Side = AgreementSide.School, Name = "Dana Lee", Title = "WBL director" })).Read<PartnershipAgreement>();
        inForce.State.Should().Be("inForce");
        inForce.SchoolSignature!.Should().BeEquivalentTo(new { Name = "Dana Lee", Title = "WBL director" });

        // Placed now; the training agreement is acknowledged by all, and the placement waits for its supervisor's clearance.
        var applied = await (await studentClient.PostJson("/api/v1/placements", new CreatePlacementRequest { OpportunityId = opportunity.Id, StudentId = student.Id }))
            .Read<Placement>(HttpStatusCode.Created);
        var coordinator = await _actors.As(Role.SchoolCoordinator, world.One.SchoolA.Id);
        await (await admin.PostJson($"/api/v1/placements/{applied.Id}/accept", new { })).Read<Placement>();
        await (await coordinator.PostJson($"/api/v1/placements/{applied.Id}/approve", new ApprovePlacementRequest { ExpiresOn = Today.AddDays(30) })).Read<Placement>();
        var terms = new AgreementRequest
        {
            Objectives = [new LearningObjective { Description = "Assemble and test a sensor board", Skills = ["Soldering"] }],
            SupervisorName = "Sam Ito", SupervisorEmail = "Sam.Ito@alder-robotics.example.test", Compensation = "$18/hour", Credit = "none",
        };
        await (await coordinator.PutJson($"/api/v1/placements/{applied.Id}/agreement", terms)).Read<Placement>();
        foreach (var (client, party) in new[] { (studentClient, AgreementParty.Student), (admin, AgreementParty.Supervisor), (coordinator, AgreementParty.Coordinator) })
        {
            await (await client.PostJson($"/api/v1/placements/{applied.Id}/agreement/acknowledge", new AcknowledgeRequest { Party = party })).Read<Placement>();
        }

        var guardianLink = await (await coordinator.PostJson($"/api/v1/placements/{applied.Id}/agreement/links", new CreateLinkRequest { Party = AgreementParty.Guardian }))
            .Read<ActionLink>(HttpStatusCode.Created);
        (await _actors.Anonymous().PostJson($"/api/v1/links/{guardianLink.Token}/acknowledge", new LinkAcknowledgeRequest { Name = "Ana Reyes" })).StatusCode.Should().Be(HttpStatusCode.OK);
        var waiting = await (await coordinator.GetAsync($"/api/v1/placements/{applied.Id}")).Read<Placement>();
        waiting.Status.Should().Be(PlacementStatus.AgreementPending, "everyone acknowledged, but the supervisor is not cleared");
        waiting.ActivationGaps.Should().ContainSingle().Which.Should().Contain("Sam Ito has no clearance in force");
        waiting.AllowedActions.Should().Contain(PlacementAction.Activate);
        (await (await coordinator.PostAsync($"/api/v1/placements/{applied.Id}/activate", null)).ShouldBeProblem(HttpStatusCode.UnprocessableEntity))
            .Detail.Should().Contain("Sam Ito has no clearance in force");
        await (await admin.PostAsync($"/api/v1/placements/{applied.Id}/activate", null)).ShouldBeProblem(HttpStatusCode.Forbidden);
        (await (await convener.GetAsync($"/api/v1/regions/{region}/partners?filter=clearances")).Read<List<PartnerBoardRow>>())
            .Should().ContainSingle().Which.UnclearedSupervisors.Should().Equal("Sam Ito");

        // A result that did not clear, an expired one, or another district's clearance do not count; a background check does.
        var clearance = new RecordClearanceRequest
        {
            Name = "Sam Ito", Email = "sam.ito@alder-robotics.example.test", Kind = ClearanceKind.BackgroundCheck, Cleared = false, Reference = "CHK-1", CheckedOn = Today.AddDays(-3),
        };
        await (await admin.PostJson($"/api/v1/partners/{employerId}/clearances", clearance with { Reference = null })).ShouldBeProblem(HttpStatusCode.BadRequest);
        await (await admin.PostJson($"/api/v1/partners/{employerId}/clearances", clearance)).Read<SupervisorClearance>(HttpStatusCode.Created);
        await (await admin.PostJson($"/api/v1/partners/{employerId}/clearances", clearance with { Cleared = true, CheckedOn = Today.AddYears(-3), ExpiresOn = Today.AddDays(-1) }))
            .Read<SupervisorClearance>(HttpStatusCode.Created);
        await (await admin.PostJson($"/api/v1/partners/{employerId}/clearances",
            clearance with { Kind = ClearanceKind.DistrictClearance, DistrictId = world.One.DistrictB.Id, Cleared = true })).ShouldBeProblem(HttpStatusCode.Forbidden);
        var districtB = await _actors.As(Role.DistrictAdmin, world.One.DistrictB.Id);
        await (await districtB.PostJson($"/api/v1/partners/{employerId}/clearances",
            clearance with { Kind = ClearanceKind.DistrictClearance, DistrictId = world.One.DistrictB.Id, Cleared = true })).Read<SupervisorClearance>(HttpStatusCode.Created);
        (await (await coordinator.PostAsync($"/api/v1/placements/{applied.Id}/activate", null)).ShouldBeProblem(HttpStatusCode.UnprocessableEntity))
            .Detail.Should().Contain("no clearance in force", "not cleared, expired, or another district's");

        var cleared = await (await admin.PostJson($"/api/v1/partners/{employerId}/clearances", clearance with { Cleared = true, ExpiresOn = Today.AddYears(2) }))
            .Read<SupervisorClearance>(HttpStatusCode.Created);
        cleared.InForce.Should().BeTrue();
        (await (await coordinator.GetAsync($"/api/v1/placements/{applied.Id}")).Read<Placement>()).ActivationGaps.Should().BeEmpty();
        (await (await coordinator.PostAsync($"/api/v1/placements/{applied.Id}/activate", null)).Read<Placement>()).Status.Should().Be(PlacementStatus.Active);
        (await Count("SELECT COUNT(*) FROM supervisor_clearances WHERE reference = 'CHK-1'")).Should().Be(4, "results and dates are kept, never a check's content");

        // Renewal: once, from the day after the agreement ends.
        var renewal = await (await district.PostJson($"/api/v1/partnership-agreements/{agreement.Id}/renew", new RenewAgreementRequest { EndsOn = Today.AddYears(2) }))
            .Read<PartnershipAgreement>(HttpStatusCode.Created);
        renewal.Should().BeEquivalentTo(new { StartsOn = inForce.EndsOn.AddDays(1), RenewsId = agreement.Id, State = "awaitingSignatures" });
        await (await district.PostJson($"/api/v1/partnership-agreements/{agreement.Id}/renew", new RenewAgreementRequest { EndsOn = Today.AddYears(2) }))
            .ShouldBeProblem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task The_boards_csv_escapes_what_a_spreadsheet_would_run()
    {
        var world = await _actors.World();
        var region = world.One.Region.Id;
        (await _actors.Anonymous().PostJson("/api/v1/partner-applications", Application(region, "evil@partner.example.test", "=HYPERLINK(\"http://evil.example\",\"x\")")))
            .StatusCode.Should().Be(HttpStatusCode.Accepted);
        var convener = await _actors.As(Role.ConvenerStaff, region);
        var response = await convener.GetAsync($"/api/v1/regions/{region}/partners/export?filter=pending");
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        var csv = await response.Content.ReadAsStringAsync();
        csv.Split('\n')[0].Should().StartWith("Employer,Status,Applied");
        csv.Should().Contain("\"'=HYPERLINK(").And.NotContain(",=HYPERLINK");
    }

    private async Task<HttpResponseMessage> Upload(HttpClient client, string employerId, byte[] file, string name, string kind = "insurance", string? insurer = "Pacific Mutual",
        DateOnly? expiresOn = null)
    {
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(file), "file", name },
            { new StringContent(kind), "kind" },
            { new StringContent(Today.AddDays(-10).ToString("yyyy-MM-dd")), "effectiveOn" },
            { new StringContent((expiresOn ?? Today.AddDays(360)).ToString("yyyy-MM-dd")), "expiresOn" },
            { new StringContent("GL-2026-0042"), "policyNumber" },
            { new StringContent("200000000"), "coverageCents" },
        };
        if (insurer is not null)
        {
            form.Add(new StringContent(insurer), "insurer");
        }

        return await client.PostAsync($"/api/v1/partners/{employerId}/documents", form);
    }

    private static async Task<Opportunity> PublishedAsync(HttpClient convener, string employerId, Action<OpportunityFieldsBuilder>? fields = null)
    {
        var draft = await (await convener.PostJson("/api/v1/opportunities", Draft(employerId, fields))).Read<Opportunity>(HttpStatusCode.Created);
        await (await convener.PostAsync($"/api/v1/opportunities/{draft.Id}/submit", null)).Read<Opportunity>();
        return await (await convener.PostAsync($"/api/v1/opportunities/{draft.Id}/approve", null)).Read<Opportunity>();
    }

    private async Task<(Student Student, HttpClient Client)> StudentAsync(World world, DateOnly birthDate)
    {
        var coordinator = await _actors.As(Role.SchoolCoordinator, world.One.SchoolA.Id);
        var email = $"st{Guid.NewGuid():N}@students.example.test";
        var student = await (await coordinator.PostJson("/api/v1/students", new StudentRecordFields
        {
            SchoolId = world.One.SchoolA.Id, GivenName = "Maya", FamilyName = "Reyes", Email = email, Grade = 11, BirthDate = birthDate,
        })).Read<Student>(HttpStatusCode.Created);
        await (await coordinator.PostJson($"/api/v1/students/{student.Id}/account", new CreateStudentAccountRequest { Password = Actors.Password }))
            .Read<StudentAccount>(HttpStatusCode.Created);
        return (student, await _actors.SignIn(email, Actors.Password));
    }
}
