using System.Net;
using LaunchPath.Api.Tests.Features.Opportunities;
using LaunchPath.Api.Tests.Infrastructure;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Matching;
using LaunchPath.Contracts.Opportunities;
using LaunchPath.Contracts.Placements;

namespace LaunchPath.Api.Tests.Features.Placements;

/// <summary>Before applying, a student sees whether an opportunity fits them by the rules applying enforces.</summary>
public sealed partial class PlacementLifecycleTests
{
    [Fact]
    public async Task A_student_sees_whether_they_may_apply_why_not_and_that_they_already_did()
    {
        var s = await SetUp(grade: 10);
        string Fit(string opportunityId) => $"/api/v1/students/{s.Student.Id}/opportunities/{opportunityId}/fit";

        var fit = await (await s.StudentClient.GetAsync(Fit(s.Opportunity.Id))).Read<OpportunityFit>();
        fit.Should().BeEquivalentTo(new { Eligible = true, IneligibleReason = (string?)null, PlacementId = (string?)null, SeatsLeft = s.Opportunity.Fields.Seats });
        fit.Score.Should().NotBeNull();
        fit.Reasons.Should().NotBeEmpty("what makes it a fit, and what counts against it");

        var admin = await _actors.Admin();
        var seniors = await (await admin.PostJson("/api/v1/opportunities", new CreateOpportunityRequest
        {
            EmployerId = s.World.One.Employer.Id, Fields = OpportunitiesTests.Fields(f => f.MinGrade = 12),
        })).Read<Opportunity>(HttpStatusCode.Created);
        var draftFit = await (await admin.GetAsync(Fit(seniors.Id))).Read<OpportunityFit>();
        draftFit.Eligible.Should().BeFalse();
        draftFit.IneligibleReason.Should().Contain("not published");
        await (await admin.PostAsync($"/api/v1/opportunities/{seniors.Id}/submit", null)).Read<Opportunity>();
        await (await admin.PostAsync($"/api/v1/opportunities/{seniors.Id}/approve", null)).Read<Opportunity>();
        var tooYoung = await (await s.StudentClient.GetAsync(Fit(seniors.Id))).Read<OpportunityFit>();
        tooYoung.Eligible.Should().BeFalse();
        tooYoung.IneligibleReason.Should().Contain("12", "the grade rule, in words, before the student tries");
        tooYoung.Ineligible.Should().BeEquivalentTo(new { Code = "belowMinimumGrade", Value = 12 }, "with its code and number, to say it in another language");
        (await (await s.StudentClient.PostJson("/api/v1/placements", new CreatePlacementRequest { OpportunityId = seniors.Id, StudentId = s.Student.Id }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity)).Detail.Should().Contain(tooYoung.IneligibleReason!, "applying refuses it by the same rule");

        // Searching only what the student may apply to leaves out the grade-12 one, by the same rule, a page at a time.
        var both = await (await s.StudentClient.GetAsync("/api/v1/opportunities?limit=100")).Read<OpportunityPage>();
        both.Items.Select(o => o.Id).Should().Contain([s.Opportunity.Id, seniors.Id]);
        var mine = await (await s.StudentClient.GetAsync($"/api/v1/opportunities?limit=100&eligibleFor={s.Student.Id}")).Read<OpportunityPage>();
        mine.Items.Select(o => o.Id).Should().Contain(s.Opportunity.Id).And.NotContain(seniors.Id);
        var first = await (await s.StudentClient.GetAsync($"/api/v1/opportunities?limit=1&eligibleFor={s.Student.Id}")).Read<OpportunityPage>();
        first.Items.Should().ContainSingle();
        if (first.NextCursor is { } cursor)
        {
            (await (await s.StudentClient.GetAsync($"/api/v1/opportunities?limit=100&eligibleFor={s.Student.Id}&cursor={cursor}")).Read<OpportunityPage>())
                .Items.Select(o => o.Id).Should().NotContain(first.Items[0].Id).And.NotContain(seniors.Id);
        }

        await (await s.StudentClient.GetAsync($"/api/v1/opportunities?eligibleFor={Guid.NewGuid()}")).ShouldBeProblem(HttpStatusCode.BadRequest);
        await (await s.Employer.GetAsync($"/api/v1/opportunities?eligibleFor={s.Student.Id}")).ShouldBeProblem(HttpStatusCode.BadRequest, "employers do not see students' records");

        var applied = await (await s.StudentClient.PostJson("/api/v1/placements", new CreatePlacementRequest { OpportunityId = s.Opportunity.Id, StudentId = s.Student.Id, Note = "I like labs." }))
            .Read<Placement>(HttpStatusCode.Created);
        (await (await s.StudentClient.GetAsync(Fit(s.Opportunity.Id))).Read<OpportunityFit>()).PlacementId.Should().Be(applied.Id);

        await (await s.Employer.GetAsync(Fit(s.Opportunity.Id))).ShouldBeProblem(HttpStatusCode.NotFound, "employers do not see students' records");
        await (await (await _actors.As(Role.SchoolCoordinator, s.World.Two.SchoolA.Id)).GetAsync(Fit(s.Opportunity.Id))).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await s.StudentClient.GetAsync(Fit(Guid.NewGuid().ToString()))).ShouldBeProblem(HttpStatusCode.NotFound);
        (await (await s.Coordinator.GetAsync(Fit(s.Opportunity.Id))).Read<OpportunityFit>()).PlacementId.Should().Be(applied.Id, "school staff see the same");
    }

    [Fact]
    public async Task While_a_round_covers_an_opportunity_a_student_ranks_it_there_and_cannot_apply_to_it()
    {
        var s = await SetUp(grade: 10);
        var fitUrl = $"/api/v1/students/{s.Student.Id}/opportunities/{s.Opportunity.Id}/fit";
        var convener = await _actors.As(Role.ConvenerAdmin, s.World.One.Region.Id);
        var round = await (await convener.PostJson("/api/v1/match-rounds", new CreateMatchRoundRequest
        {
            OrganizationId = s.World.One.Region.Id, Name = "Summer labs", OpportunityIds = [s.Opportunity.Id],
        })).Read<MatchRound>(HttpStatusCode.Created);

        var fit = await (await s.StudentClient.GetAsync(fitUrl)).Read<OpportunityFit>();
        fit.Round.Should().BeEquivalentTo(new FitRound { RoundId = round.Id, Name = "Summer labs", TakesChoices = true });
        (await (await s.StudentClient.PostJson("/api/v1/placements", new CreatePlacementRequest { OpportunityId = s.Opportunity.Id, StudentId = s.Student.Id }))
            .ShouldBeProblem(HttpStatusCode.Conflict)).Detail.Should().Contain("Summer labs").And.Contain("rank it there");
        (await (await s.Coordinator.PostJson("/api/v1/placements", new CreatePlacementRequest { OpportunityId = s.Opportunity.Id, StudentId = s.Student.Id }))
            .Read<Placement>(HttpStatusCode.Created)).Status.Should().Be(PlacementStatus.Requested, "school staff may still nominate a student");
    }
}
