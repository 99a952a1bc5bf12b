using System.Net;
using System.Net.Http.Json;
using LaunchPath.Api.Tests.Infrastructure;
using LaunchPath.Contracts.Common;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Opportunities;

namespace LaunchPath.Api.Tests.Features.Opportunities;

public sealed class OpportunitiesOnSqlite(SqliteApi api) : OpportunitiesTests(() => api.Factory), IClassFixture<SqliteApi>;

public sealed class OpportunitiesOnSqlServer(SqlServerApi api) : OpportunitiesTests(() => api.Factory), IClassFixture<SqlServerApi>;

/// <summary>Posting, curating and finding opportunities; who sees what at each step.</summary>
public abstract class OpportunitiesTests
{
    private const string Url = "/api/v1/opportunities";
    private readonly Actors _actors;

    protected OpportunitiesTests(Func<ApiFactory> factory) => _actors = new Actors(factory());

    public static OpportunityFields Fields(Action<OpportunityFieldsBuilder>? change = null)
    {
        var builder = new OpportunityFieldsBuilder();
        change?.Invoke(builder);
        return builder.Build();
    }

    private static async Task<Opportunity> Draft(HttpClient client, string employerId, OpportunityFields? fields = null) =>
        await (await client.PostJson(Url, new CreateOpportunityRequest { EmployerId = employerId, Fields = fields ?? Fields() }))
            .Read<Opportunity>(HttpStatusCode.Created);

    private static Task<HttpResponseMessage> Act(HttpClient client, string id, string action, object? body = null) =>
        body is null ? client.PostAsync($"{Url}/{id}/{action}", null) : client.PostJson($"{Url}/{id}/{action}", body);

    private async Task<Opportunity> Published(RegionTree tree, OpportunityFields? fields = null)
    {
        var admin = await _actors.Admin();
        var draft = await Draft(admin, tree.Employer.Id, fields);
        await (await Act(admin, draft.Id, "submit")).Read<Opportunity>();
        return await (await Act(admin, draft.Id, "approve")).Read<Opportunity>();
    }

    [SkippableFact]
    public async Task An_employer_drafts_an_opportunity_with_every_field_kept()
    {
        var world = await _actors.World();
        var employer = await _actors.As(Role.EmployerAdmin, world.One.Employer.Id);
        var fields = Fields(f =>
        {
            f.Compensation = Compensation.Paid;
            f.HourlyWage = 18.50m;
            f.Audience = AudienceScope.School;
            f.AudienceOrganizationIds = [world.One.SchoolA.Id];
            f.Schedule = [new WeeklySlot { Day = DayOfWeek.Tuesday, Start = "15:30", End = "17:30" }];
            f.Location = new GeoPoint { Latitude = 37.804363, Longitude = -122.271111 };
        });

        var response = await employer.PostJson(Url, new CreateOpportunityRequest { EmployerId = world.One.Employer.Id, Fields = fields });
        var created = await response.Read<Opportunity>(HttpStatusCode.Created);

        created.Status.Should().Be(OpportunityStatus.Draft);
        created.EmployerName.Should().Be(world.One.Employer.Name);
        created.RegionId.Should().Be(world.One.Region.Id);
        response.Headers.ETag!.Tag.Should().Be("\"1\"");
        created.Fields.Should().BeEquivalentTo(fields, o => o.Excluding(x => x.Location));
        created.Fields.Location.Should().BeEquivalentTo(new GeoPoint { Latitude = 37.80, Longitude = -122.27 }, "only a coarse location is stored");
        (await (await employer.GetAsync($"{Url}/{created.Id}")).Read<Opportunity>()).Should().BeEquivalentTo(created);
    }

