using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Messaging;
using LaunchPath.Api.Tests.Infrastructure;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Messaging;
using Microsoft.Extensions.DependencyInjection;

namespace LaunchPath.Api.Tests.Features.Auth;

/// <summary>
/// Accounts by invitation and "forgot password", through a real SMTP server on loopback: the emailed one-time link sets
/// the password (once, before it expires), says why when it no longer works, and signs out every earlier session; a
/// reset request never reveals whether an address has an account.
/// </summary>
public sealed class PasswordLinkTests : IDisposable
{
    private const string PublicUrl = "https://launchpath.example.test";
    private readonly TestClock _clock = new();
    private readonly SmtpTestServer _smtp = new();
    private readonly ApiFactory _factory;
    private readonly Actors _actors;

    public PasswordLinkTests()
    {
        _factory = new ApiFactory(DatabaseProvider.Sqlite, _smtp.ApiSettings(PublicUrl), services: services => services.AddSingleton<TimeProvider>(_clock));
        _actors = new Actors(_factory);
    }

    public void Dispose()
    {
        _factory.Dispose();
        _smtp.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private async Task<MimeKit.MimeMessage> NextEmailAsync()
    {
        var before = _smtp.Received.Count;
        await _factory.Services.GetRequiredService<OutboxSender>().SendDueAsync(CancellationToken.None);
        return (await _smtp.WaitForAsync(before + 1)).Last();
    }

    private static string Token(MimeKit.MimeMessage message) => Regex.Match(message.TextBody ?? "", PublicUrl + @"/set-password/([A-Za-z0-9_-]+)").Groups[1].Value;

    private HttpClient Bearer(string token)
    {
        var client = _actors.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Fact]
    public async Task A_person_invited_by_staff_chooses_their_password_from_the_email_once()
    {
        var world = await _actors.World();
        var coordinator = await _actors.As(Role.DistrictAdmin, world.One.DistrictA.Id);
        var created = await (await coordinator.PostJson("/api/v1/users", new CreateUserRequest
        {
            Email = "new.teacher@school.example.test", DisplayName = "Nia Teacher", OrganizationId = world.One.SchoolA.Id, Role = Role.Teacher,
        })).Read<UserSummary>(HttpStatusCode.Created);

        var invitation = await NextEmailAsync();
        invitation.To.Mailboxes.Single().Address.Should().Be("new.teacher@school.example.test");
        invitation.Subject.Should().Be("You are invited to LaunchPath");
        var token = Token(invitation);
        token.Should().NotBeEmpty();

        var anonymous = _actors.Anonymous();
        var link = await (await anonymous.GetAsync($"/api/v1/auth/password-links/{token}")).Read<PasswordLink>();
        link.Should().BeEquivalentTo(new { Purpose = PasswordLinkPurpose.Invitation, Email = "new.teacher@school.example.test", DisplayName = "Nia Teacher" });
        await (await anonymous.PostJson($"/api/v1/auth/password-links/{token}", new SetPasswordRequest { Password = "short" })).ShouldBeProblem(HttpStatusCode.BadRequest);
        var signedIn = await (await anonymous.PostJson($"/api/v1/auth/password-links/{token}", new SetPasswordRequest { Password = "a long enough passphrase" })).Read<AccessToken>();
        (await Bearer(signedIn.Token).GetAsync("/api/v1/me")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await _actors.SignIn("new.teacher@school.example.test", "a long enough passphrase")).Should().NotBeNull();

        await (await anonymous.PostJson($"/api/v1/auth/password-links/{token}", new SetPasswordRequest { Password = "another long passphrase" }))
            .ShouldBeProblem(HttpStatusCode.Gone, "a link works once");
        await (await anonymous.GetAsync($"/api/v1/auth/password-links/{token}")).ShouldBeProblem(HttpStatusCode.Gone);
        await (await anonymous.GetAsync("/api/v1/auth/password-links/not-a-real-token-but-long-enough")).ShouldBeProblem(HttpStatusCode.NotFound);

        // Sent again, the earlier invitation stops working; only staff who manage the account may send it.
        var again = await (await coordinator.PostAsync($"/api/v1/users/{created.Id}/invitation", null)).Read<SentMessage>(HttpStatusCode.Accepted);
        again.Should().BeEquivalentTo(new { Template = "account.invitation", Status = DeliveryStatus.Pending });
        var second = Token(await NextEmailAsync());
        var third = (await (await coordinator.PostAsync($"/api/v1/users/{created.Id}/invitation", null)).Read<SentMessage>(HttpStatusCode.Accepted)).Should().NotBeNull();
        await NextEmailAsync();
        await (await anonymous.GetAsync($"/api/v1/auth/password-links/{second}")).ShouldBeProblem(HttpStatusCode.Gone, "a newer link retires it");
        var otherSchool = await _actors.As(Role.DistrictAdmin, world.Two.DistrictA.Id);
        await (await otherSchool.PostAsync($"/api/v1/users/{created.Id}/invitation", null)).ShouldBeProblem(HttpStatusCode.NotFound);
        (await anonymous.PostAsync($"/api/v1/users/{created.Id}/invitation", null)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Forgot_password_sends_a_link_that_expires_in_an_hour_and_a_new_password_signs_out_every_other_session()
    {
        var world = await _actors.World();
        var admin = await _actors.Admin();
        await (await admin.PostJson("/api/v1/users", new CreateUserRequest
        {
            Email = "forgetful@employer.example.test", DisplayName = "Fran Getful", Password = "the original password", OrganizationId = world.One.Employer.Id, Role = Role.Supervisor,
        })).Read<UserSummary>(HttpStatusCode.Created);
        var oldSession = await _actors.SignIn("forgetful@employer.example.test", "the original password");
        (await oldSession.GetAsync("/api/v1/me")).StatusCode.Should().Be(HttpStatusCode.OK);

        var anonymous = _actors.Anonymous();
        (await anonymous.PostJson("/api/v1/auth/password-reset", new PasswordResetRequest { Email = "nobody@nowhere.example.test" })).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await _factory.Services.GetRequiredService<OutboxSender>().SendDueAsync(CancellationToken.None);
        _smtp.Received.Should().BeEmpty("an unknown address gets the same answer and no email");
        await (await anonymous.PostJson("/api/v1/auth/password-reset", new PasswordResetRequest { Email = "not an email" })).ShouldBeProblem(HttpStatusCode.BadRequest);

        (await anonymous.PostJson("/api/v1/auth/password-reset", new PasswordResetRequest { Email = "Forgetful@Employer.example.test " })).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var reset = await NextEmailAsync();
        reset.Subject.Should().Be("Reset your LaunchPath password");
        var expired = Token(reset);
        _clock.Advance(TimeSpan.FromMinutes(61));
        var problem = await (await anonymous.PostJson($"/api/v1/auth/password-links/{expired}", new SetPasswordRequest { Password = "a brand new password" }))
            .ShouldBeProblem(HttpStatusCode.Gone);
        problem.Detail.Should().Contain("one hour");

        (await anonymous.PostJson("/api/v1/auth/password-reset", new PasswordResetRequest { Email = "forgetful@employer.example.test" })).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var token = Token(await NextEmailAsync());
        var fresh = await (await anonymous.PostJson($"/api/v1/auth/password-links/{token}", new SetPasswordRequest { Password = "a brand new password" })).Read<AccessToken>();

        (await oldSession.GetAsync("/api/v1/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "a new password signs out the sessions issued before it");
        (await Bearer(fresh.Token).GetAsync("/api/v1/me")).StatusCode.Should().Be(HttpStatusCode.OK);
        await (await anonymous.PostJson("/api/v1/auth/token", new SignInRequest { Email = "forgetful@employer.example.test", Password = "the original password" }))
            .ShouldBeProblem(HttpStatusCode.Unauthorized);
        (await _actors.SignIn("forgetful@employer.example.test", "a brand new password")).Should().NotBeNull();
    }
}
