using Dapper;
using LaunchPath.Api.Features.Organizations;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Contracts.Common;
using LaunchPath.Contracts.Organizations;
using Mediator;

namespace LaunchPath.Api.Infrastructure.Hosting;

/// <summary>
/// Fills an empty database with clearly fictional demo data (Demo:Seed=true, on by default for the embedded SQLite run).
/// Goes through the same use cases as the API, so the demo data obeys every rule real data does.
/// </summary>
public sealed class DemoSeeder(IServiceScopeFactory scopes, ILogger<DemoSeeder> logger)
{
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
            var result = await mediator.Send(new CreateOrganization.Command(request), cancellationToken);
            return result.IsSuccess ? result.Value! : throw new InvalidOperationException($"Demo seed failed: {result.Error!.Detail}");
        }

        var region = await Create(new() { Type = OrganizationType.Region, Name = "Bay Valley Career Pathways (demo region)", SourcedId = "demo-region" });
        var schools = new[]
        {
            ("Alder Unified School District (demo)", new[] { "Alder High School", "Alder Technical Academy" }),
            ("Birch Creek Joint Union District (demo)", new[] { "Birch Creek High School", "Birch Creek Middle School" }),
        };
        var d = 0;
        foreach (var (districtName, schoolNames) in schools)
        {
            d++;
            var district = await Create(new() { Type = OrganizationType.District, Name = districtName, ParentId = region.Id, SourcedId = $"demo-district-{d}" });
            var s = 0;
            foreach (var schoolName in schoolNames)
            {
                s++;
                await Create(new()
                {
                    Type = OrganizationType.School,
                    Name = schoolName + " (demo)",
                    ParentId = district.Id,
                    SourcedId = $"demo-school-{d}-{s}",
                    Address = new PostalAddress { Line1 = $"{100 * s + d} School Way", City = d == 1 ? "Alder" : "Birch Creek", State = "CA", PostalCode = $"9{d}00{s}" },
                });
            }
        }

        for (var i = 0; i < 40; i++)
        {
            var kind = EmployerKinds[i % EmployerKinds.Length];
            await Create(new()
            {
                Type = OrganizationType.Employer,
                Name = $"{EmployerStems[i % EmployerStems.Length]} {kind.Suffix} (demo)",
                ParentId = region.Id,
                SourcedId = $"demo-employer-{i + 1:00}",
                Industry = kind.Industry,
                CareerCluster = kind.Cluster,
            });
        }

        logger.LogInformation("Seeded demo organizations: 1 region, 2 districts, 4 schools, 40 employers");
    }
}