    [SkippableTheory]
    [InlineData("paid-without-wage", "fields.hourlyWage")]
    [InlineData("in-person-without-address", "fields.address")]
    [InlineData("hazardous-for-minors", "fields.minAge")]
    [InlineData("bad-slot", "fields.schedule[0].start")]
    [InlineData("slot-ends-first", "fields.schedule[0].end")]
    [InlineData("ends-before-start", "fields.endDate")]
    [InlineData("region-with-ids", "fields.audienceOrganizationIds")]
    [InlineData("school-without-ids", "fields.audienceOrganizationIds")]
    [InlineData("prerequisite-not-earlier", "fields.prerequisiteStage")]
    [InlineData("no-seats", "fields.seats")]
    [InlineData("no-title", "fields.title")]
    [InlineData("wage-when-unpaid", "fields.hourlyWage")]
    public async Task Incoherent_fields_are_a_400_naming_the_field(string case_, string field)
    {
        var world = await _actors.World();
        var fields = Fields(f =>
        {
            switch (case_)
            {
                case "paid-without-wage": f.Compensation = Compensation.Paid; break;
                case "in-person-without-address": f.Modality = Modality.InPerson; f.Address = null; break;
                case "hazardous-for-minors": f.Hazardous = true; f.MinAge = 16; break;
                case "bad-slot": f.Schedule = [new WeeklySlot { Day = DayOfWeek.Monday, Start = "25:00", End = "26:00" }]; break;
                case "slot-ends-first": f.Schedule = [new WeeklySlot { Day = DayOfWeek.Monday, Start = "16:00", End = "15:00" }]; break;
                case "ends-before-start": f.StartDate = new DateOnly(2027, 3, 1); f.EndDate = new DateOnly(2027, 2, 1); break;
                case "region-with-ids": f.AudienceOrganizationIds = [world.One.SchoolA.Id]; break;
                case "school-without-ids": f.Audience = AudienceScope.School; break;
                case "prerequisite-not-earlier": f.Stage = ContinuumStage.Exploration; f.PrerequisiteStage = ContinuumStage.Training; break;
                case "no-seats": f.Seats = 0; break;
                case "no-title": f.Title = ""; break;
                case "wage-when-unpaid": f.HourlyWage = 20; break;
            }
        });

        var problem = await (await (await _actors.Admin()).PostJson(Url, new CreateOpportunityRequest { EmployerId = world.One.Employer.Id, Fields = fields }))
            .ShouldBeProblem(HttpStatusCode.BadRequest);
        problem.Errors.Should().ContainKey(field);
    }

    [SkippableFact]
    public async Task Audience_organizations_must_be_in_the_region_and_of_the_audience_type()
    {
        var world = await _actors.World();
        var admin = await _actors.Admin();
        var otherRegion = Fields(f => { f.Audience = AudienceScope.School; f.AudienceOrganizationIds = [world.Two.SchoolA.Id]; });
        await (await admin.PostJson(Url, new CreateOpportunityRequest { EmployerId = world.One.Employer.Id, Fields = otherRegion })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);

        var wrongType = Fields(f => { f.Audience = AudienceScope.School; f.AudienceOrganizationIds = [world.One.DistrictA.Id]; });
        await (await admin.PostJson(Url, new CreateOpportunityRequest { EmployerId = world.One.Employer.Id, Fields = wrongType })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
    }

    [SkippableFact]
    public async Task Only_the_employers_staff_or_its_convener_can_post_for_it()
    {
        var world = await _actors.World();
        var teacher = await _actors.As(Role.Teacher, world.One.SchoolA.Id);
        var otherEmployer = await _actors.As(Role.EmployerAdmin, world.Two.Employer.Id);
        var convener = await _actors.As(Role.ConvenerStaff, world.One.Region.Id);
        var request = new CreateOpportunityRequest { EmployerId = world.One.Employer.Id, Fields = Fields() };

        await (await teacher.PostJson(Url, request)).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await otherEmployer.PostJson(Url, request)).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        (await convener.PostJson(Url, request)).StatusCode.Should().Be(HttpStatusCode.Created);
    }

