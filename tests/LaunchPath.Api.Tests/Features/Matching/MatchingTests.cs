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
using Microsoft.Extensions.DependencyInjection;

namespace LaunchPath.Api.Tests.Features.Matching;

public sealed class MatchingOnSqlite(SqliteApi api) : MatchingTests(() => api.Factory), IClassFixture<SqliteApi>;

public sealed class MatchingOnSqlServer(SqlServerApi api) : MatchingTests(() => api.Factory), IClassFixture<SqlServerApi>;

/// <summary>Recommendations, candidates, matching settings and match rounds through the API.</summary>
public abstract class MatchingTests
{
    private readonly Func<ApiFactory> _factory;
    private readonly Actors _actors;

    protected MatchingTests(Func<ApiFactory> factory)
    {
        _factory = factory;
        _actors = new Actors(factory());
    }

    private async Task<Opportunity> Published(RegionTree tree, Action<OpportunityFieldsBuilder>? change = null)
    {
        var admin = await _actors.Admin();
        var draft = await (await admin.PostJson("/api/v1/opportunities", new CreateOpportunityRequest
        {
            EmployerId = tree.Employer.Id,
            Fields = OpportunitiesTests.Fields(f => { f.StartDate = null; change?.Invoke(f); }),
        })).Read<Opportunity>(HttpStatusCode.Created);
        await (await admin.PostAsync($"/api/v1/opportunities/{draft.Id}/submit", null)).Read<Opportunity>();
        return await (await admin.PostAsync($"/api/v1/opportunities/{draft.Id}/approve", null)).Read<Opportunity>();
    }

    private async Task<Student> NewStudent(string schoolId, int grade = 11, CareerCluster interest = CareerCluster.HealthcareHumanServices, bool share = true, bool englishLearner = false)
    {
        var admin = await _actors.Admin();
        var student = await (await admin.PostJson("/api/v1/students", new StudentRecordFields
        {
            SchoolId = schoolId,
            GivenName = "Stu" + Guid.NewGuid().ToString("N")[..4],
            FamilyName = "Dent",
            Email = $"s{Guid.NewGuid():N}@students.example.test",
            Grade = grade,
            BirthDate = new DateOnly(2027 - grade - 5, 3, 1),
            Subgroups = new SubgroupFlags { EnglishLearner = englishLearner },
        })).Read<Student>(HttpStatusCode.Created);
        return await (await Put(admin, $"/api/v1/students/{student.Id}/preferences", new StudentPreferences
        {
            CareerInterests = [interest],
            ShareProfileWithEmployers = share,
        })).Read<Student>();
    }

    private static Task<HttpResponseMessage> Put<T>(HttpClient client, string url, T body, string? ifMatch = "*")
    {
        var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(body, options: Http.Json) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return client.SendAsync(request);
    }

    private static async Task<MatchRound> Finished(HttpClient client, HttpResponseMessage started)
    {
        var round = await started.Read<MatchRound>(HttpStatusCode.Accepted);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (round.Status is MatchRoundStatus.Queued or MatchRoundStatus.Running && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            round = await (await client.GetAsync($"/api/v1/match-rounds/{round.Id}")).Read<MatchRound>();
        }

        return round;
    }

