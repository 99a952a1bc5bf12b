using System.Net;
using System.Net.Http.Headers;
using Dapper;
using LaunchPath.Api.Features.Matching.Rounds;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Tests.Features.Opportunities;
using LaunchPath.Api.Tests.Infrastructure;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Matching;
using LaunchPath.Contracts.Opportunities;
using LaunchPath.Contracts.People;
using LaunchPath.Contracts.Placements;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LaunchPath.Api.Tests.Features;

/// <summary>
/// Rules that must hold when requests race, proven with real parallel requests against the real database: one open
/// placement per student and opportunity, one account per email, and one match run at a time.
/// </summary>
public sealed class ConcurrencyTests : IDisposable
{
    private const int Parallel = 20;
    private readonly ApiFactory _factory = new(DatabaseProvider.Sqlite);
    private readonly Actors _actors;

    public ConcurrencyTests() => _actors = new Actors(_factory);

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Twenty_parallel_identical_applications_make_one_open_placement()
    {
        var world = await _actors.World();
        var opportunity = await Published(world.One.Employer.Id, seats: 50);
        var coordinator = await _actors.As(Role.SchoolCoordinator, world.One.SchoolA.Id);
        for (var trial = 0; trial < 3; trial++)
        {
            var (student, client) = await StudentWithAccount(coordinator, world.One.SchoolA.Id);
            var answered = await Race(Parallel, () =>
                client.PostJson("/api/v1/placements", new CreatePlacementRequest { OpportunityId = opportunity.Id, StudentId = student.Id }));
            answered.Count(r => r.StatusCode == HttpStatusCode.Created).Should().Be(1, "trial {0}: one application is made", trial);
            foreach (var refused in answered.Where(r => r.StatusCode != HttpStatusCode.Created))
            {
                await refused.ShouldBeProblem(HttpStatusCode.Conflict, "the others are told it already exists");
            }

            await using var connection = await _factory.Services.GetRequiredService<Db>().OpenAsync(CancellationToken.None);
            (await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM placements WHERE student_id = @Id", new { Id = Guid.Parse(student.Id) }))
                .Should().Be(1, "trial {0}: the database holds one placement", trial);
        }
    }

    [Fact]
    public async Task Ten_students_given_accounts_with_one_email_at_once_make_one_account_and_nine_conflicts()
    {
        var world = await _actors.World();
        var coordinator = await _actors.As(Role.SchoolCoordinator, world.One.SchoolA.Id);
        var students = new List<Student>();
        for (var i = 0; i < 10; i++)
        {
            students.Add(await (await coordinator.PostJson("/api/v1/students", new StudentRecordFields
            {
                SchoolId = world.One.SchoolA.Id, GivenName = "Rae", FamilyName = $"Twin{i}", Grade = 11,
            })).Read<Student>(HttpStatusCode.Created));
        }

        var email = $"shared{Guid.NewGuid():N}@students.example.test";
        var next = -1;
        var answered = await Race(students.Count, () => coordinator.PostJson($"/api/v1/students/{students[Interlocked.Increment(ref next)].Id}/account",
            new CreateStudentAccountRequest { Email = email, Password = Actors.Password }));

        answered.Count(r => r.StatusCode == HttpStatusCode.Created).Should().Be(1, "one account signs in with the email");
        foreach (var refused in answered.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await refused.ShouldBeProblem(HttpStatusCode.Conflict, "the others are told it exists (the unique index decides, not a 500)");
        }

        await using var connection = await _factory.Services.GetRequiredService<Db>().OpenAsync(CancellationToken.None);
        (await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM people WHERE user_id IS NOT NULL AND family_name LIKE 'Twin%'"))
            .Should().Be(1, "only the winner's record is linked to an account");
    }

    [Fact]
    public async Task Ten_parallel_runs_with_the_rounds_etag_start_one_run()
    {
        var (admin, round) = await Round();
        var etag = $"\"{round.Version}\"";
        var responses = await Race(10, () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/match-rounds/{round.Id}/run");
            request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(etag));
            return admin.SendAsync(request);
        });

        responses.Count(r => r.StatusCode == HttpStatusCode.Accepted).Should().Be(1);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Accepted))
        {
            refused.StatusCode.Should().BeOneOf(HttpStatusCode.Conflict, HttpStatusCode.PreconditionFailed);
            refused.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        }

        var finished = await Finished(admin, round.Id);
        finished.Status.Should().Be(MatchRoundStatus.Matched);
        finished.Runs.Should().Be(1, "the ten identical requests ran the round once");
    }

    [Fact]
    public async Task While_a_run_is_queued_no_other_run_is_accepted()
    {
        // Jobs are off on this node, so the first run stays queued while the others race it.
        using var held = new ApiFactory(DatabaseProvider.Sqlite, services: services => services.AddSingleton(new LaunchPath.Api.Infrastructure.Jobs.JobOptions { Enabled = false }));
        var (admin, round) = await Round(new Actors(held));
        var responses = await Race(10, () => admin.PostAsync($"/api/v1/match-rounds/{round.Id}/run", null));

        responses.Count(r => r.StatusCode == HttpStatusCode.Accepted).Should().Be(1);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Accepted))
        {
            await refused.ShouldBeProblem(HttpStatusCode.Conflict);
        }
    }

    private static async Task<List<HttpResponseMessage>> Race(int count, Func<Task<HttpResponseMessage>> send)
    {
        using var start = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, count).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            return await send();
        })).ToList();
        await Task.Delay(50);
        start.Set();
        return (await Task.WhenAll(tasks)).ToList();
    }

    private async Task<(HttpClient Admin, MatchRound Round)> Round(Actors? actors = null)
    {
        actors ??= _actors;
        var world = await actors.World();
        var admin = await actors.Admin();
        var opportunity = await Published(world.One.Employer.Id, seats: 2, actors);
        var round = await (await admin.PostJson("/api/v1/match-rounds", new CreateMatchRoundRequest
        {
            OrganizationId = world.One.Region.Id, Name = "Race", OpportunityIds = [opportunity.Id], Seed = 7,
        })).Read<MatchRound>(HttpStatusCode.Created);
        return (admin, round);
    }

    private async Task<Opportunity> Published(string employerId, int seats, Actors? actors = null)
    {
        var admin = await (actors ?? _actors).Admin();
        var draft = await (await admin.PostJson("/api/v1/opportunities", new CreateOpportunityRequest
        {
            EmployerId = employerId,
            Fields = OpportunitiesTests.Fields(f => { f.Stage = ContinuumStage.Exploration; f.Seats = seats; }),
        })).Read<Opportunity>(HttpStatusCode.Created);
        await (await admin.PostAsync($"/api/v1/opportunities/{draft.Id}/submit", null)).Read<Opportunity>();
        return await (await admin.PostAsync($"/api/v1/opportunities/{draft.Id}/approve", null)).Read<Opportunity>();
    }

    private async Task<(Student Student, HttpClient Client)> StudentWithAccount(HttpClient coordinator, string schoolId)
    {
        var email = $"st{Guid.NewGuid():N}@students.example.test";
        var student = await (await coordinator.PostJson("/api/v1/students", new StudentRecordFields
        {
            SchoolId = schoolId, GivenName = "Rae", FamilyName = "Chen", Email = email, Grade = 11,
            BirthDate = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-16),
        })).Read<Student>(HttpStatusCode.Created);
        await (await coordinator.PostJson($"/api/v1/students/{student.Id}/account", new CreateStudentAccountRequest { Password = Actors.Password }))
            .Read<StudentAccount>(HttpStatusCode.Created);
        return (student, await _actors.SignIn(email, Actors.Password));
    }

    private static async Task<MatchRound> Finished(HttpClient client, string id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var round = await (await client.GetAsync($"/api/v1/match-rounds/{id}")).Read<MatchRound>();
            if (round.Status is not (MatchRoundStatus.Queued or MatchRoundStatus.Running) || DateTime.UtcNow > deadline)
            {
                return round;
            }

            await Task.Delay(50);
        }
    }
}
