using System.Net;
using System.Net.Http.Json;
using LaunchPath.Api.Tests.Infrastructure;
using LaunchPath.Contracts.Common;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Opportunities;
using LaunchPath.Contracts.People;

namespace LaunchPath.Api.Tests.Features.People;

public sealed class StudentsOnSqlite(SqliteApi api) : StudentsTests(() => api.Factory), IClassFixture<SqliteApi>;

public sealed class StudentsOnSqlServer(SqlServerApi api) : StudentsTests(() => api.Factory), IClassFixture<SqlServerApi>;

/// <summary>Students: who sees them, who sees their subgroups, who changes what.</summary>
public abstract class StudentsTests
{
    private const string Url = "/api/v1/students";
    private readonly Actors _actors;

    protected StudentsTests(Func<ApiFactory> factory) => _actors = new Actors(factory());

    private static StudentRecordFields Record(string schoolId, SubgroupFlags? subgroups = null, string? sourcedId = null, int grade = 11) => new()
    {
        SchoolId = schoolId,
        GivenName = "Maya",
        FamilyName = "Reyes",
        Email = $"maya.{Guid.NewGuid():N}@students.example.test",
        SourcedId = sourcedId,
        Identifier = "1234567890",
        Grade = grade,
        BirthDate = new DateOnly(2010, 4, 2),
        Pathway = "Health Science and Medical Technology",
        CteConcentrator = true,
        HomeLocation = new GeoPoint { Latitude = 37.812345, Longitude = -122.2567 },
        Subgroups = subgroups,
    };

    private static readonly SubgroupFlags Flags = new()
    {
        EnglishLearner = true,
        FosterYouth = true,
        RaceEthnicity = [RaceEthnicity.HispanicOrLatino],
        Gender = Gender.Female,
    };

    [SkippableFact]
    public async Task District_staff_record_subgroups_that_only_district_and_convener_staff_see()
    {
        var world = await _actors.World();
        var districtAdmin = await _actors.As(Role.DistrictAdmin, world.One.DistrictA.Id);
        var created = await (await districtAdmin.PostJson(Url, Record(world.One.SchoolA.Id, Flags))).Read<Student>(HttpStatusCode.Created);

        created.Subgroups.Should().BeEquivalentTo(Flags);
        created.HomeLocation.Should().BeEquivalentTo(new GeoPoint { Latitude = 37.81, Longitude = -122.26 });
        created.SchoolName.Should().Be(world.One.SchoolA.Name);

        var convener = await _actors.As(Role.ConvenerStaff, world.One.Region.Id);
        (await (await convener.GetAsync($"{Url}/{created.Id}")).Read<Student>()).Subgroups.Should().BeEquivalentTo(Flags);

        foreach (var role in new[] { Role.SchoolCoordinator, Role.Teacher, Role.Counselor })
        {
            var staff = await _actors.As(role, world.One.SchoolA.Id);
            var seen = await (await staff.GetAsync($"{Url}/{created.Id}")).Read<Student>();
            seen.Subgroups.Should().BeNull($"a {role} does not see equity subgroups");
            (await staff.GetStringAsync($"{Url}/{created.Id}")).Should().NotContain("fosterYouth\":true");
        }
    }

    [SkippableFact]
    public async Task Employers_other_schools_and_other_tenants_never_see_a_student()
    {
        var world = await _actors.World();
        var student = await (await (await _actors.Admin()).PostJson(Url, Record(world.One.SchoolA.Id, Flags))).Read<Student>(HttpStatusCode.Created);

        foreach (var (role, org) in new[]
                 {
                     (Role.EmployerAdmin, world.One.Employer.Id), (Role.Supervisor, world.One.Employer.Id), (Role.Teacher, world.One.SchoolB.Id),
                     (Role.DistrictAdmin, world.One.DistrictB.Id), (Role.ConvenerAdmin, world.Two.Region.Id), (Role.WorkforceAnalyst, world.One.Region.Id),
                 })
        {
            var client = await _actors.As(role, org);
            await (await client.GetAsync($"{Url}/{student.Id}")).ShouldBeProblem(HttpStatusCode.NotFound, $"{role} at another organization");
            (await (await client.GetAsync(Url)).Read<StudentPage>()).Items.Should().NotContain(s => s.Id == student.Id);
        }
    }