    [SkippableFact]
    public async Task Recommendations_rank_eligible_published_opportunities_with_reasons_for_those_who_may_see_the_student()
    {
        var world = await _actors.World();
        var health = await Published(world.One, f => f.Title = "Clinic shadow");
        var construction = await Published(world.One, f => { f.Title = "Site tour"; f.CareerCluster = CareerCluster.Construction; });
        var seniorsOnly = await Published(world.One, f => { f.Title = "Seniors only"; f.Stage = ContinuumStage.Exploration; });
        await (await (await _actors.Admin()).PostAsync($"/api/v1/opportunities/{seniorsOnly.Id}/close", null)).Read<Opportunity>();
        var gradeTwelve = await Published(world.One, f => { f.Title = "Grade 12"; f.MinAge = null; }) ;
        var elsewhere = await Published(world.Two, f => f.Title = "Other region");
        var student = await NewStudent(world.One.SchoolA.Id, grade: 9);
        var coordinator = await _actors.As(Role.SchoolCoordinator, world.One.SchoolA.Id);

        var list = await (await coordinator.GetAsync($"/api/v1/students/{student.Id}/recommendations")).Read<List<RecommendedOpportunity>>();
        var ids = list.Select(r => r.Opportunity.Id).ToList();
        ids.Should().Contain([health.Id, construction.Id]).And.NotContain([seniorsOnly.Id, elsewhere.Id], "closed and other-region opportunities are not offered");
        ids.IndexOf(health.Id).Should().BeLessThan(ids.IndexOf(construction.Id), "it matches the student's interest");
        var top = list.Single(r => r.Opportunity.Id == health.Id);
        top.Reasons.Should().Contain(r => r.Code == "interestMatch" && r.Weight > 0);
        top.Reasons.Sum(r => r.Weight).Should().BeApproximately(top.Score, 0.1);
        top.SeatsLeft.Should().Be(3);
        _ = gradeTwelve;

        var employer = await _actors.As(Role.EmployerAdmin, world.One.Employer.Id);
        await (await employer.GetAsync($"/api/v1/students/{student.Id}/recommendations")).ShouldBeProblem(HttpStatusCode.NotFound);
        var otherConvener = await _actors.As(Role.ConvenerAdmin, world.Two.Region.Id);
        await (await otherConvener.GetAsync($"/api/v1/students/{student.Id}/recommendations")).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await coordinator.GetAsync($"/api/v1/students/{student.Id}/recommendations?limit=0")).ShouldBeProblem(HttpStatusCode.BadRequest);
    }

    /// <summary>
    /// Recommendations look only at the opportunities that can still make a student's top, and judge the audience only
    /// for those: an opportunity for one school, scored above everything else, must still reach that school's students
    /// alone (whatever its place among the region's groups).
    /// </summary>
    [SkippableFact]
    public async Task An_opportunity_for_one_school_is_recommended_to_that_schools_students_alone()
    {
        var world = await _actors.World();
        var unique = Guid.NewGuid().ToString("N")[..6];
        var ours = await Published(world.One, f =>
        {
            f.Title = "School B clinic " + unique;
            f.Audience = AudienceScope.School;
            f.AudienceOrganizationIds = [world.One.SchoolB.Id];
            f.Compensation = Compensation.Paid;
            f.HourlyWage = 18;
        });
        var everyone = await Published(world.One, f => f.Title = "Region clinic " + unique);
        var atB = await NewStudent(world.One.SchoolB.Id);
        var atA = await NewStudent(world.One.SchoolA.Id);
        var admin = await _actors.Admin();

        async Task<List<string>> Recommended(Student student) =>
            (await (await admin.GetAsync($"/api/v1/students/{student.Id}/recommendations?limit=100")).Read<List<RecommendedOpportunity>>())
            .Select(r => r.Opportunity.Id).ToList();

        (await Recommended(atB)).Should().Contain([ours.Id, everyone.Id]);
        (await Recommended(atA)).Should().Contain(everyone.Id).And.NotContain(ours.Id, "its audience is another school");
        var one = await (await admin.GetAsync($"/api/v1/students/{atA.Id}/recommendations?limit=1")).Read<List<RecommendedOpportunity>>();
        one.Should().ContainSingle().Which.Opportunity.Id.Should().NotBe(ours.Id);
    }

    /// <summary>
    /// Recommendations and the eligible-only search answer from the region's snapshot, whose contracts are built once:
    /// each caller must still see each opportunity exactly as reading it alone shows it, their own actions included.
    /// </summary>
    [SkippableFact]
    public async Task Recommended_and_eligible_opportunities_are_what_each_caller_reads_of_them()
    {
        var world = await _actors.World();
        var unique = Guid.NewGuid().ToString("N")[..6];
        await Published(world.One, f => f.Title = "Clinic rounds " + unique);
        await Published(world.One, f => { f.Title = "Lab tour " + unique; f.Audience = AudienceScope.School; f.AudienceOrganizationIds = [world.One.SchoolA.Id]; });
        var student = await NewStudent(world.One.SchoolA.Id);
        var callers = new Dictionary<string, HttpClient>
        {
            ["admin"] = await _actors.Admin(),
            ["convener"] = await _actors.As(Role.ConvenerAdmin, world.One.Region.Id),
            ["coordinator"] = await _actors.As(Role.SchoolCoordinator, world.One.SchoolA.Id),
        };
        var someoneMayAct = false;
        foreach (var (name, client) in callers)
        {
            var recommended = (await (await client.GetAsync($"/api/v1/students/{student.Id}/recommendations?limit=100")).Read<List<RecommendedOpportunity>>())
                .Select(r => r.Opportunity).ToList();
            var eligible = (await (await client.GetAsync($"/api/v1/opportunities?eligibleFor={student.Id}&q={unique}")).Read<OpportunityPage>()).Items;
            eligible.Should().HaveCount(2, name);
            foreach (var opportunity in recommended.Concat(eligible))
            {
                var alone = await (await client.GetAsync($"/api/v1/opportunities/{opportunity.Id}")).Read<Opportunity>();
                opportunity.Should().BeEquivalentTo(alone, $"{name} reads {opportunity.Fields.Title} so");
                someoneMayAct |= alone.AllowedActions.Count > 0;
            }
        }

        someoneMayAct.Should().BeTrue("the region's staff may act on its opportunities, so an answer built for anyone would differ");
    }

    [SkippableFact]
    public async Task Grade_and_age_limits_keep_opportunities_out_of_recommendations()
    {
        var world = await _actors.World();
        var forJuniors = await Published(world.One, f => f.Title = "Open to all");
        var forSeniors = await Published(world.One, f => { f.Title = "Hazardous shop work"; f.Hazardous = true; });
        var student = await NewStudent(world.One.SchoolA.Id, grade: 10);
        var list = await (await (await _actors.Admin()).GetAsync($"/api/v1/students/{student.Id}/recommendations?limit=100")).Read<List<RecommendedOpportunity>>();
        list.Select(r => r.Opportunity.Id).Should().Contain(forJuniors.Id).And.NotContain(forSeniors.Id);
    }

    [SkippableFact]
    public async Task Coordinators_get_candidates_for_an_opportunity_and_employers_do_not()
    {
        var world = await _actors.World();
        var opportunity = await Published(world.One);
        var interested = await NewStudent(world.One.SchoolA.Id);
        var other = await NewStudent(world.One.SchoolA.Id, interest: CareerCluster.Construction);
        var elsewhere = await NewStudent(world.One.SchoolB.Id);
        var coordinator = await _actors.As(Role.SchoolCoordinator, world.One.SchoolA.Id);

        var candidates = await (await coordinator.GetAsync($"/api/v1/opportunities/{opportunity.Id}/candidates")).Read<List<RecommendedStudent>>();
        candidates.Select(c => c.StudentId).Should().ContainInOrder(interested.Id, other.Id).And.NotContain(elsewhere.Id, "the coordinator sees only its school");

        var employer = await _actors.As(Role.EmployerAdmin, world.One.Employer.Id);
        await (await employer.GetAsync($"/api/v1/opportunities/{opportunity.Id}/candidates")).ShouldBeProblem(HttpStatusCode.Forbidden);
        var otherConvener = await _actors.As(Role.ConvenerAdmin, world.Two.Region.Id);
        await (await otherConvener.GetAsync($"/api/v1/opportunities/{opportunity.Id}/candidates")).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task Conveners_set_the_regions_weights_and_others_cannot()
    {
        var world = await _actors.World();
        var convener = await _actors.As(Role.ConvenerAdmin, world.One.Region.Id);
        var url = $"/api/v1/regions/{world.One.Region.Id}/matching-settings";
        (await (await convener.GetAsync(url)).Read<MatchingSettings>()).MaxChoices.Should().Be(5);

        var saved = await (await Put(convener, url, new UpdateMatchingSettingsRequest { Weights = new MatchingWeights { Pay = 4 }, MaxChoices = 8 })).Read<MatchingSettings>();
        saved.Should().BeEquivalentTo(new { MaxChoices = 8, Version = 1 });
        saved.Weights.Pay.Should().Be(4);
        (await (await Put(convener, url, new UpdateMatchingSettingsRequest { Weights = new MatchingWeights(), MaxChoices = 6 })).Read<MatchingSettings>()).Version.Should().Be(2);

        await (await Put(await _actors.As(Role.DistrictAdmin, world.One.DistrictA.Id), url, new UpdateMatchingSettingsRequest { Weights = new MatchingWeights(), MaxChoices = 3 }))
            .ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await Put(await _actors.As(Role.ConvenerAdmin, world.Two.Region.Id), url, new UpdateMatchingSettingsRequest { Weights = new MatchingWeights(), MaxChoices = 3 }))
            .ShouldBeProblem(HttpStatusCode.NotFound);
        (await (await Put(convener, url, new UpdateMatchingSettingsRequest { Weights = new MatchingWeights { Travel = -1 }, MaxChoices = 0 })).ShouldBeProblem(HttpStatusCode.BadRequest))
            .Errors.Should().ContainKeys("maxChoices", "weights.travel");
    }

    [SkippableFact]
    public async Task Saving_the_weights_needs_the_version_read_so_one_convener_does_not_overwrite_another()
    {
        var world = await _actors.World();
        var convener = await _actors.As(Role.ConvenerAdmin, world.One.Region.Id);
        var url = $"/api/v1/regions/{world.One.Region.Id}/matching-settings";
        var read = await convener.GetAsync(url);
        read.Headers.ETag!.Tag.Should().Be("\"0\"");

        var first = await Put(convener, url, new UpdateMatchingSettingsRequest { Weights = new MatchingWeights { Pay = 4 }, MaxChoices = 8 }, "\"0\"");
        first.Headers.ETag!.Tag.Should().Be("\"1\"");
        (await first.Read<MatchingSettings>()).Version.Should().Be(1);

        // A second editor still holding version 0 is refused, and the first editor's weights stay.
        await (await Put(convener, url, new UpdateMatchingSettingsRequest { Weights = new MatchingWeights { Pay = 9 }, MaxChoices = 3 }, "\"0\""))
            .ShouldBeProblem(HttpStatusCode.PreconditionFailed);
        await (await Put(convener, url, new UpdateMatchingSettingsRequest { Weights = new MatchingWeights { Pay = 9 }, MaxChoices = 3 }, ifMatch: null))
            .ShouldBeProblem((HttpStatusCode)428);
        var kept = await (await convener.GetAsync(url)).Read<MatchingSettings>();
        kept.Should().BeEquivalentTo(new { MaxChoices = 8, Version = 1 });
        kept.Weights.Pay.Should().Be(4);
    }

    [SkippableFact]
    public async Task A_round_opens_students_rank_employers_rank_it_runs_reproducibly_and_publishes_immutably()
    {
        var world = await _actors.World();
        var a = await Published(world.One, f => { f.Title = "Lab A"; f.Seats = 1; });
        var b = await Published(world.One, f => { f.Title = "Lab B"; f.Seats = 1; });
        var convener = await _actors.As(Role.ConvenerAdmin, world.One.Region.Id);
        var coordinator = await _actors.As(Role.SchoolCoordinator, world.One.SchoolA.Id);
        var employer = await _actors.As(Role.EmployerAdmin, world.One.Employer.Id);

        var round = await (await convener.PostJson("/api/v1/match-rounds", new CreateMatchRoundRequest
        {
            OrganizationId = world.One.Region.Id, Name = "Spring internships", OpportunityIds = [a.Id, b.Id], MaxChoices = 2, Seed = 42,
        })).Read<MatchRound>(HttpStatusCode.Created);
        round.Status.Should().Be(MatchRoundStatus.Open);
        round.Opportunities.Select(o => o.Seats).Should().Equal(1, 1);

        // Three students for two seats: one ranks for herself, the coordinator ranks with the others.
        var maya = await NewStudent(world.One.SchoolA.Id, share: true);
        var leo = await NewStudent(world.One.SchoolA.Id, share: false);
        var ivy = await NewStudent(world.One.SchoolA.Id, share: true);
        var account = await (await coordinator.PostJson($"/api/v1/students/{maya.Id}/account", new CreateStudentAccountRequest { Password = Actors.Password }))
            .Read<StudentAccount>(HttpStatusCode.Created);
        var mayaClient = await _actors.SignIn(account.Email, Actors.Password);
        var choices = $"/api/v1/match-rounds/{round.Id}/choices";
        (await Put(mayaClient, $"{choices}/{maya.Id}", new SubmitChoicesRequest { OpportunityIds = [a.Id, b.Id] })).StatusCode.Should().Be(HttpStatusCode.OK);
        await (await Put(mayaClient, $"{choices}/{leo.Id}", new SubmitChoicesRequest { OpportunityIds = [a.Id] })).ShouldBeProblem(HttpStatusCode.NotFound, "a student sees only herself");
        (await Put(coordinator, $"{choices}/{leo.Id}", new SubmitChoicesRequest { OpportunityIds = [a.Id, b.Id] })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Put(coordinator, $"{choices}/{ivy.Id}", new SubmitChoicesRequest { OpportunityIds = [a.Id] })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await (await mayaClient.GetAsync($"{choices}/{maya.Id}")).Read<StudentChoices>()).OpportunityIds.Should().Equal(a.Id, b.Id);

        // The employer sees consenting applicants by name, the others anonymously, and each disclosure is logged.
        var applicants = await (await employer.GetAsync($"/api/v1/match-rounds/{round.Id}/opportunities/{a.Id}/applicants")).Read<List<RoundApplicant>>();
        applicants.Should().HaveCount(3);
        // The round's manager sees every applicant's student id beside the applicant id rankings use.
        var managed = await (await convener.GetAsync($"/api/v1/match-rounds/{round.Id}/opportunities/{a.Id}/applicants")).Read<List<RoundApplicant>>();
        string Applicant(string studentId) => managed.Single(x => x.StudentId == studentId).ApplicantId;
        applicants.Select(x => x.ApplicantId).Should().BeEquivalentTo(managed.Select(x => x.ApplicantId), "an applicant id is the same for every caller");
        applicants.Single(x => x.ApplicantId == Applicant(leo.Id)).Should().BeEquivalentTo(
            new { ProfileShared = false, SchoolName = (string?)null, StudentId = (string?)null, Grade = (int?)null },
            "before consent an employer learns nothing that identifies the applicant: no student id, grade or school");
        applicants.Single(x => x.ApplicantId == Applicant(leo.Id)).DisplayName.Should().StartWith("Applicant");
        applicants.Select(x => x.ApplicantId).Should().NotContain(new[] { leo.Id, maya.Id, ivy.Id }, "applicant ids are pseudonyms, not student ids");
        applicants.Single(x => x.StudentId == maya.Id).DisplayName.Should().Contain(maya.FamilyName);
        (await Disclosures(maya.Id)).Should().BeGreaterThan(0);
        (await Disclosures(leo.Id)).Should().Be(0, "nothing identifying was shown");

        // The employer prefers Ivy for Lab A and will not take Leo there.
        var ranked = await (await Put(employer, $"/api/v1/match-rounds/{round.Id}/opportunities/{a.Id}/ranking",
            new EmployerRankingRequest { Ranked = [Applicant(ivy.Id)], Unacceptable = [Applicant(leo.Id)] })).Read<List<RoundApplicant>>();
        ranked.Single(x => x.StudentId == ivy.Id).EmployerRank.Should().Be(1);
        await (await Put(employer, $"/api/v1/match-rounds/{round.Id}/opportunities/{a.Id}/ranking",
            new EmployerRankingRequest { Ranked = [Guid.CreateVersion7().ToString()] })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        await (await Put(employer, $"/api/v1/match-rounds/{round.Id}/opportunities/{a.Id}/ranking",
            new EmployerRankingRequest { Ranked = [ivy.Id] })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "rankings name applicant ids, not student ids");

        await (await employer.PostAsync($"/api/v1/match-rounds/{round.Id}/run", null)).ShouldBeProblem(HttpStatusCode.Forbidden);
        var matched = await Finished(convener, await convener.PostAsync($"/api/v1/match-rounds/{round.Id}/run", null));
        matched.Status.Should().Be(MatchRoundStatus.Matched);
        matched.Statistics!.Should().BeEquivalentTo(new { Students = 3, Matched = 2, Unmatched = 1, Seats = 2, UnfilledSeats = 0 });
        matched.Statistics!.BySubgroup.Should().NotBeNull("the convener may see subgroups").And.Contain(g => g.Group == "all" && g.Suppressed, "3 students is a small cell");

        var placements = await (await convener.GetAsync($"/api/v1/match-rounds/{round.Id}/placements")).Read<List<RoundPlacement>>();
        placements.Should().HaveCount(2).And.OnlyContain(p => p.Status == "proposed");
        placements.Single(p => p.OpportunityId == a.Id).StudentId.Should().Be(ivy.Id, "the employer ranked Ivy first");
        placements.Should().NotContain(p => p.StudentId == leo.Id && p.OpportunityId == a.Id);

        var again = await Finished(convener, await convener.PostAsync($"/api/v1/match-rounds/{round.Id}/run", null));
        again.Runs.Should().Be(2);
        (await (await convener.GetAsync($"/api/v1/match-rounds/{round.Id}/placements")).Read<List<RoundPlacement>>())
            .Select(p => (p.StudentId, p.OpportunityId)).Should().BeEquivalentTo(placements.Select(p => (p.StudentId, p.OpportunityId)), "the same seed gives the same result");

        var teacher = await _actors.As(Role.Teacher, world.One.SchoolA.Id);
        (await (await teacher.GetAsync($"/api/v1/match-rounds/{round.Id}")).Read<MatchRound>()).Statistics!.BySubgroup.Should().BeNull("teachers do not see subgroups");
        await (await teacher.PostAsync($"/api/v1/match-rounds/{round.Id}/publish", null)).ShouldBeProblem(HttpStatusCode.Forbidden);

        var published = await (await convener.PostAsync($"/api/v1/match-rounds/{round.Id}/publish", null)).Read<MatchRound>();
        published.Status.Should().Be(MatchRoundStatus.Published);
        published.PublishedAt.Should().NotBeNull();
        (await (await convener.GetAsync($"/api/v1/match-rounds/{round.Id}/placements")).Read<List<RoundPlacement>>()).Should().OnlyContain(p => p.Status == "approved");
        (await Audit(round.Id)).Should().Be(1);

        // Each student sees their own result; the unmatched one is told so (the SPA then points to what is left).
        var results = (await (await convener.GetAsync($"/api/v1/match-rounds/{round.Id}/placements")).Read<List<RoundPlacement>>()).ToDictionary(p => p.StudentId);
        var unmatched = new[] { maya.Id, leo.Id }.Single(id => !results.ContainsKey(id));
        var mine = await (await mayaClient.GetAsync($"{choices}/{maya.Id}")).Read<StudentChoices>();
        mine.Result.Should().BeEquivalentTo(results.TryGetValue(maya.Id, out var placed)
            ? new { Matched = true, PlacementId = (string?)placed.PlacementId, OpportunityId = (string?)placed.OpportunityId }
            : new { Matched = false, PlacementId = (string?)null, OpportunityId = (string?)null });
        mine.Unavailable.Should().BeEmpty("a published round takes no choices");
        (await (await coordinator.GetAsync($"{choices}/{unmatched}")).Read<StudentChoices>()).Result.Should().BeEquivalentTo(new { Matched = false });
        (await (await coordinator.GetAsync($"{choices}/{ivy.Id}")).Read<StudentChoices>()).Result!.Should()
            .BeEquivalentTo(new { Matched = true, OpportunityId = a.Id, PlacementId = results[ivy.Id].PlacementId });

        // Each is told why a choice above their result was not theirs: Lab A took Ivy, whom its employer ranked, and would not take Leo.
        mine.Result!.Choices[0].Should().BeEquivalentTo(new { OpportunityId = a.Id, Outcome = ChoiceOutcome.RankedHigher });
        (await (await coordinator.GetAsync($"{choices}/{leo.Id}")).Read<StudentChoices>()).Result!.Choices[0].Should()
            .BeEquivalentTo(new { OpportunityId = a.Id, Outcome = ChoiceOutcome.NotAcceptable });
        mine.Result.LotteryNumber.Should().BeInRange(1, 3);
        mine.Result.Students.Should().Be(3);

        await (await convener.PostAsync($"/api/v1/match-rounds/{round.Id}/publish", null)).ShouldBeProblem(HttpStatusCode.Conflict);
        await (await convener.PostAsync($"/api/v1/match-rounds/{round.Id}/run", null)).ShouldBeProblem(HttpStatusCode.Conflict);
        await (await Put(coordinator, $"{choices}/{leo.Id}", new SubmitChoicesRequest { OpportunityIds = [b.Id] })).ShouldBeProblem(HttpStatusCode.Conflict);
        await (await Put(employer, $"/api/v1/match-rounds/{round.Id}/opportunities/{a.Id}/ranking", new EmployerRankingRequest())).ShouldBeProblem(HttpStatusCode.Conflict);

        // Published placements hold seats: the opportunities now have none left for recommendations or new rounds.
        var next = await (await convener.PostJson("/api/v1/match-rounds", new CreateMatchRoundRequest
        {
            OrganizationId = world.One.Region.Id, Name = "Next", OpportunityIds = [a.Id],
        })).Read<MatchRound>(HttpStatusCode.Created);
        next.Opportunities.Single().Seats.Should().Be(0);
    }

    [SkippableFact]
    public async Task Rounds_and_choices_are_checked()
    {
        var world = await _actors.World();
        var convener = await _actors.As(Role.ConvenerAdmin, world.One.Region.Id);
        var open = await Published(world.One);
        var other = await Published(world.One, f => f.MinGrade = 12);
        var admin = await _actors.Admin();
        var draft = await (await admin.PostJson("/api/v1/opportunities", new CreateOpportunityRequest { EmployerId = world.One.Employer.Id, Fields = OpportunitiesTests.Fields() }))
            .Read<Opportunity>(HttpStatusCode.Created);

        await (await convener.PostJson("/api/v1/match-rounds", new CreateMatchRoundRequest { OrganizationId = world.One.Region.Id, Name = "R", OpportunityIds = [draft.Id] }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        await (await convener.PostJson("/api/v1/match-rounds", new CreateMatchRoundRequest { OrganizationId = world.One.Region.Id, Name = "", OpportunityIds = [] }))
            .ShouldBeProblem(HttpStatusCode.BadRequest);
        await (await (await _actors.As(Role.Teacher, world.One.SchoolA.Id)).PostJson("/api/v1/match-rounds",
            new CreateMatchRoundRequest { OrganizationId = world.One.Region.Id, Name = "R", OpportunityIds = [open.Id] })).ShouldBeProblem(HttpStatusCode.Forbidden);
        var round = await (await convener.PostJson("/api/v1/match-rounds", new CreateMatchRoundRequest
        {
            OrganizationId = world.One.Region.Id, Name = "R", OpportunityIds = [open.Id, other.Id], MaxChoices = 1,
        })).Read<MatchRound>(HttpStatusCode.Created);
        await (await convener.PostJson("/api/v1/match-rounds", new CreateMatchRoundRequest { OrganizationId = world.One.Region.Id, Name = "Twice", OpportunityIds = [open.Id] }))
            .ShouldBeProblem(HttpStatusCode.Conflict);
        await (await (await _actors.As(Role.ConvenerAdmin, world.Two.Region.Id)).GetAsync($"/api/v1/match-rounds/{round.Id}")).ShouldBeProblem(HttpStatusCode.NotFound);

        var student = await NewStudent(world.One.SchoolA.Id, grade: 10);
        var url = $"/api/v1/match-rounds/{round.Id}/choices/{student.Id}";
        await (await Put(admin, url, new SubmitChoicesRequest { OpportunityIds = [open.Id, other.Id] })).ShouldBeProblem(HttpStatusCode.BadRequest, "more than maxChoices");
        var offered = await (await admin.GetAsync(url)).Read<StudentChoices>();
        offered.Unavailable.Should().ContainSingle("the student may rank the open one; the grade-12 one is not for a 10th grader, said before they pick")
            .Which.Should().BeEquivalentTo(new { OpportunityId = other.Id, Why = new { Code = "belowMinimumGrade", Value = 12 } });
        (await (await Put(admin, url, new SubmitChoicesRequest { OpportunityIds = [other.Id] })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity)).Detail
            .Should().Contain("grade 12").And.Contain(offered.Unavailable[0].Reason, "saving refuses it for the same reason, in the same words");
        await (await Put(admin, url, new SubmitChoicesRequest { OpportunityIds = [draft.Id] })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        await (await Put(admin, url, new SubmitChoicesRequest { OpportunityIds = [open.Id, open.Id] })).ShouldBeProblem(HttpStatusCode.BadRequest);
        var elsewhere = await NewStudent(world.Two.SchoolA.Id);
        await (await Put(admin, $"/api/v1/match-rounds/{round.Id}/choices/{elsewhere.Id}", new SubmitChoicesRequest { OpportunityIds = [open.Id] }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        await (await convener.PostAsync($"/api/v1/match-rounds/{round.Id}/publish", null)).ShouldBeProblem(HttpStatusCode.Conflict, "nothing has run yet");
    }

    [SkippableFact]
    public async Task A_students_choices_are_kept_as_rows_and_as_the_list_a_run_reads_and_the_run_follows_the_latest()
    {
        var world = await _actors.World();
        var a = await Published(world.One, f => { f.Title = "Clinic A"; f.Seats = 1; });
        var b = await Published(world.One, f => { f.Title = "Clinic B"; f.Seats = 1; });
        var convener = await _actors.As(Role.ConvenerAdmin, world.One.Region.Id);
        var coordinator = await _actors.As(Role.SchoolCoordinator, world.One.SchoolA.Id);
        var round = await (await convener.PostJson("/api/v1/match-rounds", new CreateMatchRoundRequest
        {
            OrganizationId = world.One.Region.Id, Name = "Lists", OpportunityIds = [a.Id, b.Id], MaxChoices = 2, Seed = 7,
        })).Read<MatchRound>(HttpStatusCode.Created);
        var student = await NewStudent(world.One.SchoolA.Id);
        var url = $"/api/v1/match-rounds/{round.Id}/choices/{student.Id}";

        async Task<(List<string> Rows, string? List)> Stored()
        {
            await using var connection = await _factory().Services.GetRequiredService<Db>().OpenAsync(CancellationToken.None);
            var key = new { Round = Guid.Parse(round.Id), Student = Guid.Parse(student.Id) };
            var rows = (await connection.QueryAsync<string>(
                "SELECT opportunity_id FROM match_round_choices WHERE round_id = @Round AND student_id = @Student ORDER BY rank", key)).ToList();
            var list = await connection.ExecuteScalarAsync<string?>(
                "SELECT opportunity_ids FROM match_round_choice_lists WHERE round_id = @Round AND student_id = @Student", key);
            return (rows.Select(r => Guid.Parse(r).ToString("D")).ToList(), list);
        }

        (await Put(coordinator, url, new SubmitChoicesRequest { OpportunityIds = [a.Id, b.Id] })).StatusCode.Should().Be(HttpStatusCode.OK);
        var (rows, list) = await Stored();
        rows.Should().Equal(a.Id, b.Id);
        System.Text.Json.JsonSerializer.Deserialize<List<string>>(list!).Should().Equal(rows, "the list is the rows in rank order");

        (await Put(coordinator, url, new SubmitChoicesRequest { OpportunityIds = [b.Id, a.Id] })).StatusCode.Should().Be(HttpStatusCode.OK);
        (rows, list) = await Stored();
        rows.Should().Equal(b.Id, a.Id);
        System.Text.Json.JsonSerializer.Deserialize<List<string>>(list!).Should().Equal(b.Id, a.Id);

        (await Put(coordinator, url, new SubmitChoicesRequest { OpportunityIds = [] })).StatusCode.Should().Be(HttpStatusCode.OK);
        (rows, list) = await Stored();
        rows.Should().BeEmpty();
        list.Should().BeNull("no choices, no list");
        (await (await convener.GetAsync($"/api/v1/match-rounds/{round.Id}")).Read<MatchRound>()).StudentsWithChoices.Should().Be(0);

        // The run reads the lists: the last ranking counts, whatever came before.
        (await Put(coordinator, url, new SubmitChoicesRequest { OpportunityIds = [b.Id] })).StatusCode.Should().Be(HttpStatusCode.OK);
        var rival = await NewStudent(world.One.SchoolA.Id);
        (await Put(coordinator, $"/api/v1/match-rounds/{round.Id}/choices/{rival.Id}", new SubmitChoicesRequest { OpportunityIds = [a.Id] })).StatusCode.Should().Be(HttpStatusCode.OK);
        var matched = await Finished(convener, await convener.PostAsync($"/api/v1/match-rounds/{round.Id}/run", null));
        matched.Statistics!.Should().BeEquivalentTo(new { Students = 2, Matched = 2, FirstChoiceShare = 1.0 });
        var placements = await (await convener.GetAsync($"/api/v1/match-rounds/{round.Id}/placements")).Read<List<RoundPlacement>>();
        placements.Select(p => (p.StudentId, p.OpportunityId)).Should().BeEquivalentTo(new[] { (student.Id, b.Id), (rival.Id, a.Id) });
        matched.Opportunities.Select(o => o.Applicants).Should().AllBeEquivalentTo(1, "each opportunity has one applicant, counted from the rows");
        matched.StudentsWithChoices.Should().Be(2, "the student who cleared and ranked again counts once");
    }

    [SkippableFact]
    public async Task A_published_round_can_be_checked_by_anyone_from_its_commitment_seed_and_anonymised_input()
    {
        var world = await _actors.World();
        var labs = new List<Opportunity>();
        foreach (var seats in new[] { 2, 2, 3 })
        {
            labs.Add(await Published(world.One, f => { f.Title = $"Lab {labs.Count}"; f.Seats = seats; }));
        }

        var convener = await _actors.As(Role.ConvenerAdmin, world.One.Region.Id);
        var coordinator = await _actors.As(Role.SchoolCoordinator, world.One.SchoolA.Id);
        var employer = await _actors.As(Role.EmployerAdmin, world.One.Employer.Id);

        // No seed given: the API draws one and commits to it before anyone chooses; the seed itself stays hidden.
        var round = await (await convener.PostJson("/api/v1/match-rounds", new CreateMatchRoundRequest
        {
            OrganizationId = world.One.Region.Id, Name = "Verifiable", OpportunityIds = labs.Select(l => l.Id).ToList(), MaxChoices = 3,
            ReserveGroup = ReserveGroup.EnglishLearner, ReservePercent = 50,
        })).Read<MatchRound>(HttpStatusCode.Created);
        round.Seed.Should().BeNull("the seed is shown with the results, not before");
        round.SeedSalt.Should().BeNull();
        round.SeedCommitment.Should().MatchRegex("^[0-9a-f]{64}$");

        // Fourteen students for seven seats, most wanting Lab 0 first; every fourth an English learner.
        var students = new List<Student>();
        for (var i = 0; i < 14; i++)
        {
            var student = await NewStudent(world.One.SchoolA.Id, englishLearner: i % 4 == 0);
            students.Add(student);
            var order = i % 3 == 2 ? new[] { 1, 0, 2 } : new[] { 0, 1, 2 };
            (await Put(coordinator, $"/api/v1/match-rounds/{round.Id}/choices/{student.Id}",
                new SubmitChoicesRequest { OpportunityIds = order.Take(1 + i % 3).Select(o => labs[o].Id).ToList() })).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        // Lab 1's employer ranks two applicants and will not take one who put it first.
        var applicants = (await (await convener.GetAsync($"/api/v1/match-rounds/{round.Id}/opportunities/{labs[1].Id}/applicants")).Read<List<RoundApplicant>>())
            .ToDictionary(a => a.StudentId!, a => a.ApplicantId);
        await (await Put(employer, $"/api/v1/match-rounds/{round.Id}/opportunities/{labs[1].Id}/ranking", new EmployerRankingRequest
        {
            Ranked = [applicants[students[13].Id], applicants[students[4].Id]], Unacceptable = [applicants[students[2].Id]],
        })).Read<List<RoundApplicant>>();

        var matched = await Finished(convener, await convener.PostAsync($"/api/v1/match-rounds/{round.Id}/run", null));
        matched.Status.Should().Be(MatchRoundStatus.Matched);
        matched.Seed.Should().BeNull("not even the round's managers see the seed before publishing");
        await (await convener.GetAsync($"/api/v1/match-rounds/{round.Id}/published")).ShouldBeProblem(HttpStatusCode.Conflict);

        await (await coordinator.GetAsync($"/api/v1/match-rounds/{round.Id}/unmatched")).ShouldBeProblem(HttpStatusCode.Conflict, "who is unmatched is known at publication");
        var published = await (await convener.PostAsync($"/api/v1/match-rounds/{round.Id}/publish", null)).Read<MatchRound>();
        published.SeedCommitment.Should().Be(round.SeedCommitment, "the commitment made at opening");
        var seed = published.Seed!.Value;
        var opened = System.Text.Encoding.UTF8.GetBytes($"launchpath-round:{round.Id}:{seed}:{published.SeedSalt}");
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(opened)).Should().Be(round.SeedCommitment, "the seed is the one committed to");

        // A student (any student of the region) downloads the published input; it names no student.
        var account = await (await coordinator.PostJson($"/api/v1/students/{students[0].Id}/account", new CreateStudentAccountRequest { Password = Actors.Password }))
            .Read<StudentAccount>(HttpStatusCode.Created);
        var studentClient = await _actors.SignIn(account.Email, Actors.Password);
        var response = await studentClient.GetAsync($"/api/v1/match-rounds/{round.Id}/published");
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        foreach (var student in students)
        {
            text.Should().NotContain(student.Id).And.NotContain(student.GivenName);
        }

        await (await (await _actors.As(Role.ConvenerAdmin, world.Two.Region.Id)).GetAsync($"/api/v1/match-rounds/{round.Id}/published")).ShouldBeProblem(HttpStatusCode.NotFound);
        var export = System.Text.Json.JsonSerializer.Deserialize<PublishedRound>(text, Http.Json)!;
        export.Seed.Should().Be(seed);
        export.Entries.Should().HaveCount(14);

        // Re-derive: the engine's input from the export alone, the published engine, the published seed.
        var start = new int[export.Entries.Count + 1];
        var preferences = new List<int>();
        var rankAt = new List<int>();
        var refused = new HashSet<long>();
        for (var e = 0; e < export.Entries.Count; e++)
        {
            var entry = export.Entries[e];
            for (var c = 0; c < entry.Choices.Count; c++)
            {
                var o = entry.Choices[c];
                preferences.Add(o);
                rankAt.Add(export.Opportunities[o].RanksApplicants ? entry.Ranks?[c] ?? LaunchPath.Matching.MatchInput.Unranked : 0);
            }

            foreach (var o in entry.NotAcceptable ?? [])
            {
                refused.Add(LaunchPath.Matching.MatchInput.Pair(o, e));
            }

            start[e + 1] = preferences.Count;
        }

        export.Opportunities.Should().ContainSingle(o => o.RanksApplicants);
        refused.Should().ContainSingle();
        var input = new LaunchPath.Matching.MatchInput(export.Entries.Count, export.Opportunities.Select(o => o.Seats).ToArray(), start, preferences.ToArray())
        {
            RankAt = rankAt.ToArray(),
            Unacceptable = refused,
            InReserveGroup = export.Entries.Select(e => e.ReserveGroup!.Value).ToArray(),
            Reserves = export.Opportunities.Select(o => o.ReservedSeats).ToArray(),
        };
        input.InReserveGroup.Count(x => x).Should().Be(4);
        input.Reserves.Should().Equal(1, 1, 1);
        LaunchPath.Matching.DeferredAcceptance.Run(input, seed).Assignment.Should().Equal(export.Assignment, "the published engine on the published input gives the published result");

        // ... and that result is the placements the round made: each student's entry, lottery number and reasons agree with it.
        var lottery = LaunchPath.Matching.DeferredAcceptance.LotteryRanks(export.Entries.Count, seed);
        var placements = (await (await convener.GetAsync($"/api/v1/match-rounds/{round.Id}/placements")).Read<List<RoundPlacement>>()).ToDictionary(p => p.StudentId);
        var outcomes = new List<ChoiceOutcome>();
        foreach (var student in students)
        {
            var result = (await (await coordinator.GetAsync($"/api/v1/match-rounds/{round.Id}/choices/{student.Id}")).Read<StudentChoices>()).Result!;
            var entry = result.Entry!.Value;
            result.LotteryNumber.Should().Be(lottery[entry] + 1);
            result.Students.Should().Be(14);
            var given = export.Assignment[entry];
            (given < 0 ? null : export.Opportunities[given].OpportunityId).Should().Be(placements.GetValueOrDefault(student.Id)?.OpportunityId);
            result.OpportunityId.Should().Be(placements.GetValueOrDefault(student.Id)?.OpportunityId);
            export.Entries[entry].Choices.Select(o => export.Opportunities[o].OpportunityId).Should().StartWith(result.Choices.Select(c => c.OpportunityId));
            foreach (var choice in result.Choices)
            {
                outcomes.Add(choice.Outcome);
                if (choice.Outcome == ChoiceOutcome.FilledByLottery)
                {
                    choice.LastAdmittedLotteryNumber.Should().BeLessThan(result.LotteryNumber!.Value, "the last student admitted had a better number");
                    export.Opportunities.Single(o => o.OpportunityId == choice.OpportunityId).LastAdmittedLotteryNumber.Should().Be(choice.LastAdmittedLotteryNumber);
                }

                if (choice.Outcome == ChoiceOutcome.ReservedSeats)
                {
                    choice.ReserveGroup.Should().Be(ReserveGroup.EnglishLearner);
                }
            }

            result.Choices[^1].Outcome.Should().Be(result.Matched ? ChoiceOutcome.Matched : result.Choices[^1].Outcome);
        }

        outcomes.Should().Contain(ChoiceOutcome.FilledByLottery).And.Contain(ChoiceOutcome.Matched).And.Contain(ChoiceOutcome.NotAcceptable);

        // The coordinator's follow-up list: exactly the students the round left unmatched, for their school.
        var unmatched = await (await coordinator.GetAsync($"/api/v1/match-rounds/{round.Id}/unmatched")).Read<List<UnmatchedStudent>>();
        unmatched.Select(u => u.StudentId).Should().BeEquivalentTo(students.Select(x => x.Id).Where(id => !placements.ContainsKey(id)));
        unmatched.Should().NotBeEmpty("fourteen students for seven seats");
        (await (await (await _actors.As(Role.SchoolCoordinator, world.One.SchoolB.Id)).GetAsync($"/api/v1/match-rounds/{round.Id}/unmatched")).Read<List<UnmatchedStudent>>())
            .Should().BeEmpty("another school's coordinator sees none of them");
        await (await employer.GetAsync($"/api/v1/match-rounds/{round.Id}/unmatched")).ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    private async Task<int> Disclosures(string studentId)
    {
        await using var connection = await _factory().Services.GetRequiredService<Db>().OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM disclosures WHERE student_id = @Id", new { Id = Guid.Parse(studentId) });
    }

    private async Task<int> Audit(string roundId)
    {
        await using var connection = await _factory().Services.GetRequiredService<Db>().OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM audit_log WHERE entity_id = @Id AND action = 'publish'", new { Id = roundId });
    }
}
