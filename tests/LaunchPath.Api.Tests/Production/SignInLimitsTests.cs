using System.Net;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Tests.Infrastructure;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Organizations;
using LaunchPath.Contracts.People;
using Microsoft.Extensions.DependencyInjection;

namespace LaunchPath.Api.Tests.Production;

/// <summary>
/// Limits that fit schools, at the documented defaults: a class of 40 behind one school address signs in within a
/// minute; failed guesses slow down the one account guessed at, not the class; one-time links have their own budget.
/// </summary>
public sealed class SignInLimitsTests : IDisposable
{
    private readonly TestClock _clock = new();
    private readonly ApiFactory _factory;

    public SignInLimitsTests() => _factory = new ApiFactory(DatabaseProvider.Sqlite, new()
    {
        // The defaults, not the test suite's generous ones.
        ["RateLimits:SignInPerMinute"] = "60",
        ["RateLimits:LinkPerMinute"] = "10",
    }, services => services.AddSingleton<TimeProvider>(_clock));

    public void Dispose() => _factory.Dispose();

    private static Task<HttpResponseMessage> SignIn(HttpClient client, string email, string password) =>
        client.PostJson("/api/v1/auth/token", new SignInRequest { Email = email, Password = password });

    private async Task<List<string>> ClassAsync(int size)
    {
        var actors = new Actors(_factory);
        var region = await actors.Org(OrganizationType.Region, null);
        var district = await actors.Org(OrganizationType.District, region.Id);
        var school = await actors.Org(OrganizationType.School, district.Id);
        var admin = await actors.Admin();
        var emails = new List<string>();
        for (var i = 0; i < size; i++)
        {
            var email = $"student{i}-{Guid.NewGuid():N}@students.example.test";
            var student = await (await admin.PostJson("/api/v1/students", new StudentRecordFields
            {
                SchoolId = school.Id, GivenName = "Student", FamilyName = $"Number {i}", Grade = 10, Email = email,
            })).Read<Student>(HttpStatusCode.Created);
            await (await admin.PostJson($"/api/v1/students/{student.Id}/account", new CreateStudentAccountRequest { Password = Actors.Password }))
                .Read<StudentAccount>(HttpStatusCode.Created);
            emails.Add(email);
        }

        return emails;
    }

    [Fact]
    public async Task A_class_of_40_behind_one_address_signs_in_within_a_minute_while_a_guessed_account_waits()
    {
        var emails = await ClassAsync(41);
        var schoolNetwork = _factory.CreateClient(); // every request comes from the same client address

        // One student mistypes five times: that account waits; the others are untouched.
        var unlucky = emails[40];
        for (var i = 0; i < 5; i++)
        {
            (await SignIn(schoolNetwork, unlucky, "wrong password " + i)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        var waiting = await SignIn(schoolNetwork, unlucky, Actors.Password);
        (await waiting.ShouldBeProblem(HttpStatusCode.TooManyRequests)).Detail.Should().Contain("this account");
        waiting.Headers.RetryAfter!.Delta.Should().BeCloseTo(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1));

        var signedIn = await Task.WhenAll(emails.Take(40).Select(email => SignIn(schoolNetwork, email, Actors.Password)));
        signedIn.Select(r => r.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.OK, "40 students behind one address all get in");

        _clock.Advance(TimeSpan.FromSeconds(31));
        (await SignIn(schoolNetwork, unlucky, Actors.Password)).StatusCode.Should().Be(HttpStatusCode.OK, "the wait is over and the password is right");
    }

    [Fact]
    public async Task Each_further_failure_doubles_the_wait_and_the_limit_is_shared_by_every_node()
    {
        var emails = await ClassAsync(1);
        var client = _factory.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            await SignIn(client, emails[0], "wrong " + i);
        }

        _clock.Advance(TimeSpan.FromSeconds(31));
        (await SignIn(client, emails[0], "wrong again")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var longer = await SignIn(client, emails[0], Actors.Password);
        longer.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        longer.Headers.RetryAfter!.Delta.Should().BeCloseTo(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(1));

        // The count lives in the database, so another node (another host on the same database) sees it.
        using var otherNode = new ApiFactory(DatabaseProvider.Sqlite, new() { ["Database:ConnectionString"] = _factory.ConnectionString },
            services => services.AddSingleton<TimeProvider>(_clock));
        (await SignIn(otherNode.CreateClient(), emails[0], Actors.Password)).StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task One_time_links_have_their_own_budget_per_link_untouched_by_a_sign_in_flood()
    {
        var client = _factory.CreateClient();
        for (var i = 0; i < 61; i++)
        {
            await SignIn(client, $"nobody{i}@example.test", "guess");
        }

        (await SignIn(client, "nobody@example.test", "guess")).StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "the address's sign-in ceiling is reached");
        var link = $"/api/v1/links/{Guid.NewGuid():N}{Guid.NewGuid():N}";
        (await client.GetAsync(link)).StatusCode.Should().Be(HttpStatusCode.NotFound, "a guardian's link is not blocked by sign-in failures");

        for (var i = 0; i < 9; i++)
        {
            await client.GetAsync(link);
        }

        await (await client.GetAsync(link)).ShouldBeProblem(HttpStatusCode.TooManyRequests);
        (await client.GetAsync($"/api/v1/links/{Guid.NewGuid():N}")).StatusCode.Should().Be(HttpStatusCode.NotFound, "another link has its own budget");
    }
}
