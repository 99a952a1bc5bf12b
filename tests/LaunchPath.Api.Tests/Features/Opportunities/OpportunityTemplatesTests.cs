using System.Net;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Tests.Infrastructure;
using LaunchPath.Contracts.Common;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Opportunities;
using LaunchPath.Contracts.Partners;

namespace LaunchPath.Api.Tests.Features.Opportunities;

/// <summary>Job description templates, and the quality criteria an opportunity's fields meet, as curators see them.</summary>
public sealed class OpportunityTemplatesTests : IDisposable
{
    private readonly ApiFactory _factory = new(DatabaseProvider.Sqlite);
    private readonly Actors _actors;

    public OpportunityTemplatesTests() => _actors = new Actors(_factory);

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task A_template_for_the_cluster_comes_first_and_an_opportunity_written_from_it_meets_every_criterion()
    {
        var world = await _actors.World();
        var employer = await _actors.As(Role.EmployerAdmin, world.One.Employer.Id);
        var templates = await (await employer.GetAsync("/api/v1/opportunity-templates?type=paidInternship&careerCluster=healthcareHumanServices")).Read<List<OpportunityTemplate>>();
        templates.Should().NotBeEmpty().And.OnlyContain(t => t.Type == OpportunityType.PaidInternship);
        templates[0].Key.Should().Be("internshipHealth");
        templates.Should().NotContain(t => t.CareerCluster == CareerCluster.Construction, "another cluster's template is left out");
        await (await employer.GetAsync("/api/v1/opportunity-templates?type=internshipOfSorts")).ShouldBeProblem(HttpStatusCode.BadRequest);

        var template = templates[0];
        var site = await (await employer.PostJson($"/api/v1/partners/{world.One.Employer.Id}/worksites", new WorksiteRequest
        {
            Name = "Clinic", Address = new PostalAddress { Line1 = "1 Care St", City = "Alder", State = "CA", PostalCode = "95001" },
        })).Read<Worksite>(HttpStatusCode.Created);
        var fromTemplate = await (await employer.PostJson("/api/v1/opportunities", new CreateOpportunityRequest
        {
            EmployerId = world.One.Employer.Id,
            Fields = OpportunitiesTests.Fields(f =>
            {
                f.Title = template.Title;
                f.Description = template.Description;
                f.Duties = template.Duties;
                f.Type = template.Type;
                f.Stage = template.Stage;
                f.Skills = template.Skills;
                f.Compensation = template.Compensation;
                f.HourlyWage = 18.5m;
                f.WorksiteId = site.Id;
            }),
        })).Read<Opportunity>(HttpStatusCode.Created);
        fromTemplate.Quality.Should().OnlyContain(c => c.Met && c.Hint == null);

        var bare = await (await employer.PostJson("/api/v1/opportunities", new CreateOpportunityRequest
        {
            EmployerId = world.One.Employer.Id,
            Fields = OpportunitiesTests.Fields(f =>
            {
                f.Duties = "Watch.";
                f.Skills = [];
                f.Compensation = Compensation.Unpaid;
            }) with { Pathway = null, CreditOffered = false, CreditDescription = null, ExpectedHours = null },
        })).Read<Opportunity>(HttpStatusCode.Created);
        bare.Quality!.Where(c => !c.Met).Select(c => c.Key).Should().BeEquivalentTo(
            ["meaningfulTasks", "skillsIdentified", "connectedToLearning", "compensationOrCredit", "scheduled", "supervisedSite"]);
        bare.Quality!.Should().OnlyContain(c => c.Hint != null);

        // Curators see the same criteria.
        var convener = await _actors.As(Role.ConvenerStaff, world.One.Region.Id);
        (await (await convener.GetAsync($"/api/v1/opportunities/{bare.Id}")).Read<Opportunity>()).Quality.Should().BeEquivalentTo(bare.Quality);
    }
}