    [SkippableFact]
    public async Task Coordinators_add_students_but_cannot_record_subgroups_and_teachers_cannot_add()
    {
        var world = await _actors.World();
        var coordinator = await _actors.As(Role.SchoolCoordinator, world.One.SchoolA.Id);
        var teacher = await _actors.As(Role.Teacher, world.One.SchoolA.Id);

        (await (await coordinator.PostJson(Url, Record(world.One.SchoolA.Id))).Read<Student>(HttpStatusCode.Created)).Subgroups.Should().BeNull();
        await (await coordinator.PostJson(Url, Record(world.One.SchoolA.Id, Flags))).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await coordinator.PostJson(Url, Record(world.One.SchoolB.Id))).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        await (await teacher.PostJson(Url, Record(world.One.SchoolA.Id))).ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    [SkippableFact]
    public async Task SourcedIds_are_unique_within_a_district()
    {
        var world = await _actors.World();
        var admin = await _actors.Admin();
        (await admin.PostJson(Url, Record(world.One.SchoolA.Id, sourcedId: "stu-1"))).StatusCode.Should().Be(HttpStatusCode.Created);
        await (await admin.PostJson(Url, Record(world.One.SchoolA.Id, sourcedId: "stu-1"))).ShouldBeProblem(HttpStatusCode.Conflict);
        (await admin.PostJson(Url, Record(world.One.SchoolB.Id, sourcedId: "stu-1"))).StatusCode.Should().Be(HttpStatusCode.Created, "another district");
    }

    [SkippableTheory]
    [InlineData("grade", "grade")]
    [InlineData("birth", "birthDate")]
    [InlineData("email", "email")]
    [InlineData("name", "givenName")]
    [InlineData("school", "schoolId")]
    public async Task Invalid_records_are_a_400(string what, string field)
    {
        var world = await _actors.World();
        var record = Record(world.One.SchoolA.Id);
        record = what switch
        {
            "grade" => record with { Grade = 5 },
            "birth" => record with { BirthDate = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(3) },
            "email" => record with { Email = "not an email" },
            "name" => record with { GivenName = "" },
            _ => record with { SchoolId = "nope" },
        };
        (await (await (await _actors.Admin()).PostJson(Url, record)).ShouldBeProblem(HttpStatusCode.BadRequest)).Errors.Should().ContainKey(field);
    }

