using System.Net;
using System.Net.Http.Json;
using Dapper;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Tests.Features.Opportunities;
using LaunchPath.Api.Tests.Infrastructure;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Matching;
using LaunchPath.Contracts.Opportunities;
using LaunchPath.Contracts.Outcomes;
using LaunchPath.Contracts.People;
using Microsoft.Extensions.DependencyInjection;

namespace LaunchPath.Api.Tests.Features.Outcomes;

/// <summary>Outcomes for conveners, districts and workforce boards: aggregates only, small cells suppressed; the CALPADS export.</summary>
public sealed class OutcomesTests(SqliteApi api) : IClassFixture<SqliteApi>
{
    private readonly Actors _actors = new(api.Factory);

    private async Task<(World World, List<Student> Students)> District()
    {
        var world = await _actors.World();
        var admin = await _actors.Admin();
        var draft = await (await admin.PostJson("/api/v1/opportunities", new CreateOpportunityRequest
        {
            EmployerId = world.One.Employer.Id,
            Fields = OpportunitiesTests.Fields(f => { f.Type = OpportunityType.PaidInternship; f.Compensation = Compensation.Paid; f.HourlyWage = 18; f.Seats = 20; }),
        })).Read<Opportunity>(HttpStatusCode.Created);
        await (await admin.PostAsync($"/api/v1/opportunities/{draft.Id}/submit", null)).Read<Opportunity>();
        await (await admin.PostAsync($"/api/v1/opportunities/{draft.Id}/approve", null)).Read<Opportunity>();

        var students = new List<Student>();
        for (var i = 0; i < 12; i++)
        {
            students.Add(await (await admin.PostJson("/api/v1/students", new StudentRecordFields
            {
                SchoolId = world.One.SchoolA.Id, GivenName = $"S{i}", FamilyName = "Outcome", Grade = i < 11 ? 11 : 12, Identifier = $"90000000{i:00}",
                BirthDate = new DateOnly(2010, 1, 1), CteConcentrator = i == 11,
                Subgroups = new SubgroupFlags { EnglishLearner = i < 10, Gender = i % 2 == 0 ? Gender.Female : Gender.Male },
            })).Read<Student>(HttpStatusCode.Created));
        }

        var round = await (await admin.PostJson("/api/v1/match-rounds", new CreateMatchRoundRequest
        {
            OrganizationId = world.One.Region.Id, Name = "Outcomes round", OpportunityIds = [draft.Id], Seed = 1,
        })).Read<MatchRound>(HttpStatusCode.Created);
        foreach (var student in students.Take(6))
        {
            var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/match-rounds/{round.Id}/choices/{student.Id}")
            {
                Content = JsonContent.Create(new SubmitChoicesRequest { OpportunityIds = [draft.Id] }, options: Http.Json),
            };
            (await admin.SendAsync(put)).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var run = await (await admin.PostAsync($"/api/v1/match-rounds/{round.Id}/run", null)).Read<MatchRound>(HttpStatusCode.Accepted);
        for (var i = 0; i < 200 && run.Status != MatchRoundStatus.Matched; i++)
        {
            await Task.Delay(50);
            run = await (await admin.GetAsync($"/api/v1/match-rounds/{round.Id}")).Read<MatchRound>();
        }

        await (await admin.PostAsync($"/api/v1/match-rounds/{round.Id}/publish", null)).Read<MatchRound>();

        // Two of the placements ran their course (the lifecycle itself is tested elsewhere).
        await using var connection = await api.Factory.Services.GetRequiredService<Db>().OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync("UPDATE placements SET status = 'completed', completed_at = @At WHERE student_id IN (SELECT value FROM json_each(@Ids))",
            new { At = new DateTimeOffset(2027, 3, 1, 0, 0, 0, TimeSpan.Zero), Ids = DbIds.Of(students.Take(2).Select(s => Guid.Parse(s.Id))) });
        return (world, students);
    }

    [Fact]
    public async Task District_outcomes_show_participation_breakdowns_and_equity_with_small_cells_suppressed()
    {
        var (world, students) = await District();
        var districtAdmin = await _actors.As(Role.DistrictAdmin, world.One.DistrictA.Id);
        var report = await (await districtAdmin.GetAsync($"/api/v1/outcomes?organizationId={world.One.DistrictA.Id}")).Read<OutcomesReport>();

        report.Should().BeEquivalentTo(new { Students = 12, Participants = 6, ParticipationRate = 0.5 });
        report.ByType.Should().ContainSingle().Which.Should().BeEquivalentTo(new Breakdown { Key = "paidInternship", Placements = 6, Students = 6 });
        report.ByStage.Single().Key.Should().Be("exploration");
        report.Employers.EmployersWithPlacements.Should().Be(1);
        report.Employers.OpportunitiesPublished.Should().BeGreaterThanOrEqualTo(1);

        var englishLearners = report.BySubgroup.Single(g => g.Group == "englishLearner");
        englishLearners.Should().BeEquivalentTo(new { Students = 10, Suppressed = false, Participants = 6, Rate = 0.6 });
        englishLearners.GapToAll.Should().BeApproximately(0.1, 0.001);
        report.BySubgroup.Single(g => g.Group == "fosterYouth").Should().BeEquivalentTo(new { Students = 0, Suppressed = true, Rate = (double?)null });
        report.BySubgroup.Where(g => g.Group.StartsWith("gender:", StringComparison.Ordinal)).Should().OnlyContain(g => g.Suppressed, "6 and 6 are small cells");
        report.BySchool.Single().Should().BeEquivalentTo(new { Name = world.One.SchoolA.Name, Students = 12, Participants = 6 });
        report.Perkins5S3.Should().BeEquivalentTo(new { Concentrators = 1, Suppressed = true });
        (await districtAdmin.GetStringAsync($"/api/v1/outcomes?organizationId={world.One.DistrictA.Id}")).Should().NotContain(students[0].FamilyName + "\"",
            "outcomes are aggregates: no names");
    }

    [Fact]
    public async Task Analysts_read_their_regions_outcomes_and_nobody_else_reads_them()
    {
        var (world, _) = await District();
        var analyst = await _actors.As(Role.WorkforceAnalyst, world.One.Region.Id);
        (await (await analyst.GetAsync($"/api/v1/outcomes?organizationId={world.One.Region.Id}")).Read<OutcomesReport>()).Participants.Should().Be(6);
        await (await (await _actors.As(Role.Teacher, world.One.SchoolA.Id)).GetAsync($"/api/v1/outcomes?organizationId={world.One.SchoolA.Id}")).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await (await _actors.As(Role.WorkforceAnalyst, world.Two.Region.Id)).GetAsync($"/api/v1/outcomes?organizationId={world.One.Region.Id}")).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await analyst.GetAsync($"/api/v1/outcomes?organizationId={world.One.Employer.Id}")).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await analyst.GetAsync($"/api/v1/outcomes?organizationId={world.One.Region.Id}&from=2027-02-01&to=2027-01-01")).ShouldBeProblem(HttpStatusCode.BadRequest);
        await (await analyst.GetAsync("/api/v1/outcomes?organizationId=nope")).ShouldBeProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_calpads_wblr_export_lists_completed_internships_for_the_academic_year()
    {
        var (world, students) = await District();
        // The first student's internship is connected to their class of a course whose SIS course code is the state's.
        await using (var connection = await api.Factory.Services.GetRequiredService<Db>().OpenAsync(CancellationToken.None))
        {
            var (course, @class) = (Guid.CreateVersion7(), Guid.CreateVersion7());
            var district = Guid.Parse(world.One.DistrictA.Id);
            await connection.ExecuteAsync("INSERT INTO courses (id, district_id, sourced_id, title, course_code, school_id, status, updated_at) " +
                                          "VALUES (@Id, @District, 'bio', 'Biology', '2601', NULL, 'active', @Now)", new { Id = course, District = district, Now = DateTimeOffset.UtcNow });
            await connection.ExecuteAsync("INSERT INTO classes (id, district_id, sourced_id, school_id, course_id, title, status, updated_at) " +
                                          "VALUES (@Id, @District, 'bio-1', @School, @Course, 'Biology P1', 'active', @Now)",
                new { Id = @class, District = district, School = Guid.Parse(world.One.SchoolA.Id), Course = course, Now = DateTimeOffset.UtcNow });
            await connection.ExecuteAsync("UPDATE placements SET class_id = @Class WHERE student_id = @Student", new { Class = @class, Student = Guid.Parse(students[0].Id) });
        }

        var districtAdmin = await _actors.As(Role.DistrictAdmin, world.One.DistrictA.Id);
        var response = await districtAdmin.GetAsync($"/api/v1/outcomes/calpads-wblr?districtId={world.One.DistrictA.Id}&academicYear=2026-2027");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        response.Content.Headers.ContentDisposition!.FileNameStar.Should().Be("wblr-2026-2027.csv", "clients save the file under the name the API gives");
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        lines[0].Should().StartWith("RecordTypeCode,TransactionTypeCode,LocalRecordID,ReportingLEA,SchoolofAttendance,AcademicYearID,SSID");
        lines.Skip(1).Should().HaveCount(2).And.OnlyContain(l => l.StartsWith("WBLR,") && l.Contains(",2026-2027,") && l.Contains(",10,"));
        lines.Skip(1).Should().Contain(l => l.Contains(students[0].Identifier!) && l.EndsWith(",2601"), "the state course code of the class the internship connects to");
        lines.Skip(1).Should().Contain(l => !l.Contains(students[0].Identifier!) && l.EndsWith(","), "no course named, none reported");

        (await districtAdmin.GetStringAsync($"/api/v1/outcomes/calpads-wblr?districtId={world.One.DistrictA.Id}&academicYear=2025-2026")).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Should().ContainSingle("only the header outside the year");
        await (await districtAdmin.GetAsync($"/api/v1/outcomes/calpads-wblr?districtId={world.One.DistrictA.Id}&academicYear=2026")).ShouldBeProblem(HttpStatusCode.BadRequest);
        await (await (await _actors.As(Role.SchoolCoordinator, world.One.SchoolA.Id)).GetAsync($"/api/v1/outcomes/calpads-wblr?districtId={world.One.DistrictA.Id}&academicYear=2026-2027"))
            .ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await (await _actors.As(Role.DistrictAdmin, world.Two.DistrictA.Id)).GetAsync($"/api/v1/outcomes/calpads-wblr?districtId={world.One.DistrictA.Id}&academicYear=2026-2027"))
            .ShouldBeProblem(HttpStatusCode.NotFound);
    }
}