    [SkippableFact]
    public async Task The_curation_workflow_moves_draft_to_published_and_students_see_it_only_then()
    {
        var world = await _actors.World();
        var employer = await _actors.As(Role.EmployerAdmin, world.One.Employer.Id);
        var convener = await _actors.As(Role.ConvenerAdmin, world.One.Region.Id);
        var student = await _actors.As(Role.Student, world.One.SchoolA.Id);
        var otherEmployer = await _actors.As(Role.EmployerAdmin, world.Two.Employer.Id);
        var draft = await Draft(employer, world.One.Employer.Id);

        await (await student.GetAsync($"{Url}/{draft.Id}")).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await Act(student, draft.Id, "submit")).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await Act(convener, draft.Id, "approve")).ShouldBeProblem(HttpStatusCode.Conflict);

        var submitted = await (await Act(employer, draft.Id, "submit")).Read<Opportunity>();
        submitted.Status.Should().Be(OpportunityStatus.Submitted);
        submitted.SubmittedAt.Should().NotBeNull();
        await (await Act(employer, draft.Id, "approve")).ShouldBeProblem(HttpStatusCode.Forbidden);

        var published = await (await Act(convener, draft.Id, "approve")).Read<Opportunity>();
        published.Status.Should().Be(OpportunityStatus.Published);
        published.DecidedAt.Should().NotBeNull();

        (await (await student.GetAsync($"{Url}/{draft.Id}")).Read<Opportunity>()).Status.Should().Be(OpportunityStatus.Published);
        await (await otherEmployer.GetAsync($"{Url}/{draft.Id}")).ShouldBeProblem(HttpStatusCode.NotFound);

        await (await Act(student, draft.Id, "close")).ShouldBeProblem(HttpStatusCode.Forbidden);
        (await (await Act(employer, draft.Id, "close")).Read<Opportunity>()).Status.Should().Be(OpportunityStatus.Closed);
        await (await Act(employer, draft.Id, "close")).ShouldBeProblem(HttpStatusCode.Conflict);
    }

    [SkippableFact]
    public async Task A_rejection_needs_a_reason_and_the_employer_can_fix_and_resubmit()
    {
        var world = await _actors.World();
        var employer = await _actors.As(Role.EmployerAdmin, world.One.Employer.Id);
        var convener = await _actors.As(Role.ConvenerStaff, world.One.Region.Id);
        var draft = await Draft(employer, world.One.Employer.Id);
        await (await Act(employer, draft.Id, "submit")).Read<Opportunity>();

        (await (await Act(convener, draft.Id, "reject", new RejectOpportunityRequest { Reason = "" })).ShouldBeProblem(HttpStatusCode.BadRequest))
            .Errors.Should().ContainKey("reason");
        var rejected = await (await Act(convener, draft.Id, "reject", new RejectOpportunityRequest { Reason = "Add the duties." })).Read<Opportunity>();
        rejected.Status.Should().Be(OpportunityStatus.Rejected);
        rejected.RejectionReason.Should().Be("Add the duties.");

        var fixedFields = draft.Fields with { Duties = "Shadow the lab technicians; log samples." };
        (await Put(employer, draft.Id, $"\"{rejected.Version}\"", fixedFields)).StatusCode.Should().Be(HttpStatusCode.OK);
        var resubmitted = await (await Act(employer, draft.Id, "submit")).Read<Opportunity>();
        resubmitted.Status.Should().Be(OpportunityStatus.Submitted);
        resubmitted.RejectionReason.Should().BeNull();
        resubmitted.Fields.Duties.Should().Be("Shadow the lab technicians; log samples.");
    }

    [SkippableFact]
    public async Task District_audiences_are_curated_by_that_district_and_seen_only_by_its_schools()
    {
        var world = await _actors.World();
        var admin = await _actors.Admin();
        var districtA = await _actors.As(Role.DistrictAdmin, world.One.DistrictA.Id);
        var districtB = await _actors.As(Role.DistrictAdmin, world.One.DistrictB.Id);
        var coordinatorA = await _actors.As(Role.SchoolCoordinator, world.One.SchoolA.Id);
        var teacherA = await _actors.As(Role.Teacher, world.One.SchoolA.Id);
        var teacherB = await _actors.As(Role.Teacher, world.One.SchoolB.Id);

        var draft = await Draft(admin, world.One.Employer.Id, Fields(f => { f.Audience = AudienceScope.District; f.AudienceOrganizationIds = [world.One.DistrictA.Id]; }));
        await (await Act(admin, draft.Id, "submit")).Read<Opportunity>();

        (await districtA.GetAsync($"{Url}/{draft.Id}")).StatusCode.Should().Be(HttpStatusCode.OK, "curators see what is submitted to them");
        await (await districtB.GetAsync($"{Url}/{draft.Id}")).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await teacherA.GetAsync($"{Url}/{draft.Id}")).ShouldBeProblem(HttpStatusCode.NotFound, "not yet published");
        await (await Act(coordinatorA, draft.Id, "approve")).ShouldBeProblem(HttpStatusCode.NotFound, "a submission for the whole district is the district's to curate");

        (await (await Act(districtA, draft.Id, "approve")).Read<Opportunity>()).Status.Should().Be(OpportunityStatus.Published);
        (await teacherA.GetAsync($"{Url}/{draft.Id}")).StatusCode.Should().Be(HttpStatusCode.OK);
        await (await teacherB.GetAsync($"{Url}/{draft.Id}")).ShouldBeProblem(HttpStatusCode.NotFound);

        var forSchoolA = await Draft(admin, world.One.Employer.Id, Fields(f => { f.Audience = AudienceScope.School; f.AudienceOrganizationIds = [world.One.SchoolA.Id]; }));
        await (await Act(admin, forSchoolA.Id, "submit")).Read<Opportunity>();
        await (await Act(teacherA, forSchoolA.Id, "approve")).ShouldBeProblem(HttpStatusCode.NotFound, "teachers do not curate");
        (await (await Act(coordinatorA, forSchoolA.Id, "approve")).Read<Opportunity>()).Status.Should().Be(OpportunityStatus.Published);
    }

    [SkippableFact]
    public async Task Region_wide_opportunities_are_approved_only_by_the_convener()
    {
        var world = await _actors.World();
        var admin = await _actors.Admin();
        var draft = await Draft(admin, world.One.Employer.Id);
        await (await Act(admin, draft.Id, "submit")).Read<Opportunity>();

        var districtAdmin = await _actors.As(Role.DistrictAdmin, world.One.DistrictA.Id);
        await (await Act(districtAdmin, draft.Id, "approve")).ShouldBeProblem(HttpStatusCode.NotFound, "a district curator does not see region-wide submissions");
        var otherConvener = await _actors.As(Role.ConvenerAdmin, world.Two.Region.Id);
        await (await Act(otherConvener, draft.Id, "approve")).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task Editing_needs_if_match_and_stops_once_submitted()
    {
        var world = await _actors.World();
        var employer = await _actors.As(Role.EmployerAdmin, world.One.Employer.Id);
        var draft = await Draft(employer, world.One.Employer.Id);
        var changed = draft.Fields with { Title = "Renamed", Seats = 4 };

        var noTag = new HttpRequestMessage(HttpMethod.Put, $"{Url}/{draft.Id}") { Content = JsonContent.Create(changed, options: Http.Json) };
        await (await employer.SendAsync(noTag)).ShouldBeProblem(HttpStatusCode.PreconditionRequired);
        await (await Put(employer, draft.Id, "\"9\"", changed)).ShouldBeProblem(HttpStatusCode.PreconditionFailed);
        var updated = await (await Put(employer, draft.Id, "\"1\"", changed)).Read<Opportunity>();
        updated.Fields.Title.Should().Be("Renamed");
        updated.Version.Should().Be(2);

        await (await Act(employer, draft.Id, "submit")).Read<Opportunity>();
        await (await Put(employer, draft.Id, "*", changed)).ShouldBeProblem(HttpStatusCode.Conflict);

        var otherEmployer = await _actors.As(Role.EmployerAdmin, world.Two.Employer.Id);
        await (await Put(otherEmployer, draft.Id, "*", changed)).ShouldBeProblem(HttpStatusCode.NotFound);
        var bad = await (await Put(employer, draft.Id, "*", changed with { Seats = -1 })).ShouldBeProblem(HttpStatusCode.BadRequest);
        bad.Errors.Should().ContainKey("seats");
    }

    [SkippableFact]
    public async Task Search_filters_by_cluster_type_stage_pay_modality_dates_and_text_within_what_the_caller_sees()
    {
        var world = await _actors.World();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var health = await Published(world.One, Fields(f =>
        {
            f.Title = $"Clinic shadow {tag}";
            f.CareerCluster = CareerCluster.HealthcareHumanServices;
            f.Type = OpportunityType.JobShadowing;
            f.Stage = ContinuumStage.Exploration;
            f.StartDate = new DateOnly(2027, 1, 10);
            f.EndDate = new DateOnly(2027, 1, 20);
        }));
        var code = await Published(world.One, Fields(f =>
        {
            f.Title = $"Remote coding internship {tag}";
            f.CareerCluster = CareerCluster.DigitalTechnology;
            f.Type = OpportunityType.PaidInternship;
            f.Stage = ContinuumStage.Training;
            f.Modality = Modality.Virtual;
            f.Address = null;
            f.Compensation = Compensation.Paid;
            f.HourlyWage = 20;
            f.Skills = ["TypeScript", "Testing"];
        }));
        var elsewhere = await Published(world.Two, Fields(f => f.Title = $"Far away {tag}"));
        var student = await _actors.As(Role.Student, world.One.SchoolA.Id);

        async Task<List<string>> Find(string query) =>
            (await (await student.GetAsync($"{Url}?q={tag}&{query}")).Read<OpportunityPage>()).Items.Select(o => o.Id).ToList();

        (await Find("")).Should().BeEquivalentTo([health.Id, code.Id]);
        (await Find("cluster=healthcareHumanServices")).Should().Equal(health.Id);
        (await Find("type=paidInternship")).Should().Equal(code.Id);
        (await Find("stage=exploration")).Should().Equal(health.Id);
        (await Find("paid=true")).Should().Equal(code.Id);
        (await Find("paid=false")).Should().Equal(health.Id);
        (await Find("virtual=true")).Should().Equal(code.Id);
        (await Find("from=2027-02-01")).Should().Equal(new[] { code.Id }, "the clinic shadow ends in January; the internship has no end date");
        (await Find("from=2027-01-15&to=2027-01-16")).Should().BeEquivalentTo([health.Id, code.Id]);
        (await Find("status=published")).Should().HaveCount(2);
        (await (await student.GetAsync($"{Url}?q=typescript")).Read<OpportunityPage>()).Items.Select(o => o.Id).Should().Contain(code.Id, "skills are searched too");
        (await (await student.GetAsync($"{Url}?q={tag}")).Read<OpportunityPage>()).Items.Select(o => o.Id).Should().NotContain(elsewhere.Id);
    }

    [SkippableFact]
    public async Task A_students_search_pages_through_what_they_may_see_published_or_closed_and_sees_a_change_made_on_the_node_at_once()
    {
        var world = await _actors.World();
        var admin = await _actors.Admin();
        var tag = Guid.NewGuid().ToString("N")[..8];
        OpportunityFields Named(string title, Action<OpportunityFieldsBuilder>? change = null) => Fields(f =>
        {
            f.Title = $"{title} {tag}";
            change?.Invoke(f);
        });

        var regionWide = await Published(world.One, Named("Region-wide"));
        var closed = await Published(world.One, Named("Closed"));
        await (await Act(admin, closed.Id, "close")).Read<Opportunity>();
        var forSchoolA = await Published(world.One, Named("For school A", f => { f.Audience = AudienceScope.School; f.AudienceOrganizationIds = [world.One.SchoolA.Id]; }));
        var forDistrictA = await Published(world.One, Named("For district A", f => { f.Audience = AudienceScope.District; f.AudienceOrganizationIds = [world.One.DistrictA.Id]; }));
        var forSchoolB = await Published(world.One, Named("For school B", f => { f.Audience = AudienceScope.School; f.AudienceOrganizationIds = [world.One.SchoolB.Id]; }));
        var otherRegion = await Published(world.Two, Named("Other region"));
        var draft = await Draft(admin, world.One.Employer.Id, Named("Draft"));
        var submitted = await Draft(admin, world.One.Employer.Id, Named("Submitted"));
        await (await Act(admin, submitted.Id, "submit")).Read<Opportunity>();

        var student = await _actors.As(Role.Student, world.One.SchoolA.Id);
        async Task<List<Opportunity>> All(string query)
        {
            var found = new List<Opportunity>();
            string? cursor = null;
            do
            {
                var page = await (await student.GetAsync($"{Url}?q={tag}&limit=2{query}{(cursor is null ? "" : "&cursor=" + cursor)}")).Read<OpportunityPage>();
                page.Items.Count.Should().BeLessThanOrEqualTo(2);
                found.AddRange(page.Items);
                cursor = page.NextCursor;
            }
            while (cursor is not null);
            return found;
        }

        var seen = await All("");
        seen.Select(o => o.Id).Should().BeEquivalentTo([regionWide.Id, closed.Id, forSchoolA.Id, forDistrictA.Id],
            "what is published or closed for the region, the school or its district; not another school's, another region's, or what is not yet published");
        seen.Select(o => o.Id).Should().BeInAscendingOrder(StringComparer.Ordinal).And.OnlyHaveUniqueItems();
        seen.Single(o => o.Id == closed.Id).Status.Should().Be(OpportunityStatus.Closed);
        seen.Should().OnlyContain(o => o.AllowedActions.Count == 0, "a student takes no action on an opportunity");
        var one = await (await student.GetAsync($"{Url}/{forDistrictA.Id}")).Read<Opportunity>();
        seen.Single(o => o.Id == forDistrictA.Id).Should().BeEquivalentTo(one, "search shows an opportunity as its own page does");
        (await All("&status=closed")).Select(o => o.Id).Should().Equal(closed.Id);
        (await All("&status=draft")).Should().BeEmpty();
        (await All("&status=submitted")).Should().BeEmpty();
        seen.Select(o => o.Id).Should().NotContain([forSchoolB.Id, otherRegion.Id, draft.Id, submitted.Id]);

        // A teacher of school B sees region-wide and school B's; a change made on this node shows at once.
        var teacherB = await _actors.As(Role.Teacher, world.One.SchoolB.Id);
        (await (await teacherB.GetAsync($"{Url}?q={tag}")).Read<OpportunityPage>()).Items.Select(o => o.Id)
            .Should().BeEquivalentTo([regionWide.Id, closed.Id, forSchoolB.Id], "school B is in district B: district A's is not for it");
        await (await Act(admin, regionWide.Id, "close")).Read<Opportunity>();
        (await All("&status=published")).Select(o => o.Id).Should().BeEquivalentTo([forSchoolA.Id, forDistrictA.Id]);
        await (await Act(admin, submitted.Id, "approve")).Read<Opportunity>();
        (await All("&status=published")).Select(o => o.Id).Should().BeEquivalentTo([forSchoolA.Id, forDistrictA.Id, submitted.Id]);
    }

    [SkippableTheory]
    [InlineData("status=open", "status")]
    [InlineData("cluster=space", "cluster")]
    [InlineData("stage=1", "stage")]
    [InlineData("from=2027-02-01&to=2027-01-01", "to")]
    [InlineData("limit=500", "limit")]
    public async Task Bad_search_parameters_are_a_400(string query, string field)
    {
        var client = await _actors.Admin();
        (await (await client.GetAsync($"{Url}?{query}")).ShouldBeProblem(HttpStatusCode.BadRequest)).Errors.Should().ContainKey(field);
    }

    [SkippableFact]
    public async Task Malformed_dates_and_flags_are_a_400_not_a_500()
    {
        var client = await _actors.Admin();
        await (await client.GetAsync($"{Url}?from=yesterday")).ShouldBeProblem(HttpStatusCode.BadRequest);
        await (await client.GetAsync($"{Url}?paid=maybe")).ShouldBeProblem(HttpStatusCode.BadRequest);
        await (await _actors.Anonymous().GetAsync(Url)).ShouldBeProblem(HttpStatusCode.Unauthorized);
    }

    private static Task<HttpResponseMessage> Put(HttpClient client, string id, string ifMatch, OpportunityFields body)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"{Url}/{id}") { Content = JsonContent.Create(body, options: Http.Json) };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(request);
    }
}

