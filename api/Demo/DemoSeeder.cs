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

/// <summary>
/// Fills an empty database with clearly fictional demo data (Demo:Seed=true, on by default for the embedded SQLite run).
/// Goes through the same use cases as the API, so the demo data obeys every rule real data does.
/// </summary>
public sealed partial class DemoSeeder(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<DemoSeeder> logger)
{
    /// <summary>Every demo account signs in with this password (demo data only; documented in the README).</summary>
    public const string DemoPassword = "launchpath-demo";

    private static readonly string[] EmployerStems =
    [
        "Harbor", "Summit", "Redwood", "Bayline", "Granite", "Cedar", "Meridian", "Orchard", "Riverside", "Northstar",
        "Lumen", "Keystone", "Pioneer", "Willow", "Beacon", "Tideway", "Sierra", "Copperleaf", "Evergreen", "Mosaic",
    ];

    private static readonly (string Suffix, string Industry, CareerCluster Cluster)[] EmployerKinds =
    [
        ("Community Health", "Hospitals and clinics", CareerCluster.HealthcareHumanServices),
        ("Robotics", "Industrial machinery manufacturing", CareerCluster.AdvancedManufacturing),
        ("Software Studio", "Software publishers", CareerCluster.DigitalTechnology),
        ("Builders", "Commercial construction", CareerCluster.Construction),
        ("Credit Union", "Credit intermediation", CareerCluster.FinancialServices),
        ("Farms Cooperative", "Crop production", CareerCluster.Agriculture),
        ("Design Works", "Graphic and media design", CareerCluster.ArtsEntertainmentDesign),
        ("Logistics", "Warehousing and freight", CareerCluster.SupplyChainTransportation),
        ("Solar", "Electric power generation", CareerCluster.EnergyNaturalResources),
        ("Hotel Group", "Hotels and event venues", CareerCluster.HospitalityEventsTourism),
    ];

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Db>();
        await using (var connection = await db.OpenAsync(cancellationToken))
        {
            if (await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM organizations") > 0)
            {
                return;
            }
        }

        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        async Task<Organization> Create(CreateOrganizationRequest request)
        {
            var result = await mediator.Send(new CreateOrganization.Command(Caller.System, request), cancellationToken);
            return result.IsSuccess ? result.Value! : throw new InvalidOperationException($"Demo seed failed: {result.Error!.Detail}");
        }

        async Task User(string login, string name, string organizationId, Role role)
        {
            var result = await mediator.Send(new CreateUser.Command(Caller.System, new CreateUserRequest
            {
                Email = $"{login}@demo.launchpath.test",
                DisplayName = name,
                Password = DemoPassword,
                OrganizationId = organizationId,
                Role = role,
            }, BaseUrl: "http://localhost"), cancellationToken); // demo accounts have passwords: no invitation, no link
            if (!result.IsSuccess)
            {
                throw new InvalidOperationException($"Demo seed failed: {result.Error!.Detail}");
            }
        }

        var region = await Create(new() { Type = OrganizationType.Region, Name = "Bay Valley Career Pathways (demo region)", SourcedId = "demo-region" });
        var schools = new[]
        {
            ("Alder Unified School District (demo)", new[] { "Alder High School", "Alder Technical Academy" }),
            ("Birch Creek Joint Union District (demo)", new[] { "Birch Creek High School", "Birch Creek Middle School" }),
        };
        var d = 0;
        var firstDistrict = "";
        var firstSchool = "";
        foreach (var (districtName, schoolNames) in schools)
        {
            d++;
            var district = await Create(new() { Type = OrganizationType.District, Name = districtName, ParentId = region.Id, SourcedId = $"demo-district-{d}" });
            firstDistrict = firstDistrict.Length == 0 ? district.Id : firstDistrict;
            var s = 0;
            foreach (var schoolName in schoolNames)
            {
                s++;
                var school = await Create(new()
                {
                    Type = OrganizationType.School,
                    Name = schoolName + " (demo)",
                    ParentId = district.Id,
                    SourcedId = $"demo-school-{d}-{s}",
                    Address = new PostalAddress { Line1 = $"{100 * s + d} School Way", City = d == 1 ? "Alder" : "Birch Creek", State = "CA", PostalCode = $"9{d}00{s}" },
                });
                firstSchool = firstSchool.Length == 0 ? school.Id : firstSchool;
            }
        }

        var firstEmployer = "";
        for (var i = 0; i < 40; i++)
        {
            var kind = EmployerKinds[i % EmployerKinds.Length];
            var employer = await Create(new()
            {
                Type = OrganizationType.Employer,
                Name = $"{EmployerStems[i % EmployerStems.Length]} {kind.Suffix} (demo)",
                ParentId = region.Id,
                SourcedId = $"demo-employer-{i + 1:00}",
                Industry = kind.Industry,
                CareerCluster = kind.Cluster,
            });
            firstEmployer = firstEmployer.Length == 0 ? employer.Id : firstEmployer;
        }

        var scale = DemoScale.From(configuration);
        var schoolIds = await SeedStudentsAsync(scope.ServiceProvider, region.Id, scale, cancellationToken);
        await SeedOpportunitiesAsync(mediator, region.Id, schoolIds, scale, cancellationToken);
        await SeedPlacementsAsync(scope.ServiceProvider, scale, cancellationToken);
        await SeedEventsAsync(scope.ServiceProvider, firstSchool, cancellationToken);

        await User("convener", "Casey Convener (demo)", region.Id, Role.ConvenerAdmin);
        await User("analyst", "Avery Analyst (demo)", region.Id, Role.WorkforceAnalyst);
        await User("district", "Dana District (demo)", firstDistrict, Role.DistrictAdmin);
        await User("coordinator", "Corey Coordinator (demo)", firstSchool, Role.SchoolCoordinator);
        await User("teacher", "Taylor Teacher (demo)", firstSchool, Role.Teacher);
        await User("employer", "Emery Employer (demo)", firstEmployer, Role.EmployerAdmin);
        await User("supervisor", "Sam Supervisor (demo)", firstEmployer, Role.Supervisor);

        await SeedPartnersAsync(scope.ServiceProvider, region.Id, cancellationToken);

        var firstStudent = await FirstStudentAsync(db, firstSchool, cancellationToken);
        var account = await mediator.Send(new Features.People.CreateStudentAccount.Command(Caller.System, firstStudent,
            new CreateStudentAccountRequest { Email = "student@demo.launchpath.test", Password = DemoPassword }), cancellationToken);
        if (!account.IsSuccess)
        {
            throw new InvalidOperationException($"Demo seed failed: {account.Error!.Detail}");
        }

        logger.LogInformation("Seeded demo data: 1 region, 2 districts, 4 schools, 40 employers and 5 applicants, {Opportunities} opportunities, {Students} students, 8 accounts",
            scale.Opportunities, scale.StudentsPerSchool * 4);
    }
}
