using System.Net;
using System.Net.Http.Json;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Tests.Features.Opportunities;
using LaunchPath.Api.Tests.Infrastructure;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Matching;
using LaunchPath.Contracts.Opportunities;
using LaunchPath.Contracts.People;
using LaunchPath.Contracts.Placements;

namespace LaunchPath.Api.Tests.Features.Placements;

/// <summary>
/// A placement's allowedActions tell the truth for every caller at every step: each state move it does not list is
/// refused (403 or 409) when tried, and each step of the lifecycle is taken by a caller whose list offers it.
/// </summary>
public sealed class AllowedActionsTests : IDisposable
{
    private static readonly PlacementAction[] Moves = [PlacementAction.Accept, PlacementAction.Decline, PlacementAction.Approve, PlacementAction.Withdraw, PlacementAction.Complete];
    private readonly ApiFactory _factory = new(DatabaseProvider.Sqlite);
    private readonly Actors _actors;

    public AllowedActionsTests() => _actors = new Actors(_factory);

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Every_caller_is_offered_exactly_what_the_server_then_allows()
    {
        var world = await _actors.World();
        var admin = await _actors.Admin();
        var draft = await (await admin.PostJson("/api/v1/opportunities", new CreateOpportunityRequest
        {
            EmployerId = world.One.Employer.Id, Fields = OpportunitiesTests.Fields(f => f.Stage = ContinuumStage.Exploration),
        })).Read<Opportunity>(HttpStatusCode.Created);
        await (await admin.PostAsync($"/api/v1/opportunities/{draft.Id}/submit", null)).Read<Opportunity>();
        var opportunity = await (await admin.PostAsync($"/api/v1/opportunities/{draft.Id}/approve", null)).Read<Opportunity>();

        var coordinator = await _actors.As(Role.SchoolCoordinator, world.One.SchoolA.Id);
        var teacher = await _actors.As(Role.Teacher, world.One.SchoolA.Id);
        var employer = await _actors.As(Role.EmployerAdmin, world.One.Employer.Id);
        var supervisor = await _actors.As(Role.Supervisor, world.One.Employer.Id);
        var email = $"st{Guid.NewGuid():N}@students.example.test";
        var record = await (await coordinator.PostJson("/api/v1/students", new StudentRecordFields
        {
            SchoolId = world.One.SchoolA.Id, GivenName = "Ines", FamilyName = "Duarte", Email = email, Grade = 12,
            BirthDate = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-19),
        })).Read<Student>(HttpStatusCode.Created);
        await (await coordinator.PostJson($"/api/v1/students/{record.Id}/account", new CreateStudentAccountRequest { Password = Actors.Password }))
            .Read<StudentAccount>(HttpStatusCode.Created);
        var student = await _actors.SignIn(email, Actors.Password);
        var callers = new Dictionary<string, HttpClient>
        {
            ["student"] = student, ["coordinator"] = coordinator, ["teacher"] = teacher, ["employer admin"] = employer, ["supervisor"] = supervisor,
        };

        var id = (await (await student.PostJson("/api/v1/placements", new CreatePlacementRequest { OpportunityId = opportunity.Id, StudentId = record.Id }))
            .Read<Placement>(HttpStatusCode.Created)).Id;