/// <summary>A valid, in-person, unpaid, region-wide exploration opportunity to start from.</summary>
public sealed class OpportunityFieldsBuilder
{
    public string Title { get; set; } = "Hospital lab job shadow";
    public string Description { get; set; } = "Spend two afternoons with the clinical lab team.";
    public string? Duties { get; set; }
    public OpportunityType Type { get; set; } = OpportunityType.JobShadowing;
    public ContinuumStage Stage { get; set; } = ContinuumStage.Exploration;
    public CareerCluster CareerCluster { get; set; } = CareerCluster.HealthcareHumanServices;
    public IReadOnlyList<string> Skills { get; set; } = ["Lab safety", "Communication"];
    public Modality Modality { get; set; } = Modality.InPerson;
    public PostalAddress? Address { get; set; } = new() { Line1 = "1 Hospital Way", City = "Alder", State = "CA", PostalCode = "95000", Country = "US" };
    public GeoPoint? Location { get; set; }
    public int Seats { get; set; } = 3;
    public DateOnly? StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
    public IReadOnlyList<WeeklySlot> Schedule { get; set; } = [];
    public Compensation Compensation { get; set; } = Compensation.Unpaid;
    public decimal? HourlyWage { get; set; }
    public int? MinAge { get; set; }
    public int? MinGrade { get; set; } = 9;
    public ContinuumStage? PrerequisiteStage { get; set; }
    public bool Hazardous { get; set; }
    public AudienceScope Audience { get; set; } = AudienceScope.Region;
    public IReadOnlyList<string> AudienceOrganizationIds { get; set; } = [];
    public string? WorksiteId { get; set; }

    public OpportunityFields Build() => new()
    {
        WorksiteId = WorksiteId,
        Title = Title,
        Description = Description,
        Duties = Duties,
        Type = Type,
        Stage = Stage,
        CareerCluster = CareerCluster,
        Pathway = "Health Science and Medical Technology",
        Skills = Skills,
        Modality = Modality,
        SiteName = "Alder Community Hospital",
        Address = Address,
        Location = Location,
        Seats = Seats,
        StartDate = StartDate,
        EndDate = EndDate,
        Schedule = Schedule,
        ExpectedHours = 8,
        Compensation = Compensation,
        HourlyWage = HourlyWage,
        CreditOffered = true,
        CreditDescription = "Counts toward the pathway's WBL hours",
        MinGrade = MinGrade,
        MinAge = MinAge,
        PrerequisiteStage = PrerequisiteStage,
        RequiredForms = ["Parent permission"],
        Hazardous = Hazardous,
        Audience = Audience,
        AudienceOrganizationIds = AudienceOrganizationIds,
    };
}
