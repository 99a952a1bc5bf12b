using Dapper;
using LaunchPath.Api.Features.Opportunities;
using LaunchPath.Api.Features.Organizations;
using LaunchPath.Api.Features.People;
using LaunchPath.Api.Features.Roster;
using LaunchPath.Api.Features.Users;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Common;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Opportunities;
using LaunchPath.Contracts.Organizations;
using LaunchPath.Contracts.People;
using LaunchPath.Contracts.Roster;
using Mediator;

namespace LaunchPath.Api.Demo;

/// <summary>Demo opportunities: 300 across the continuum from 40 employers, published and some in draft.</summary>
public sealed partial class DemoSeeder
{
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

    private static async Task SeedOpportunitiesAsync(IMediator mediator, string regionId, List<Guid> schoolIds, DemoScale scale, CancellationToken cancellationToken)
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

        for (var i = 0; i < scale.Opportunities; i++)
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

            await Move(OpportunityAction.Submit);
            if (roll < 0.17)
            {
                continue; // awaiting curation
            }

            await Move(OpportunityAction.Approve);
            if (roll > 0.96)
            {
                await Move(OpportunityAction.Close);
            }

            async Task Move(OpportunityAction action)
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
}
