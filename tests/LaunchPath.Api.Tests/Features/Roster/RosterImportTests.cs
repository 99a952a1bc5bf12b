using System.Net;
using System.Net.Http.Headers;
using System.Text;
using LaunchPath.Api.Tests.Infrastructure;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Organizations;
using LaunchPath.Contracts.People;
using LaunchPath.Contracts.Roster;
using Microsoft.Extensions.DependencyInjection;

namespace LaunchPath.Api.Tests.Features.Roster;

public sealed class RosterImportOnSqlite(SqliteApi api) : RosterImportTests(() => api.Factory), IClassFixture<SqliteApi>;

public sealed class RosterImportOnSqlServer(SqlServerApi api) : RosterImportTests(() => api.Factory), IClassFixture<SqlServerApi>;

/// <summary>OneRoster roster sync: all-or-nothing, idempotent, bulk and delta, CSV and JSON, per district.</summary>
public abstract class RosterImportTests
{
    private readonly Actors _actors;
    private readonly Func<ApiFactory> _factory;

    protected RosterImportTests(Func<ApiFactory> factory)
    {
        _factory = factory;
        _actors = new Actors(factory());
    }

    private async Task<(Organization District, HttpClient Admin, string Tag)> District(bool withSourcedId = true)
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var admin = await _actors.Admin();
        var region = await _actors.Org(OrganizationType.Region, null);
        var district = await (await admin.PostJson("/api/v1/organizations", new CreateOrganizationRequest
        {
            Type = OrganizationType.District, Name = "Roster district " + tag, ParentId = region.Id, SourcedId = withSourcedId ? "dist-" + tag : null,
        })).Read<Organization>(HttpStatusCode.Created);
        var districtAdmin = await _actors.As(Role.DistrictAdmin, district.Id);
        return (district, districtAdmin, tag);
    }

    private static RosterFiles Standard(string tag) => new RosterFiles()
        .School($"sch1-{tag}", "North High", $"dist-{tag}")
        .School($"sch2-{tag}", "South Middle", $"dist-{tag}")
        .Guardian($"g1-{tag}", "Ana", "Reyes", $"sch1-{tag}")
        .Student($"s1-{tag}", "Maya", "Reyes", "11", $"sch1-{tag}", agents: $"g1-{tag}", englishLearner: true, hispanic: true)
        .Student($"s2-{tag}", "Leo", "Park", "09", $"sch1-{tag}", sex: "male")
        .Student($"s3-{tag}", "Ivy", "Chen", "07", $"sch2-{tag}")
        .Student($"s4-{tag}", "Tom", "Small", "04", $"sch2-{tag}")
        .Teacher($"t1-{tag}", "Rosa", "Diaz", $"sch1-{tag}");

    internal static async Task<RosterImport> Finished(HttpClient client, HttpResponseMessage started)
    {
        var job = await started.Read<RosterImport>(HttpStatusCode.Accepted);
        started.Headers.Location!.ToString().Should().Be($"/api/v1/roster-imports/{job.Id}");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (job.Status is RosterImportStatus.Queued or RosterImportStatus.Running && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            job = await (await client.GetAsync($"/api/v1/roster-imports/{job.Id}")).Read<RosterImport>();
        }

        return job;
    }

    private static async Task<List<Student>> Students(HttpClient client)
    {
        var page = await (await client.GetAsync("/api/v1/students?limit=200")).Read<StudentPage>();
        return page.Items.ToList();
    }

    [SkippableFact]
    public async Task A_csv_roster_creates_schools_students_guardians_and_teachers_with_demographics()
    {
        var (district, admin, tag) = await District();
        var job = await Finished(admin, await admin.PostAsync($"/api/v1/districts/{district.Id}/roster-imports", Standard(tag).Multipart()));

        job.Status.Should().Be(RosterImportStatus.Succeeded, string.Join("; ", job.Errors.Select(e => $"{e.File}:{e.Line} {e.Field} {e.Reason}")));
        job.Mode.Should().Be(RosterMode.Bulk);
        job.Counts.Should().BeEquivalentTo(new RosterCounts
        {
            SchoolsCreated = 2, PeopleCreated = 5, RowsSkipped = 1, GuardianLinks = 1,
        }, "the fourth grader is outside grades 6–13");
        job.ProcessedRows.Should().Be(job.TotalRows);

        var students = await Students(admin);
        students.Select(s => s.SourcedId).Should().BeEquivalentTo([$"s1-{tag}", $"s2-{tag}", $"s3-{tag}"]);
        var maya = students.Single(s => s.SourcedId == $"s1-{tag}");
        maya.Grade.Should().Be(11);
        maya.BirthDate.Should().Be(new DateOnly(2010, 5, 1));
        maya.Identifier.Should().Be($"SSIDs1-{tag}");
        maya.SchoolName.Should().Be("North High");
        maya.Subgroups!.EnglishLearner.Should().BeTrue();
        maya.Subgroups.SocioeconomicallyDisadvantaged.Should().BeTrue();
        maya.Subgroups.RaceEthnicity.Should().Equal(RaceEthnicity.HispanicOrLatino);
        maya.Subgroups.Gender.Should().Be(Gender.Female);

        var guardians = await (await admin.GetAsync($"/api/v1/students/{maya.Id}/guardians")).Read<List<Guardian>>();
        guardians.Should().ContainSingle().Which.Should().BeEquivalentTo(new { GivenName = "Ana", Relationship = GuardianRelationship.Parent });

        var schools = await (await admin.GetAsync($"/api/v1/organizations?parentId={district.Id}")).Read<OrganizationPage>();
        schools.Items.Select(s => s.SourcedId).Should().BeEquivalentTo([$"sch1-{tag}", $"sch2-{tag}"]);
    }

    [SkippableFact]
    public async Task A_preview_writes_nothing_shows_what_would_change_and_applies_when_confirmed()
    {
        var (district, admin, tag) = await District();
        var preview = await Finished(admin, await admin.PostAsync($"/api/v1/districts/{district.Id}/roster-imports?preview=true", Standard(tag).Multipart()));

        preview.Status.Should().Be(RosterImportStatus.Previewed);
        preview.Preview.Should().BeTrue();
        preview.Counts!.PeopleCreated.Should().Be(5);
        preview.Changes!.Created.Should().BeEquivalentTo([$"g1-{tag}", $"s1-{tag}", $"s2-{tag}", $"s3-{tag}", $"t1-{tag}"]);
        preview.Changes.Skipped.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Count = 1, Sample = new[] { $"s4-{tag}" } });
        preview.Changes.Skipped[0].Reason.Should().Contain("below grade 6");
        preview.Notes.Should().Contain(n => n.Contains("preview", StringComparison.OrdinalIgnoreCase));
        (await Students(admin)).Should().BeEmpty("a preview writes nothing");

        preview.AllowedActions.Should().BeEquivalentTo([RosterImportAction.Confirm], "the district admin may apply the preview");
        var sis = await Key(admin, district);
        (await (await sis.GetAsync($"/api/v1/roster-imports/{preview.Id}")).Read<RosterImport>()).AllowedActions.Should().BeEmpty("an API key is not offered confirming");
        await (await sis.PostAsync($"/api/v1/roster-imports/{preview.Id}/confirm", null)).ShouldBeProblem(HttpStatusCode.Forbidden, "a person confirms, not a key");
        var applied = await Finished(admin, await admin.PostAsync($"/api/v1/roster-imports/{preview.Id}/confirm", null));
        applied.Status.Should().Be(RosterImportStatus.Succeeded);
        applied.AllowedActions.Should().BeEmpty("an applied import cannot be confirmed again");
        applied.ConfirmedAt.Should().NotBeNull();
        (await Students(admin)).Select(s => s.SourcedId).Should().BeEquivalentTo([$"s1-{tag}", $"s2-{tag}", $"s3-{tag}"]);
        await (await admin.PostAsync($"/api/v1/roster-imports/{preview.Id}/confirm", null)).ShouldBeProblem(HttpStatusCode.Conflict, "once only");
    }

    [SkippableFact]
    public async Task A_bulk_file_that_would_wipe_the_district_changes_nothing_until_a_district_admin_confirms_it()
    {
        var (district, admin, tag) = await District();
        var url = $"/api/v1/districts/{district.Id}/roster-imports";
        (await Finished(admin, await admin.PostAsync(url, Standard(tag).Multipart()))).Status.Should().Be(RosterImportStatus.Succeeded);
        var before = await Students(admin);

        // A SIS export of one school only, sent as the whole district's roster.
        var partial = new RosterFiles().School($"sch2-{tag}", "South Middle", $"dist-{tag}").Student($"s3-{tag}", "Ivy", "Chen", "07", $"sch2-{tag}");
        var held = await Finished(admin, await admin.PostAsync(url, partial.Multipart()));

        held.Status.Should().Be(RosterImportStatus.NeedsConfirmation);
        held.Counts!.PeopleDeactivated.Should().Be(4);
        held.Changes!.DeactivatedShare.Should().Be(0.8);
        held.Changes.ActiveBefore.Should().Be(5);
        held.Changes.Deactivated.Should().BeEquivalentTo([$"g1-{tag}", $"s1-{tag}", $"s2-{tag}", $"t1-{tag}"]);
        held.Notes.Should().ContainSingle().Which.Should().Contain("would deactivate 4 of the district's 5 active people");
        (await Students(admin)).Should().BeEquivalentTo(before, "nothing is written until a district admin confirms");

        // Another file cannot be confirmed in its place: confirmation names the held import, and a new upload is held again.
        var second = await Finished(admin, await admin.PostAsync(url, partial.Multipart()));
        second.Status.Should().Be(RosterImportStatus.NeedsConfirmation);

        // A held import nobody confirms within 7 days cannot be confirmed any more, and its files are dropped.
        var factory = _factory();
        await using (var connection = await factory.Services.GetRequiredService<LaunchPath.Api.Infrastructure.Data.Db>().OpenAsync(CancellationToken.None))
        {
            await Dapper.SqlMapper.ExecuteAsync(connection, "UPDATE roster_imports SET finished_at = @Old WHERE id = @Id",
                new { Old = DateTimeOffset.UtcNow.AddDays(-8), Id = Guid.Parse(second.Id) });
            (await (await admin.PostAsync($"/api/v1/roster-imports/{second.Id}/confirm", null)).ShouldBeProblem(HttpStatusCode.Conflict)).Detail.Should().Contain("dropped");
            var scheduler = ActivatorUtilities.CreateInstance<LaunchPath.Api.Features.Roster.RosterPullScheduler>(factory.Services);
            await scheduler.DropExpiredAsync(CancellationToken.None);
            (await Dapper.SqlMapper.ExecuteScalarAsync<int>(connection, "SELECT COUNT(*) FROM roster_imports WHERE id = @Id AND payload IS NULL", new { Id = Guid.Parse(second.Id) }))
                .Should().Be(1, "student data is not kept without a purpose");
        }

        (await Finished(admin, await admin.PostAsync($"/api/v1/roster-imports/{held.Id}/confirm", null))).Status.Should().Be(RosterImportStatus.Succeeded);
        (await Students(admin)).Count(s => s.Status == PersonStatus.Active).Should().Be(1);
    }

    [SkippableFact]
    public async Task An_import_that_imports_nobody_fails_and_says_why()
    {
        var (district, admin, tag) = await District();
        var url = $"/api/v1/districts/{district.Id}/roster-imports";

        // users.csv whose roles.csv lost its rows: nobody has a role LaunchPath uses.
        var roleless = Standard(tag);
        roleless.Roles.RemoveRange(1, roleless.Roles.Count - 1);
        var job = await Finished(admin, await admin.PostAsync(url, roleless.Multipart()));

        job.Status.Should().Be(RosterImportStatus.Failed, "an import that imports nobody is never a silent success");
        job.Errors.Should().ContainSingle().Which.Reason.Should().Contain("No one was imported").And.Contain("6 × user without a role");
        (await Students(admin)).Should().BeEmpty();
        (await (await admin.GetAsync($"/api/v1/organizations?parentId={district.Id}")).Read<OrganizationPage>()).Items.Should().BeEmpty("the schools are not written either");
    }

    [SkippableFact]
    public async Task A_OneRoster_1_1_package_with_roles_in_users_csv_imports_everyone_and_wipes_nobody()
    {
        // A district created by hand, without the SIS's sourcedId: the package's district row supplies it.
        var (district, admin, tag) = await District(withSourcedId: false);
        var url = $"/api/v1/districts/{district.Id}/roster-imports";
        var package = new RosterFiles11 { DemographicsKey = "userSourcedId" }
            .Org($"d-{tag}", "Alder Unified", "district", "")
            .Org($"h-{tag}", "Alder High", "school", $"d-{tag}")
            .User($"p-{tag}", "parent", $"h-{tag}", "Ana", "Reyes")
            .User($"s-{tag}", "student", $"h-{tag}", "Maya", "Reyes", grade: "10", agents: $"p-{tag}", birthDate: "2010-05-01T00:00:00Z")
            .User($"t-{tag}", "teacher", $"h-{tag}", "Rosa", "Diaz")
            .User($"a-{tag}", "administrator", $"d-{tag}", "Dee", "Admin");

        var job = await Finished(admin, await admin.PostAsync(url, package.Zip()));

        job.Status.Should().Be(RosterImportStatus.Succeeded, string.Join("; ", job.Errors.Select(e => $"{e.File}:{e.Line} {e.Field} {e.Reason}")));
        job.OneRosterVersion.Should().Be("1.1");
        job.Counts!.PeopleCreated.Should().Be(4, "a parent, a student, a teacher and a district-level administrator");
        job.Counts.PeopleDeactivated.Should().Be(0);
        job.Notes.Should().ContainSingle().Which.Should().Contain("export-info.txt", "a file LaunchPath does not read is noted, not refused");
        var maya = (await Students(admin)).Single();
        maya.BirthDate.Should().Be(new DateOnly(2010, 5, 1), "demographics.csv keyed on userSourcedId, with a date-time birth date");
        (await (await admin.GetAsync($"/api/v1/students/{maya.Id}/guardians")).Read<List<Guardian>>()).Should().ContainSingle(g => g.GivenName == "Ana");
        (await (await admin.GetAsync($"/api/v1/organizations/{district.Id}")).Read<Organization>()).SourcedId.Should().Be($"d-{tag}");

        // The same package again changes nothing, and still wipes nobody.
        var again = await Finished(admin, await admin.PostAsync(url, package.Zip()));
        again.Status.Should().Be(RosterImportStatus.Succeeded);
        again.Counts.Should().BeEquivalentTo(new RosterCounts { PeopleUnchanged = 4 });
    }

    [SkippableFact]
    public async Task OneRoster_1_2_departments_multiple_roles_and_the_whole_grade_vocabulary_are_read()
    {
        var (district, admin, tag) = await District();
        var roster = new RosterFiles()
            .School($"sch1-{tag}", "North High", $"dist-{tag}")
            .Teacher($"t1-{tag}", "Rosa", "Diaz", $"sch1-{tag}")
            .Student($"s1-{tag}", "Maya", "Diaz", "11", $"sch1-{tag}", agents: $"t1-{tag}", birthDate: "2010-05-01T08:00:00-07:00")
            .Student($"s2-{tag}", "Leo", "Park", "UG", $"sch1-{tag}")
            .Student($"s3-{tag}", "Ivy", "Chen", "Other", $"sch1-{tag}")
            .Student($"s4-{tag}", "Tom", "Noyear", "", $"sch1-{tag}")
            .Student($"s5-{tag}", "Kai", "Lee", "9", $"sch1-{tag}")
            .Student($"s6-{tag}", "Zoe", "Moss", "TK", $"sch1-{tag}");
        // The teacher is also Maya's parent (a secondary role); a counselor's role is on the school's science department.
        roster.Roles.Add($"r2-t1-{tag},active,2026-08-01,t1-{tag},secondary,parent,2026-08-01,,sch1-{tag},");
        roster.Orgs.Add($"dept-{tag},active,2026-08-01,Science,department,,sch1-{tag}");
        roster.Users.Add($"c1-{tag},active,2026-08-01,true,c1-{tag},,Cy,Counsel,,,c1-{tag}@staff.example.test,,,,,,,,,,,,");
        roster.Roles.Add($"r-c1-{tag},active,2026-08-01,c1-{tag},primary,counselor,2026-08-01,,dept-{tag},");

        var job = await Finished(admin, await admin.PostAsync($"/api/v1/districts/{district.Id}/roster-imports", roster.Multipart()));

        job.Status.Should().Be(RosterImportStatus.Succeeded, string.Join("; ", job.Errors.Select(e => $"{e.File}:{e.Line} {e.Field} {e.Reason}")));
        job.Counts!.PeopleCreated.Should().Be(7, "the teacher, the counselor (through the department), Maya, Kai (grade 9 written as 9) and three students of unknown grade");
        job.Changes!.Skipped.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Count = 1, Sample = new[] { $"s6-{tag}" } }, "only the TK student is outside LaunchPath");
        var students = await Students(admin);
        students.Where(s => s.Grade is null).Select(s => s.SourcedId).Should().BeEquivalentTo([$"s2-{tag}", $"s3-{tag}", $"s4-{tag}"], "UG, Other and no grade are a grade unknown, not an error");
        students.Single(s => s.SourcedId == $"s5-{tag}").Grade.Should().Be(9);
        var maya = students.Single(s => s.SourcedId == $"s1-{tag}");
        maya.BirthDate.Should().Be(new DateOnly(2010, 5, 1));
        (await (await admin.GetAsync($"/api/v1/students/{maya.Id}/guardians")).Read<List<Guardian>>())
            .Should().ContainSingle().Which.Should().BeEquivalentTo(new { GivenName = "Rosa", Relationship = GuardianRelationship.Parent }, "a teacher who is also a parent is both");
    }

    [SkippableFact]
    public async Task The_json_import_reads_the_OneRoster_REST_bindings_own_shape()
    {
        var (district, admin, tag) = await District(withSourcedId: false);
        // As a OneRoster 1.2 REST service returns them: references for parent, agents and primary org, roles nested in
        // the user, booleans as strings, and members LaunchPath does not use.
        var body = $$"""
        {
          "mode": "delta",
          "orgs": [
            { "sourcedId": "d-{{tag}}", "status": "active", "dateLastModified": "2026-08-01T00:00:00.000Z", "name": "Alder Unified", "type": "district",
              "children": [ { "href": "https://sis.example.test/ims/oneroster/rostering/v1p2/orgs/h-{{tag}}", "sourcedId": "h-{{tag}}", "type": "org" } ] },
            { "sourcedId": "h-{{tag}}", "status": "active", "dateLastModified": "2026-08-01T00:00:00.000Z", "name": "Alder High", "type": "school",
              "identifier": "0123456", "parent": { "href": "https://sis.example.test/ims/oneroster/rostering/v1p2/orgs/d-{{tag}}", "sourcedId": "d-{{tag}}", "type": "org" } }
          ],
          "users": [
            { "sourcedId": "p-{{tag}}", "status": "active", "dateLastModified": "2026-08-01T00:00:00.000Z", "enabledUser": "true", "givenName": "Ana", "familyName": "Reyes",
              "roles": [ { "roleType": "primary", "role": "parent", "org": { "href": "https://sis.example.test/orgs/h-{{tag}}", "sourcedId": "h-{{tag}}", "type": "org" } } ],
              "userIds": [ { "type": "SIS", "identifier": "P-1" } ], "email": "ana@family.example.test" },
            { "sourcedId": "s-{{tag}}", "status": "active", "dateLastModified": "2026-08-01T00:00:00.000Z", "enabledUser": "true", "username": "maya",
              "givenName": "Maya", "familyName": "Reyes", "preferredFirstName": "May", "grades": ["10"], "identifier": "SSID-9",
              "roles": [ { "roleType": "primary", "role": "student", "org": { "href": "https://sis.example.test/orgs/h-{{tag}}", "sourcedId": "h-{{tag}}", "type": "org" },
                           "beginDate": "2026-08-15" } ],
              "agents": [ { "href": "https://sis.example.test/users/p-{{tag}}", "sourcedId": "p-{{tag}}", "type": "user" } ],
              "primaryOrg": { "href": "https://sis.example.test/orgs/h-{{tag}}", "sourcedId": "h-{{tag}}", "type": "org" },
              "metadata": { "ext:sis.homeroom": "204", "preferredLanguage": "spa" } },
            { "sourcedId": "a-{{tag}}", "status": "active", "dateLastModified": "2026-08-01T00:00:00.000Z", "enabledUser": "false", "givenName": "Dee", "familyName": "Admin",
              "roles": [ { "roleType": "primary", "role": "districtAdministrator", "org": { "sourcedId": "d-{{tag}}", "type": "org" } } ] }
          ],
          "demographics": [
            { "sourcedId": "s-{{tag}}", "status": "active", "dateLastModified": "2026-08-01T00:00:00.000Z", "birthDate": "2010-05-01", "sex": "female",
              "hispanicOrLatinoEthnicity": "true", "white": "false" }
          ]
        }
        """;
        var job = await Finished(admin, await admin.PostRaw($"/api/v1/districts/{district.Id}/roster-imports/json", body));

        job.Status.Should().Be(RosterImportStatus.Succeeded, string.Join("; ", job.Errors.Select(e => $"{e.File}:{e.Line} {e.Field} {e.Reason}")));
        job.Counts!.PeopleCreated.Should().Be(3, "the parent, the student and the district administrator (at the district its org row names)");
        var maya = (await Students(admin)).Single();
        maya.Should().BeEquivalentTo(new { GivenName = "Maya", PreferredName = "May", Grade = 10, SchoolName = "Alder High", BirthDate = new DateOnly(2010, 5, 1), PreferredLanguage = "es" });
        maya.Subgroups!.RaceEthnicity.Should().Equal(RaceEthnicity.HispanicOrLatino);
        (await (await admin.GetAsync($"/api/v1/students/{maya.Id}/guardians")).Read<List<Guardian>>()).Should().ContainSingle(g => g.GivenName == "Ana");

        var wrong = body.Replace("\"enabledUser\": \"true\", \"givenName\": \"Ana\"", "\"enabledUser\": \"yes\", \"givenName\": \"Ana\"", StringComparison.Ordinal);
        var problem = await (await admin.PostRaw($"/api/v1/districts/{district.Id}/roster-imports/json", wrong)).ShouldBeProblem(HttpStatusCode.BadRequest);
        problem.Errors.Should().ContainKey("users[0].enabledUser").WhoseValue.Single().Should().Contain("\"true\"");
    }

    [SkippableFact]
    public async Task A_zip_bomb_is_refused_at_upload_naming_the_limit()
    {
        var (district, admin, _) = await District();
        using var buffer = new MemoryStream();
        using (var archive = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using var users = archive.CreateEntry("users.csv", System.IO.Compression.CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 64; i++)
            {
                users.Write(zeros); // 64 MB of one byte: compresses about 1000:1
            }
        }

        var content = new MultipartFormDataContent { { new ByteArrayContent(buffer.ToArray()), "files", "bomb.zip" } };
        var problem = await (await admin.PostAsync($"/api/v1/districts/{district.Id}/roster-imports?mode=bulk", content)).ShouldBeProblem(HttpStatusCode.RequestEntityTooLarge);
        problem.Detail.Should().Contain("100 times");
        (await (await admin.GetAsync($"/api/v1/districts/{district.Id}/roster-imports")).Read<List<RosterImport>>()).Should().BeEmpty("no job was started");
    }

    [SkippableFact]
    public async Task Classes_and_enrollments_let_a_teacher_see_their_students_work_based_learning()
    {
        var (district, admin, tag) = await District();
        var roster = Standard(tag)
            .Course($"c-bio-{tag}", "Biology", "BIO1", $"sch1-{tag}")
            .Class($"cl1-{tag}", "Biology, period 1", $"c-bio-{tag}", $"sch1-{tag}")
            .Class($"cl2-{tag}", "Biology, period 2", $"c-bio-{tag}", $"sch2-{tag}")
            .Enrollment($"cl1-{tag}", $"sch1-{tag}", $"t1-{tag}", "teacher")
            .Enrollment($"cl1-{tag}", $"sch1-{tag}", $"s1-{tag}", "student")
            .Enrollment($"cl1-{tag}", $"sch1-{tag}", $"s2-{tag}", "student")
            .Enrollment($"cl2-{tag}", $"sch2-{tag}", $"s3-{tag}", "student")
            .Enrollment($"cl2-{tag}", $"sch2-{tag}", $"s4-{tag}", "student");
        var url = $"/api/v1/districts/{district.Id}/roster-imports";

        var job = await Finished(admin, await admin.PostAsync(url, roster.Multipart()));
        job.Status.Should().Be(RosterImportStatus.Succeeded, string.Join("; ", job.Errors.Select(e => $"{e.File}:{e.Line} {e.Field} {e.Reason}")));
        job.Counts!.ClassesWritten.Should().Be(3, "a course and two classes");
        job.Counts.EnrollmentsWritten.Should().Be(4, "the fourth grader's enrollment is left out with the fourth grader");
        job.Changes!.Skipped.Should().Contain(s => s.Reason.StartsWith("enrollment of a user", StringComparison.Ordinal) && s.Count == 1);
        job.Notes.Should().NotContain(n => n.Contains("classes.csv"), "classes are read now");

        // The teacher the roster names (matched by their account's email) sees their class and its students.
        var school1 = (await (await admin.GetAsync($"/api/v1/organizations?parentId={district.Id}")).Read<OrganizationPage>()).Items.Single(o => o.SourcedId == $"sch1-{tag}");
        var teacher = await TeacherWithEmail(school1.Id, $"t1-{tag}@staff.example.test");
        var mine = await (await teacher.GetAsync("/api/v1/classes?mine=true")).Read<List<LaunchPath.Contracts.Classes.ClassSummary>>();
        mine.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Title = "Biology, period 1", CourseTitle = "Biology", Students = 2, Active = true });
        mine[0].Teachers.Should().Equal("Rosa Diaz");
        var roster1 = await (await teacher.GetAsync($"/api/v1/classes/{mine[0].Id}/students")).Read<LaunchPath.Contracts.Classes.ClassRoster>();
        roster1.Students.Select(s => s.Name).Should().Equal("Leo Park", "Maya Reyes");
        roster1.Students.Should().OnlyContain(s => s.ActivePlacements == 0 && s.ApprovedMinutes == 0);

        // Another teacher of the school sees the school's classes but teaches none; a teacher elsewhere sees neither.
        var colleague = await TeacherWithEmail(school1.Id, $"other-{tag}@staff.example.test");
        (await (await colleague.GetAsync("/api/v1/classes?mine=true")).Read<List<LaunchPath.Contracts.Classes.ClassSummary>>()).Should().BeEmpty();
        (await (await colleague.GetAsync("/api/v1/classes")).Read<List<LaunchPath.Contracts.Classes.ClassSummary>>()).Select(c => c.Title).Should().Equal("Biology, period 1");
        var (_, otherAdmin, _) = await District();
        await (await otherAdmin.GetAsync($"/api/v1/classes/{mine[0].Id}/students")).ShouldBeProblem(HttpStatusCode.NotFound);

        // A placement names the class it connects to; only a class the student is enrolled in.
        var maya = roster1.Students.Single(s => s.Name == "Maya Reyes");
        var opportunity = await Published(await _actors.Admin(), district);
        var coordinator = await _actors.As(Role.SchoolCoordinator, school1.Id);
        var linked = await (await coordinator.PostJson("/api/v1/placements", new LaunchPath.Contracts.Placements.CreatePlacementRequest
        {
            OpportunityId = opportunity, StudentId = maya.StudentId, ClassId = mine[0].Id,
        })).Read<LaunchPath.Contracts.Placements.Placement>(HttpStatusCode.Created);
        linked.Should().BeEquivalentTo(new { ClassId = mine[0].Id, ClassTitle = "Biology, period 1", CourseTitle = "Biology" });
        var cl2 = (await (await admin.GetAsync("/api/v1/classes")).Read<List<LaunchPath.Contracts.Classes.ClassSummary>>()).Single(c => c.Title == "Biology, period 2");
        await (await coordinator.PutAsync($"/api/v1/placements/{linked.Id}/class", System.Net.Http.Json.JsonContent.Create(new { classId = cl2.Id })))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "Maya is not in period 2");

        // Once the placement is completed, the class roster shows it, with the stage Maya reached.
        await using (var connection = await _factory().Services.GetRequiredService<LaunchPath.Api.Infrastructure.Data.Db>().OpenAsync(CancellationToken.None))
        {
            await Dapper.SqlMapper.ExecuteAsync(connection, "UPDATE placements SET status = 'completed', completed_at = @Now WHERE id = @Id",
                new { Now = DateTimeOffset.UtcNow, Id = Guid.Parse(linked.Id) });
        }

        var withStage = (await (await teacher.GetAsync($"/api/v1/classes/{mine[0].Id}/students")).Read<LaunchPath.Contracts.Classes.ClassRoster>())
            .Students.Single(s => s.Name == "Maya Reyes");
        withStage.Should().BeEquivalentTo(new { CompletedPlacements = 1, LatestStage = linked.Stage });
        await (await teacher.PutAsync($"/api/v1/placements/{linked.Id}/class", System.Net.Http.Json.JsonContent.Create(new { classId = (string?)null })))
            .ShouldBeProblem(HttpStatusCode.Forbidden, "a teacher reads; the school's coordinators and the student link");
        (await (await coordinator.PutAsync($"/api/v1/placements/{linked.Id}/class", System.Net.Http.Json.JsonContent.Create(new { classId = (string?)null })))
            .Read<LaunchPath.Contracts.Placements.Placement>()).ClassId.Should().BeNull();

        // Maya's reflection on the (now active) placement names the class it connects to.
        var account = await (await coordinator.PostJson($"/api/v1/students/{maya.StudentId}/account", new CreateStudentAccountRequest { Password = Actors.Password }))
            .Read<StudentAccount>(HttpStatusCode.Created);
        var mayaClient = await _actors.SignIn(account.Email, Actors.Password);
        await using (var connection = await _factory().Services.GetRequiredService<LaunchPath.Api.Infrastructure.Data.Db>().OpenAsync(CancellationToken.None))
        {
            await Dapper.SqlMapper.ExecuteAsync(connection, "UPDATE placements SET status = 'active' WHERE id = @Id", new { Id = Guid.Parse(linked.Id) });
        }

        var reflections = $"/api/v1/placements/{linked.Id}/reflections";
        var reflection = await (await mayaClient.PostJson(reflections, new LaunchPath.Contracts.Placements.SubmitReflectionRequest
        {
            Text = "Running the lab's safety check used what we did in period 1.", Rating = 5, ClassId = mine[0].Id,
        })).Read<LaunchPath.Contracts.Placements.Reflection>(HttpStatusCode.Created);
        reflection.ClassTitle.Should().Be("Biology, period 1");
        await (await mayaClient.PostJson(reflections, new LaunchPath.Contracts.Placements.SubmitReflectionRequest { Text = "x", ClassId = cl2.Id }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "Maya is not in period 2");

        var outcomes = await (await admin.GetAsync($"/api/v1/outcomes?organizationId={district.Id}")).Read<LaunchPath.Contracts.Outcomes.OutcomesReport>();
        outcomes.ByCourse.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Name = "Biology", Students = 3, Suppressed = true }, "three students, a small cell");

        // The same files again change nothing; a bulk file without a class's enrollments ends them.
        var again = await Finished(admin, await admin.PostAsync(url, roster.Multipart()));
        again.Counts.Should().BeEquivalentTo(new RosterCounts { PeopleUnchanged = 5, RowsSkipped = 2 });
        roster.Enrollments.RemoveAll(e => e.Contains($"cl1-{tag},", StringComparison.Ordinal) && e.Contains($",s2-{tag},", StringComparison.Ordinal));
        var ended = await Finished(admin, await admin.PostAsync(url, roster.Multipart()));
        ended.Counts!.EnrollmentsWritten.Should().Be(1);
        (await (await teacher.GetAsync($"/api/v1/classes/{mine[0].Id}/students")).Read<LaunchPath.Contracts.Classes.ClassRoster>()).Students.Should().ContainSingle();
    }

    private static async Task<string> Published(HttpClient admin, Organization district)
    {
        var employer = await (await admin.PostJson("/api/v1/organizations", new CreateOrganizationRequest
        {
            Type = OrganizationType.Employer, Name = "Lab " + Guid.NewGuid().ToString("N")[..6], ParentId = district.ParentId,
        })).Read<Organization>(HttpStatusCode.Created);
        var draft = await (await admin.PostJson("/api/v1/opportunities", new LaunchPath.Contracts.Opportunities.CreateOpportunityRequest
        {
            EmployerId = employer.Id, Fields = LaunchPath.Api.Tests.Features.Opportunities.OpportunitiesTests.Fields(),
        })).Read<LaunchPath.Contracts.Opportunities.Opportunity>(HttpStatusCode.Created);
        await (await admin.PostAsync($"/api/v1/opportunities/{draft.Id}/submit", null)).Read<LaunchPath.Contracts.Opportunities.Opportunity>();
        return (await (await admin.PostAsync($"/api/v1/opportunities/{draft.Id}/approve", null)).Read<LaunchPath.Contracts.Opportunities.Opportunity>()).Id;
    }

    private async Task<HttpClient> TeacherWithEmail(string schoolId, string email)
    {
        var admin = await _actors.Admin();
        (await admin.PostJson("/api/v1/users", new CreateUserRequest
        {
            Email = email, DisplayName = "Teacher", Password = Actors.Password, OrganizationId = schoolId, Role = Role.Teacher,
        })).StatusCode.Should().Be(HttpStatusCode.Created);
        return await _actors.SignIn(email, Actors.Password);
    }

    private async Task<HttpClient> Key(HttpClient admin, Organization district)
    {
        var key = await (await admin.PostJson($"/api/v1/organizations/{district.Id}/api-keys",
            new CreateApiKeyRequest { Name = "SIS", Permissions = [Permission.RosterImport, Permission.PeopleRead] })).Read<CreatedApiKey>(HttpStatusCode.Created);
        return _actors.WithApiKey(key.Key);
    }

    [SkippableFact]
    public async Task A_roster_that_sends_a_language_sets_it_and_one_that_sends_none_keeps_the_records()
    {
        var (district, admin, tag) = await District();
        var url = $"/api/v1/districts/{district.Id}/roster-imports";
        RosterFiles Roster(string maya, string ana) => new RosterFiles()
            .School($"sch1-{tag}", "North High", $"dist-{tag}")
            .Guardian($"g1-{tag}", "Ana", "Reyes", $"sch1-{tag}", language: ana)
            .Student($"s1-{tag}", "Maya", "Reyes", "11", $"sch1-{tag}", agents: $"g1-{tag}", language: maya)
            .Student($"s2-{tag}", "Leo", "Vang", "10", $"sch1-{tag}", language: "hmn")
            .Student($"s3-{tag}", "Ixchel", "Cruz", "10", $"sch1-{tag}", language: "Mixteco Alto")
            .Student($"s4-{tag}", "Tam", "Nguyen", "10", $"sch1-{tag}", language: "vie");

        var first = await Finished(admin, await admin.PostAsync(url, Roster("es-MX", "Spanish").Multipart()));
        first.Status.Should().Be(RosterImportStatus.Succeeded, string.Join("; ", first.Errors.Select(e => $"{e.File}:{e.Line} {e.Field} {e.Reason}")));
        first.Counts!.PeopleCreated.Should().Be(5);
        first.Counts.RowsSkipped.Should().Be(0, "Ixchel was imported, only her language was left out");
        first.Changes!.Skipped.Select(k => (k.Count, k.Sample.Count)).Should().Equal((2, 2), (1, 1));
        first.Changes.Skipped[0].Reason.Should().Contain("does not write in");
        first.Changes.Skipped[0].Sample.Should().BeEquivalentTo([$"s2-{tag}", $"s4-{tag}"]);
        first.Changes.Skipped[1].Reason.Should().Contain("not recognized");
        first.Changes.Skipped[1].Sample.Should().Equal($"s3-{tag}");
        var students = (await Students(admin)).ToDictionary(s => s.GivenName, s => s.PreferredLanguage);
        students.Should().BeEquivalentTo(new Dictionary<string, string?> { ["Maya"] = "es", ["Leo"] = null, ["Ixchel"] = null, ["Tam"] = null },
            "Hmong and Vietnamese families are written to in English (the import says so); an unreadable value is left out");
        var maya = (await Students(admin)).Single(s => s.GivenName == "Maya");
        (await (await admin.GetAsync($"/api/v1/students/{maya.Id}/guardians")).Read<List<Guardian>>()).Single().PreferredLanguage.Should().Be("es");

        var silent = await Finished(admin, await admin.PostAsync(url, Roster("", "").Multipart()));
        silent.Counts!.PeopleUnchanged.Should().Be(5, "a roster that sends no language keeps what the record has (set by staff, the person, or an earlier import)");
        (await Students(admin)).Single(s => s.GivenName == "Maya").PreferredLanguage.Should().Be("es");

        var changed = await Finished(admin, await admin.PostAsync(url, Roster("eng", "Unknown").Multipart()));
        changed.Counts!.PeopleUpdated.Should().Be(1, "Maya's language changed; 'Unknown' says nothing, so Ana keeps hers");
        (await Students(admin)).Single(s => s.GivenName == "Maya").PreferredLanguage.Should().Be("en");
        (await (await admin.GetAsync($"/api/v1/students/{maya.Id}/guardians")).Read<List<Guardian>>()).Single().PreferredLanguage.Should().Be("es");
    }

    [SkippableFact]
    public async Task Re_running_the_same_roster_changes_nothing()
    {
        var (district, admin, tag) = await District();
        var url = $"/api/v1/districts/{district.Id}/roster-imports";
        (await Finished(admin, await admin.PostAsync(url, Standard(tag).Multipart()))).Status.Should().Be(RosterImportStatus.Succeeded);
        var before = await Students(admin);

        var again = await Finished(admin, await admin.PostAsync(url, Standard(tag).Zip()));
        again.Status.Should().Be(RosterImportStatus.Succeeded);
        again.Counts.Should().BeEquivalentTo(new RosterCounts { PeopleUnchanged = 5, RowsSkipped = 1 });
        (await Students(admin)).Should().BeEquivalentTo(before, "versions and timestamps included");
    }

    [SkippableFact]
    public async Task One_bad_row_rejects_the_whole_file_with_line_field_and_reason_and_writes_nothing()
    {
        var (district, admin, tag) = await District();
        var roster = Standard(tag)
            .Student($"s9-{tag}", "Bad", "Grade", "XX", $"sch1-{tag}")
            .Student($"s10-{tag}", "No", "Parent", "10", $"sch1-{tag}", agents: $"ghost-{tag}");
        roster.Users.Add($"s11-{tag},active,2026-08-01,true,x,,,Nameless,,,,,,,10,,,,,,,,");

        var job = await Finished(admin, await admin.PostAsync($"/api/v1/districts/{district.Id}/roster-imports", roster.Multipart()));

        job.Status.Should().Be(RosterImportStatus.Failed);
        job.Counts.Should().BeNull();
        job.Errors.Should().ContainEquivalentOf(new RosterImportError { File = "users.csv", Line = 8, Field = "grades", Reason = "'XX' is not a OneRoster grade level (IT, PR, PK, TK, KG, 01–13, PS, UG, Other)." });
        job.Errors.Should().Contain(e => e.File == "users.csv" && e.Line == 9 && e.Field == "agentSourcedIds");
        job.Errors.Should().Contain(e => e.File == "users.csv" && e.Line == 10 && e.Field == "givenName");
        job.ErrorCount.Should().Be(job.Errors.Count);
        (await Students(admin)).Should().BeEmpty();
        (await (await admin.GetAsync($"/api/v1/organizations?parentId={district.Id}")).Read<OrganizationPage>()).Items.Should().BeEmpty("schools are not half-written either");
    }

    [SkippableFact]
    public async Task Delta_applies_changes_and_deletions_and_bulk_deactivates_the_absent()
    {
        var (district, admin, tag) = await District();
        var url = $"/api/v1/districts/{district.Id}/roster-imports";
        (await Finished(admin, await admin.PostAsync(url, Standard(tag).Multipart()))).Status.Should().Be(RosterImportStatus.Succeeded);

        var delta = new RosterFiles { Mode = "delta" }
            .Student($"s1-{tag}", "Maya", "Reyes-Ortiz", "12", $"sch1-{tag}", agents: $"g1-{tag}", englishLearner: true, hispanic: true)
            .Student($"s2-{tag}", "Leo", "Park", "09", $"sch1-{tag}", status: "tobedeleted", sex: "male");
        var deltaJob = await Finished(admin, await admin.PostAsync(url, delta.Multipart()));
        deltaJob.Status.Should().Be(RosterImportStatus.Succeeded, string.Join("; ", deltaJob.Errors.Select(e => e.Reason)));
        deltaJob.Counts!.PeopleUpdated.Should().Be(2);
        var students = await Students(admin);
        students.Single(s => s.SourcedId == $"s1-{tag}").Should().BeEquivalentTo(new { FamilyName = "Reyes-Ortiz", Grade = 12, Status = PersonStatus.Active });
        students.Single(s => s.SourcedId == $"s2-{tag}").Status.Should().Be(PersonStatus.Inactive);
        students.Single(s => s.SourcedId == $"s3-{tag}").Status.Should().Be(PersonStatus.Active, "delta leaves others alone");

        var bulk = new RosterFiles()
            .Guardian($"g1-{tag}", "Ana", "Reyes", $"sch1-{tag}")
            .Student($"s1-{tag}", "Maya", "Reyes-Ortiz", "12", $"sch1-{tag}", agents: $"g1-{tag}", englishLearner: true, hispanic: true);
        var held = await Finished(admin, await admin.PostAsync(url, bulk.Multipart()));
        held.Status.Should().Be(RosterImportStatus.NeedsConfirmation, "deactivating half of the district waits for a district admin");
        (await Students(admin)).Single(s => s.SourcedId == $"s3-{tag}").Status.Should().Be(PersonStatus.Active, "nothing is written before confirmation");
        var bulkJob = await Finished(admin, await admin.PostAsync($"/api/v1/roster-imports/{held.Id}/confirm", null));
        bulkJob.Status.Should().Be(RosterImportStatus.Succeeded);
        bulkJob.Counts!.PeopleDeactivated.Should().Be(2, "Ivy and the teacher are absent from a bulk file; Leo was already inactive");
        (await Students(admin)).Single(s => s.SourcedId == $"s3-{tag}").Status.Should().Be(PersonStatus.Inactive);
    }

    [SkippableFact]
    public async Task A_json_roster_imports_the_same_way()
    {
        var (district, admin, tag) = await District();
        var request = new RosterJsonImportRequest
        {
            Mode = RosterMode.Delta,
            Orgs = [new OneRosterOrg { SourcedId = $"sch-{tag}", Name = "JSON High", Type = "school", ParentSourcedId = $"dist-{tag}" }],
            Users = [new OneRosterUser { SourcedId = $"js-{tag}", GivenName = "Jo", FamilyName = "Son", Grades = ["10"], Email = "jo@students.example.test" }],
            Roles = [new OneRosterRole { UserSourcedId = $"js-{tag}", Role = "student", RoleType = "primary", OrgSourcedId = $"sch-{tag}" }],
            Demographics = [new OneRosterDemographics { SourcedId = $"js-{tag}", BirthDate = new DateOnly(2011, 1, 2), FosterYouth = true }],
        };
        var job = await Finished(admin, await admin.PostJson($"/api/v1/districts/{district.Id}/roster-imports/json", request));
        job.Status.Should().Be(RosterImportStatus.Succeeded);
        job.Source.Should().Be("json");
        var student = (await Students(admin)).Single();
        student.Should().BeEquivalentTo(new { GivenName = "Jo", Grade = 10, SchoolName = "JSON High" });
        student.Subgroups!.FosterYouth.Should().BeTrue();

        var invalid = await admin.PostJson($"/api/v1/districts/{district.Id}/roster-imports/json", new RosterJsonImportRequest { Mode = RosterMode.Bulk });
        await invalid.ShouldBeProblem(HttpStatusCode.BadRequest);
    }

    [SkippableFact]
    public async Task Only_those_with_roster_import_rights_for_the_district_can_import_or_read_imports()
    {
        var (district, admin, tag) = await District();
        var school = await _actors.Org(OrganizationType.School, district.Id);
        var teacher = await _actors.As(Role.Teacher, school.Id);
        var (otherDistrict, otherAdmin, _) = await District();
        var url = $"/api/v1/districts/{district.Id}/roster-imports";

        await (await teacher.PostAsync(url, Standard(tag).Multipart())).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await otherAdmin.PostAsync(url, Standard(tag).Multipart())).ShouldBeProblem(HttpStatusCode.NotFound);

        var key = await (await admin.PostJson($"/api/v1/organizations/{district.Id}/api-keys",
            new CreateApiKeyRequest { Name = "SIS", Permissions = [Permission.RosterImport, Permission.PeopleRead] })).Read<CreatedApiKey>(HttpStatusCode.Created);
        var sis = _actors.WithApiKey(key.Key);
        var job = await Finished(sis, await sis.PostAsync(url, Standard(tag).Multipart()));
        job.Status.Should().Be(RosterImportStatus.Succeeded);

        await (await otherAdmin.GetAsync($"/api/v1/roster-imports/{job.Id}")).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await otherAdmin.GetAsync($"/api/v1/districts/{district.Id}/roster-imports")).ShouldBeProblem(HttpStatusCode.NotFound);
        (await (await admin.GetAsync($"/api/v1/districts/{district.Id}/roster-imports")).Read<List<RosterImport>>()).Select(j => j.Id).Should().Contain(job.Id);
        (await (await otherAdmin.GetAsync($"/api/v1/districts/{otherDistrict.Id}/roster-imports")).Read<List<RosterImport>>()).Should().BeEmpty();
    }

    [SkippableFact]
    public async Task Unusable_uploads_are_rejected_clearly()
    {
        var (district, admin, tag) = await District();
        var url = $"/api/v1/districts/{district.Id}/roster-imports";

        await (await admin.PostAsync(url, new MultipartFormDataContent())).ShouldBeProblem(HttpStatusCode.BadRequest);
        // A file LaunchPath does not read is noted, not refused; without users.csv the import has nothing to do.
        var wrongName = new MultipartFormDataContent { { new StringContent("a,b"), "files", "people.xlsx" } };
        var noUsers = await Finished(admin, await admin.PostAsync(url + "?mode=delta", wrongName));
        noUsers.Status.Should().Be(RosterImportStatus.Failed);
        noUsers.Errors.Single().Reason.Should().Be("users.csv is missing.");
        noUsers.Notes.Should().ContainSingle().Which.Should().Contain("people.xlsx");
        await (await admin.PostAsync(url + "?mode=sometimes", Standard(tag).Multipart())).ShouldBeProblem(HttpStatusCode.BadRequest);

        var garbage = new MultipartFormDataContent();
        garbage.Add(new ByteArrayContent(Encoding.UTF8.GetBytes("this is not a zip")) { Headers = { ContentType = new MediaTypeHeaderValue("application/zip") } }, "files", "roster.zip");
        var notZip = await Finished(admin, await admin.PostAsync(url, garbage));
        notZip.Status.Should().Be(RosterImportStatus.Failed);
        notZip.Errors.Single().Reason.Should().Contain("zip");

        (await (await admin.PostAsync(url, Standard(tag).Multipart(withManifest: false))).ShouldBeProblem(HttpStatusCode.BadRequest))
            .Errors.Should().ContainKey("mode", "without a manifest the caller must say bulk or delta");
        (await Finished(admin, await admin.PostAsync(url + "?mode=delta", Standard(tag).Multipart(withManifest: false)))).Status.Should().Be(RosterImportStatus.Succeeded);

        var missingColumn = new MultipartFormDataContent
        {
            { new StringContent("propertyName,value\nfile.users,delta\n"), "files", "manifest.csv" },
            { new StringContent("sourcedId,status,givenName\nu1,active,Al\n"), "files", "users.csv" },
        };
        var columnJob = await Finished(admin, await admin.PostAsync(url, missingColumn));
        columnJob.Status.Should().Be(RosterImportStatus.Failed);
        columnJob.Errors.Single().Should().BeEquivalentTo(new { File = "users.csv", Line = 1, Field = "familyName" });
    }
}