    [SkippableFact]
    public async Task A_student_signs_in_sees_their_record_and_edits_only_their_own_preferences()
    {
        var world = await _actors.World();
        var coordinator = await _actors.As(Role.SchoolCoordinator, world.One.SchoolA.Id);
        var record = Record(world.One.SchoolA.Id);
        var student = await (await coordinator.PostJson(Url, record)).Read<Student>(HttpStatusCode.Created);
        var other = await (await coordinator.PostJson(Url, Record(world.One.SchoolA.Id))).Read<Student>(HttpStatusCode.Created);

        var account = await (await coordinator.PostJson($"{Url}/{student.Id}/account", new CreateStudentAccountRequest { Password = Actors.Password }))
            .Read<StudentAccount>(HttpStatusCode.Created);
        account.Email.Should().Be(record.Email);
        await (await coordinator.PostJson($"{Url}/{student.Id}/account", new CreateStudentAccountRequest { Password = Actors.Password }))
            .ShouldBeProblem(HttpStatusCode.Conflict);

        var self = await _actors.SignIn(record.Email!, Actors.Password);
        var me = await (await self.GetAsync("/api/v1/me")).Read<CurrentCaller>();
        me.StudentId.Should().Be(student.Id);
        me.Memberships.Single().Role.Should().Be(Role.Student);

        var seen = await (await self.GetAsync($"{Url}/{student.Id}")).Read<Student>();
        seen.Subgroups.Should().BeNull();
        await (await self.GetAsync($"{Url}/{other.Id}")).ShouldBeProblem(HttpStatusCode.NotFound);
        (await (await self.GetAsync(Url)).Read<StudentPage>()).Items.Select(s => s.Id).Should().Equal(student.Id);

        var preferences = new StudentPreferences
        {
            CareerInterests = [CareerCluster.HealthcareHumanServices, CareerCluster.DigitalTechnology],
            Skills = ["Spanish", "First aid"],
            Availability = [new WeeklySlot { Day = DayOfWeek.Wednesday, Start = "15:00", End = "18:00" }],
            Transportation = TransportationMode.PublicTransit,
            MaxTravelMinutes = 35,
            PrefersPaid = true,
            ShareProfileWithEmployers = true,
        };
        var updated = await (await PutJson(self, $"{Url}/{student.Id}/preferences", $"\"{seen.Version}\"", preferences)).Read<Student>();
        updated.Preferences.Should().BeEquivalentTo(preferences);
        updated.Version.Should().Be(seen.Version + 1);

        await (await PutJson(self, $"{Url}/{other.Id}/preferences", "*", preferences)).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await PutJson(self, $"{Url}/{student.Id}", "*", record)).ShouldBeProblem(HttpStatusCode.Forbidden, "students do not edit the school's record");
        var teacher = await _actors.As(Role.Teacher, world.One.SchoolA.Id);
        await (await PutJson(teacher, $"{Url}/{student.Id}/preferences", "*", preferences)).ShouldBeProblem(HttpStatusCode.Forbidden);
        (await (await PutJson(self, $"{Url}/{student.Id}/preferences", "*", preferences with { MaxTravelMinutes = 999 })).ShouldBeProblem(HttpStatusCode.BadRequest))
            .Errors.Should().ContainKey("maxTravelMinutes");
    }

    [SkippableFact]
    public async Task Guardians_are_added_by_staff_and_listed_to_those_who_see_the_student()
    {
        var world = await _actors.World();
        var coordinator = await _actors.As(Role.SchoolCoordinator, world.One.SchoolA.Id);
        var student = await (await coordinator.PostJson(Url, Record(world.One.SchoolA.Id))).Read<Student>(HttpStatusCode.Created);

        var guardian = await (await coordinator.PostJson($"{Url}/{student.Id}/guardians",
            new AddGuardianRequest { GivenName = "Ana", FamilyName = "Reyes", Email = "ana@example.test", Relationship = GuardianRelationship.Parent }))
            .Read<Guardian>(HttpStatusCode.Created);

        var teacher = await _actors.As(Role.Teacher, world.One.SchoolA.Id);
        (await (await teacher.GetAsync($"{Url}/{student.Id}/guardians")).Read<List<Guardian>>()).Should().ContainSingle().Which.Should().BeEquivalentTo(guardian);
        await (await teacher.PostJson($"{Url}/{student.Id}/guardians",
            new AddGuardianRequest { GivenName = "X", FamilyName = "Y", Relationship = GuardianRelationship.Relative })).ShouldBeProblem(HttpStatusCode.Forbidden);
        var employer = await _actors.As(Role.EmployerAdmin, world.One.Employer.Id);
        await (await employer.GetAsync($"{Url}/{student.Id}/guardians")).ShouldBeProblem(HttpStatusCode.NotFound);

        var invalid = await coordinator.PostJson($"{Url}/{student.Id}/guardians",
            new AddGuardianRequest { GivenName = "", FamilyName = "Reyes", Email = "nope", Relationship = GuardianRelationship.Parent });
        (await invalid.ShouldBeProblem(HttpStatusCode.BadRequest)).Errors.Should().ContainKeys("givenName", "email");
        await (await coordinator.PostAsync($"{Url}/{student.Id}/guardians",
            new StringContent("{\"givenName\":\"A\",\"familyName\":\"B\",\"relationship\":\"uncle\"}", System.Text.Encoding.UTF8, "application/json")))
            .ShouldBeProblem(HttpStatusCode.BadRequest);
        await (await coordinator.PostJson($"{Url}/{Guid.CreateVersion7()}/account", new CreateStudentAccountRequest())).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await coordinator.PostJson($"{Url}/{student.Id}/account", new CreateStudentAccountRequest { Password = "short" })).ShouldBeProblem(HttpStatusCode.BadRequest);
    }

    [SkippableFact]
    public async Task Updating_a_record_needs_if_match_and_moves_only_within_the_district()
    {
        var world = await _actors.World();
        var districtAdmin = await _actors.As(Role.DistrictAdmin, world.One.DistrictA.Id);
        var record = Record(world.One.SchoolA.Id, Flags);
        var student = await (await districtAdmin.PostJson(Url, record)).Read<Student>(HttpStatusCode.Created);
        var admin = await _actors.Admin();
        var sameDistrictSchool = await _actors.Org(Contracts.Organizations.OrganizationType.School, world.One.DistrictA.Id);

        await (await PutJson(districtAdmin, $"{Url}/{student.Id}", "\"5\"", record)).ShouldBeProblem(HttpStatusCode.PreconditionFailed);
        var moved = await (await PutJson(districtAdmin, $"{Url}/{student.Id}", "\"1\"", record with { SchoolId = sameDistrictSchool.Id, Grade = 12, Subgroups = null }))
            .Read<Student>();
        moved.SchoolId.Should().Be(sameDistrictSchool.Id);
        moved.Grade.Should().Be(12);
        moved.Subgroups.Should().BeEquivalentTo(Flags, "subgroups not sent are kept");

        await (await PutJson(admin, $"{Url}/{student.Id}", "*", record with { SchoolId = world.One.SchoolB.Id })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
    }

    [SkippableFact]
    public async Task Listing_filters_by_school_grade_and_name()
    {
        var world = await _actors.World();
        var admin = await _actors.Admin();
        var eleventh = await (await admin.PostJson(Url, Record(world.One.SchoolA.Id) with { GivenName = "Zora", FamilyName = "Quill" })).Read<Student>(HttpStatusCode.Created);
        var ninth = await (await admin.PostJson(Url, Record(world.One.SchoolA.Id, grade: 9))).Read<Student>(HttpStatusCode.Created);
        var districtAdmin = await _actors.As(Role.DistrictAdmin, world.One.DistrictA.Id);

        (await (await districtAdmin.GetAsync($"{Url}?schoolId={world.One.SchoolA.Id}&grade=9")).Read<StudentPage>()).Items.Select(s => s.Id).Should().Equal(ninth.Id);
        (await (await districtAdmin.GetAsync($"{Url}?q=quill")).Read<StudentPage>()).Items.Select(s => s.Id).Should().Equal(eleventh.Id);
        var delaCruz = await (await admin.PostJson(Url, Record(world.One.SchoolA.Id) with { GivenName = "María José", FamilyName = "de la Cruz", PreferredName = "Majo" }))
            .Read<Student>(HttpStatusCode.Created);
        async Task<IEnumerable<string>> Find(string q) => (await (await districtAdmin.GetAsync($"{Url}?q={Uri.EscapeDataString(q)}")).Read<StudentPage>()).Items.Select(s => s.Id);
        (await Find("Zora Quill")).Should().Equal([eleventh.Id], "a full name: each word in a name");
        (await Find("  quill   zora ")).Should().Equal([eleventh.Id], "in any order, with any spacing");
        (await Find("Zora Quillson")).Should().BeEmpty("every word must match");
        (await Find("majo de la cruz")).Should().Equal([delaCruz.Id], "preferred name, and a family name of several words");
        (await Find("María José de la Cruz")).Should().Equal([delaCruz.Id], "more words than slots: the rest must appear together");
        await (await districtAdmin.GetAsync($"{Url}?grade=4")).ShouldBeProblem(HttpStatusCode.BadRequest);
        await (await districtAdmin.GetAsync($"{Url}?status=gone")).ShouldBeProblem(HttpStatusCode.BadRequest);
    }

    private static Task<HttpResponseMessage> PutJson<T>(HttpClient client, string url, string ifMatch, T body)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(body, options: Http.Json) };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(request);
    }
}