        // Another student's placement at the same opportunity, so the staff's lists hold more than one placement.
        var classmate = await (await coordinator.PostJson("/api/v1/students", new StudentRecordFields
        {
            SchoolId = world.One.SchoolA.Id, GivenName = "Tomas", FamilyName = "Reyes", Grade = 12,
            BirthDate = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-19),
        })).Read<Student>(HttpStatusCode.Created);
        await (await coordinator.PostJson("/api/v1/placements", new CreatePlacementRequest { OpportunityId = opportunity.Id, StudentId = classmate.Id }))
            .Read<Placement>(HttpStatusCode.Created);
        (await (await coordinator.GetAsync("/api/v1/placements?limit=100")).Read<PlacementPage>()).Items.Should().HaveCountGreaterThan(1);

        // Requested: the employer accepts or declines; the student, the school and the employer may withdraw.
        var offered = await Offers(callers, id);
        offered["employer admin"].Should().BeEquivalentTo([PlacementAction.Accept, PlacementAction.Decline, PlacementAction.Withdraw]);
        offered["supervisor"].Should().NotContain(Moves, "a supervisor does not decide requests");
        offered["student"].Should().Contain(PlacementAction.Withdraw).And.NotContain([PlacementAction.Accept, PlacementAction.Approve]);
        offered["teacher"].Should().NotContain(Moves, "teachers see placements but do not move them");
        await RefusedUnlessOffered(callers, id, offered);
        await (await Act(employer, id, "accept")).Read<Placement>();

        // Accepted: the school approves; the employer may still decline.
        offered = await Offers(callers, id);
        offered["coordinator"].Should().Contain(PlacementAction.Approve);
        offered["employer admin"].Should().Contain(PlacementAction.Decline).And.NotContain(PlacementAction.Accept);
        await RefusedUnlessOffered(callers, id, offered);
        await (await Act(coordinator, id, "approve", new ApprovePlacementRequest { ExpiresOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30) })).Read<Placement>();

        // Approved: the agreement is written by the school or the employer; nobody acknowledges before it exists.
        offered = await Offers(callers, id);
        offered["coordinator"].Should().Contain(PlacementAction.WriteAgreement).And.NotContain(PlacementAction.Acknowledge);
        offered["employer admin"].Should().Contain(PlacementAction.WriteAgreement);
        offered["teacher"].Should().NotContain(PlacementAction.WriteAgreement);
        await RefusedUnlessOffered(callers, id, offered);
        var pending = await (await coordinator.SendAsync(new HttpRequestMessage(HttpMethod.Put, $"/api/v1/placements/{id}/agreement") { Content = JsonContent.Create(new AgreementRequest
        {
            Objectives = [new LearningObjective { Description = "Shadow a nurse", Skills = ["Patient care"] }],
            Schedule = [new WeeklySlot { Day = DayOfWeek.Monday, Start = "15:00", End = "17:00" }],
            SupervisorName = "R. Ortiz", SupervisorEmail = "r.ortiz@employer.example.test", Compensation = "unpaid", Credit = "pathway hours",
        }, options: Http.Json) })).Read<Placement>();
        pending.Status.Should().Be(PlacementStatus.AgreementPending);

        // Agreement pending (an adult: student, supervisor, coordinator): each acknowledges as their own party, once.
        var seen = await Seen(callers, id);
        seen["student"].AcknowledgeAs.Should().Be(AgreementParty.Student);
        seen["supervisor"].AcknowledgeAs.Should().Be(AgreementParty.Supervisor);
        seen["coordinator"].AcknowledgeAs.Should().Be(AgreementParty.Coordinator);
        seen["teacher"].AllowedActions.Should().NotContain(PlacementAction.Acknowledge);
        seen["coordinator"].AllowedActions.Should().Contain(PlacementAction.CreateLink, "the supervisor has not acknowledged yet");
        foreach (var (name, party) in new[] { ("student", AgreementParty.Student), ("supervisor", AgreementParty.Supervisor) })
        {
            await (await callers[name].PostJson($"/api/v1/placements/{id}/agreement/acknowledge", new AcknowledgeRequest { Party = party })).Read<Placement>();
        }

        seen = await Seen(callers, id);
        seen["student"].AllowedActions.Should().NotContain(PlacementAction.Acknowledge, "the student has acknowledged");
        seen["coordinator"].AllowedActions.Should().NotContain(PlacementAction.CreateLink, "no guardian or supervisor is outstanding");
        await (await coordinator.PostJson($"/api/v1/placements/{id}/agreement/acknowledge", new AcknowledgeRequest { Party = AgreementParty.Coordinator })).Read<Placement>();

        // Active: the school completes; the student logs hours and reflects; the employer's staff evaluate.
        offered = await Offers(callers, id);
        offered["coordinator"].Should().Contain([PlacementAction.Complete, PlacementAction.Withdraw, PlacementAction.LogHours]);
        offered["student"].Should().Contain([PlacementAction.LogHours, PlacementAction.Reflect, PlacementAction.ReadReflections, PlacementAction.Withdraw])
            .And.NotContain(PlacementAction.Complete);
        offered["supervisor"].Should().Contain(PlacementAction.Evaluate).And.NotContain([PlacementAction.ReadReflections, PlacementAction.LogHours]);
        offered["teacher"].Should().NotContain([PlacementAction.Complete, PlacementAction.Withdraw]);
        await RefusedUnlessOffered(callers, id, offered);

        // An hours entry carries its own actions: the logger corrects it, the employer decides it or sends a link.
        var entry = await (await student.PostJson($"/api/v1/placements/{id}/hours", new LogHoursRequest
        {
            Date = LastScheduledDay(), Start = "15:00", Minutes = 90, Activity = "Stocked the supply room",
        })).Read<HoursEntry>(HttpStatusCode.Created);
        entry.AllowedActions.Should().BeEquivalentTo([HoursAction.Edit, HoursAction.Delete]);
        var entryActions = new Dictionary<string, IReadOnlyList<HoursAction>>();
        foreach (var (name, client) in callers)
        {
            entryActions[name] = (await (await client.GetAsync($"/api/v1/placements/{id}/hours")).Read<HoursLog>()).Entries.Single().AllowedActions;
        }

        entryActions["supervisor"].Should().BeEquivalentTo([HoursAction.Decide]);
        entryActions["employer admin"].Should().BeEquivalentTo([HoursAction.Decide, HoursAction.CreateLink]);
        entryActions["coordinator"].Should().BeEquivalentTo([HoursAction.Edit, HoursAction.Delete, HoursAction.CreateLink]);
        entryActions["teacher"].Should().BeEmpty();
        (await teacher.PostJson($"/api/v1/hours/{entry.Id}/decision", new HoursDecisionRequest { Approve = true })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await student.PostJson($"/api/v1/hours/{entry.Id}/decision", new HoursDecisionRequest { Approve = true })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var approved = await (await supervisor.PostJson($"/api/v1/hours/{entry.Id}/decision", new HoursDecisionRequest { Approve = true })).Read<HoursEntry>();
        approved.AllowedActions.Should().BeEmpty("approved hours are locked and decided");
        (await (await student.GetAsync($"/api/v1/placements/{id}/hours")).Read<HoursLog>()).Entries.Single().AllowedActions.Should().BeEmpty("locked for the student too");
        (await student.DeleteAsync($"/api/v1/hours/{entry.Id}")).StatusCode.Should().Be(HttpStatusCode.Conflict);

        await (await Act(coordinator, id, "complete", new CompletePlacementRequest { Reason = "No final evaluation in this test." })).Read<Placement>();

        // Completed: no more moves for anyone.
        offered = await Offers(callers, id);
        offered.Values.Should().AllSatisfy(actions => actions.Should().NotContain(Moves));
        await RefusedUnlessOffered(callers, id, offered);
    }

    [Fact]
    public async Task Opportunities_offer_each_caller_exactly_the_curation_moves_the_server_allows()
    {
        var world = await _actors.World();
        var convener = await _actors.As(Role.ConvenerStaff, world.One.Region.Id);
        var employer = await _actors.As(Role.EmployerAdmin, world.One.Employer.Id);
        var supervisor = await _actors.As(Role.Supervisor, world.One.Employer.Id);
        var coordinator = await _actors.As(Role.SchoolCoordinator, world.One.SchoolA.Id);
        var callers = new Dictionary<string, HttpClient> { ["convener"] = convener, ["employer admin"] = employer, ["supervisor"] = supervisor, ["coordinator"] = coordinator };
        var draft = await (await employer.PostJson("/api/v1/opportunities", new CreateOpportunityRequest
        {
            EmployerId = world.One.Employer.Id, Fields = OpportunitiesTests.Fields(f => f.Stage = ContinuumStage.Exploration),
        })).Read<Opportunity>(HttpStatusCode.Created);
        draft.AllowedActions.Should().BeEquivalentTo([OpportunityAction.Edit, OpportunityAction.Submit]);

        async Task<Dictionary<string, IReadOnlyList<OpportunityAction>>> Offers()
        {
            var offers = new Dictionary<string, IReadOnlyList<OpportunityAction>>();
            foreach (var (name, client) in callers)
            {
                var response = await client.GetAsync($"/api/v1/opportunities/{draft.Id}");
                offers[name] = response.StatusCode == HttpStatusCode.NotFound ? [] : (await response.Read<Opportunity>()).AllowedActions;
            }

            return offers;
        }

        async Task RefusedUnlessOffered(Dictionary<string, IReadOnlyList<OpportunityAction>> offers)
        {
            foreach (var (name, client) in callers)
            {
                foreach (var move in new[] { OpportunityAction.Submit, OpportunityAction.Approve, OpportunityAction.Reject, OpportunityAction.Close }.Where(m => !offers[name].Contains(m)))
                {
                    var response = await client.PostJson($"/api/v1/opportunities/{draft.Id}/{DbEnum.ToText(move)}", new RejectOpportunityRequest { Reason = "checking the offer" });
                    response.StatusCode.Should().BeOneOf([HttpStatusCode.Forbidden, HttpStatusCode.Conflict, HttpStatusCode.NotFound], "{0} was not offered {1}", name, move);
                }
            }
        }

        var offered = await Offers();
        offered["supervisor"].Should().BeEmpty("a supervisor reads the employer's opportunities");
        offered["convener"].Should().Contain(OpportunityAction.Submit, "the convener writes on an employer's behalf").And.NotContain(OpportunityAction.Approve);
        await RefusedUnlessOffered(offered);
        await (await employer.PostAsync($"/api/v1/opportunities/{draft.Id}/submit", null)).Read<Opportunity>();

        offered = await Offers();
        offered["convener"].Should().BeEquivalentTo([OpportunityAction.Approve, OpportunityAction.Reject], "a region-wide opportunity is curated by the region");
        offered["employer admin"].Should().BeEmpty("it is under review");
        offered["coordinator"].Should().BeEmpty("a school coordinator does not curate a region-wide audience");
        await RefusedUnlessOffered(offered);
        await (await convener.PostAsync($"/api/v1/opportunities/{draft.Id}/approve", null)).Read<Opportunity>();

        offered = await Offers();
        offered["employer admin"].Should().BeEquivalentTo([OpportunityAction.Close]);
        offered["convener"].Should().BeEquivalentTo([OpportunityAction.Close]);
        offered["supervisor"].Should().BeEmpty();
        await RefusedUnlessOffered(offered);
    }

    [Fact]
    public async Task Match_rounds_offer_running_publishing_choosing_and_ranking_to_exactly_those_the_server_lets()
    {
        var world = await _actors.World();
        var admin = await _actors.Admin();
        var draft = await (await admin.PostJson("/api/v1/opportunities", new CreateOpportunityRequest
        {
            EmployerId = world.One.Employer.Id, Fields = OpportunitiesTests.Fields(f => f.Stage = ContinuumStage.Exploration),
        })).Read<Opportunity>(HttpStatusCode.Created);
        await (await admin.PostAsync($"/api/v1/opportunities/{draft.Id}/submit", null)).Read<Opportunity>();
        await (await admin.PostAsync($"/api/v1/opportunities/{draft.Id}/approve", null)).Read<Opportunity>();
        var convener = await _actors.As(Role.ConvenerStaff, world.One.Region.Id);
        var coordinator = await _actors.As(Role.SchoolCoordinator, world.One.SchoolA.Id);
        var email = $"st{Guid.NewGuid():N}@students.example.test";
        var record = await (await coordinator.PostJson("/api/v1/students", new StudentRecordFields
        {
            SchoolId = world.One.SchoolA.Id, GivenName = "Ines", FamilyName = "Duarte", Email = email, Grade = 11,
            BirthDate = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-16),
        })).Read<Student>(HttpStatusCode.Created);
        await (await coordinator.PostJson($"/api/v1/students/{record.Id}/account", new CreateStudentAccountRequest { Password = Actors.Password }))
            .Read<StudentAccount>(HttpStatusCode.Created);
        var callers = new Dictionary<string, HttpClient>
        {
            ["convener"] = convener, ["student"] = await _actors.SignIn(email, Actors.Password), ["employer admin"] = await _actors.As(Role.EmployerAdmin, world.One.Employer.Id),
            ["supervisor"] = await _actors.As(Role.Supervisor, world.One.Employer.Id), ["coordinator"] = coordinator,
        };
        var round = await (await convener.PostJson("/api/v1/match-rounds", new CreateMatchRoundRequest
        {
            OrganizationId = world.One.Region.Id, Name = "Offers", OpportunityIds = [draft.Id], Seed = 7,
        })).Read<MatchRound>(HttpStatusCode.Created);

        async Task<Dictionary<string, IReadOnlyList<MatchRoundAction>>> Offers()
        {
            var offers = new Dictionary<string, IReadOnlyList<MatchRoundAction>>();
            foreach (var (name, client) in callers)
            {
                offers[name] = (await (await client.GetAsync($"/api/v1/match-rounds/{round.Id}")).Read<MatchRound>()).AllowedActions;
            }

            return offers;
        }

        async Task RefusedUnlessOffered(Dictionary<string, IReadOnlyList<MatchRoundAction>> offers)
        {
            foreach (var (name, client) in callers)
            {
                if (!offers[name].Contains(MatchRoundAction.Publish))
                {
                    (await client.PostAsync($"/api/v1/match-rounds/{round.Id}/publish", null)).StatusCode.Should().BeOneOf([HttpStatusCode.Forbidden, HttpStatusCode.Conflict], "{0} was not offered publishing", name);
                }

                if (!offers[name].Contains(MatchRoundAction.SubmitChoices) && name == "student")
                {
                    (await client.PutAsJsonAsync($"/api/v1/match-rounds/{round.Id}/choices/{record.Id}", new SubmitChoicesRequest { OpportunityIds = [draft.Id] }, Http.Json))
                        .StatusCode.Should().BeOneOf([HttpStatusCode.Forbidden, HttpStatusCode.Conflict], "the student was not offered choosing");
                }
            }
        }

        var offered = await Offers();
        offered["convener"].Should().Contain(MatchRoundAction.Run).And.NotContain(MatchRoundAction.Publish);
        offered["student"].Should().BeEquivalentTo([MatchRoundAction.SubmitChoices]);
        offered["employer admin"].Should().BeEquivalentTo([MatchRoundAction.RankApplicants]);
        offered["supervisor"].Should().BeEmpty();
        offered["coordinator"].Should().NotContain([MatchRoundAction.Run, MatchRoundAction.Publish], "a school coordinator does not manage a region's round");
        await RefusedUnlessOffered(offered);
        (await callers["student"].PutAsJsonAsync($"/api/v1/match-rounds/{round.Id}/choices/{record.Id}", new SubmitChoicesRequest { OpportunityIds = [draft.Id] }, Http.Json))
            .StatusCode.Should().Be(HttpStatusCode.OK, "the student was offered choosing");

        await convener.PostAsync($"/api/v1/match-rounds/{round.Id}/run", null);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await (await convener.GetAsync($"/api/v1/match-rounds/{round.Id}")).Read<MatchRound>()).Status != MatchRoundStatus.Matched && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        offered = await Offers();
        offered["convener"].Should().Contain([MatchRoundAction.Run, MatchRoundAction.Publish]);
        offered["coordinator"].Should().NotContain(MatchRoundAction.Publish);
        await RefusedUnlessOffered(offered);
        await (await convener.PostAsync($"/api/v1/match-rounds/{round.Id}/publish", null)).Read<MatchRound>();

        offered = await Offers();
        offered.Values.Should().AllSatisfy(actions => actions.Should().BeEmpty("a published round no longer changes"));
        await RefusedUnlessOffered(offered);
    }

    /// <summary>
    /// The placement as each caller sees it, alone and in their list of placements: a list reads its placements'
    /// agreements, acknowledgements, guardianship and completion gaps for the whole page at once, and must say exactly
    /// what the placement alone says.
    /// </summary>
    /// <summary>
    /// The agreement's one scheduled day (a Monday) that has passed in every time zone: at least two days before today in
    /// UTC. Today's date in UTC can still be tomorrow in the region (the server judges "not yet worked" in the region's
    /// zone), and only one day in seven is a Monday.
    /// </summary>
    private static DateOnly LastScheduledDay()
    {
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-2);
        return day.AddDays(-(((int)day.DayOfWeek - (int)DayOfWeek.Monday + 7) % 7));
    }

    private static async Task<Dictionary<string, Placement>> Seen(Dictionary<string, HttpClient> callers, string id)
    {
        var seen = new Dictionary<string, Placement>();
        foreach (var (name, client) in callers)
        {
            seen[name] = await (await client.GetAsync($"/api/v1/placements/{id}")).Read<Placement>();
            var listed = (await (await client.GetAsync("/api/v1/placements?limit=100")).Read<PlacementPage>()).Items;
            listed.Single(p => p.Id == id).Should().BeEquivalentTo(seen[name], "{0} sees the same placement in their list", name);
        }

        return seen;
    }

    private static async Task<Dictionary<string, IReadOnlyList<PlacementAction>>> Offers(Dictionary<string, HttpClient> callers, string id) =>
        (await Seen(callers, id)).ToDictionary(p => p.Key, p => p.Value.AllowedActions);

    /// <summary>Every state move not offered to a caller is refused with 403 or 409 (and so changes nothing).</summary>
    private static async Task RefusedUnlessOffered(Dictionary<string, HttpClient> callers, string id, Dictionary<string, IReadOnlyList<PlacementAction>> offered)
    {
        foreach (var (name, client) in callers)
        {
            foreach (var move in Moves.Where(m => !offered[name].Contains(m)))
            {
                object body = move switch
                {
                    PlacementAction.Approve => new ApprovePlacementRequest { ExpiresOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30) },
                    PlacementAction.Complete => new CompletePlacementRequest(),
                    PlacementAction.Accept => new { },
                    _ => new DecisionRequest { Reason = "checking the offer" },
                };
                var response = await Act(client, id, DbEnum.ToText(move), body);
                response.StatusCode.Should().BeOneOf([HttpStatusCode.Forbidden, HttpStatusCode.Conflict], "{0} was not offered {1}", name, move);
            }
        }
    }

    private static Task<HttpResponseMessage> Act(HttpClient client, string id, string action, object? body = null) =>
        client.PostJson($"/api/v1/placements/{id}/{action}", body ?? new { });
}
