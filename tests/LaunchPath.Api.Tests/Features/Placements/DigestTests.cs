using System.Net;
using LaunchPath.Api.Features.Messages;
using LaunchPath.Api.Features.Placements;
using LaunchPath.Api.Infrastructure.Messaging;
using LaunchPath.Api.Tests.Infrastructure;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Messaging;
using LaunchPath.Contracts.People;
using LaunchPath.Contracts.Placements;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace LaunchPath.Api.Tests.Features.Placements;

/// <summary>
/// One email a day instead of each message, chosen signed in or from a message's link, sent at 4 pm in the region's
/// time zone; and coordinators' weekly email of what waits for them, from Monday 7 am — on a clock the test moves.
/// </summary>
public sealed partial class PlacementLifecycleTests
{
    private static readonly TimeZoneInfo Pacific = MessageDates.Zone(null);

    /// <summary>A Monday one to two weeks ahead, at <paramref name="hour"/> in the region's (default) time zone.</summary>
    private static DateTimeOffset ComingMonday(int hour)
    {
        var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Pacific).Date;
        var monday = today.AddDays(((int)DayOfWeek.Monday - (int)today.DayOfWeek + 7) % 7 + 7).AddHours(hour);
        return new DateTimeOffset(monday, Pacific.GetUtcOffset(monday));
    }

    [Fact]
    public async Task A_student_who_asks_for_one_email_a_day_gets_their_placements_steps_together_at_4_pm_in_their_language()
    {
        _clock.Set(ComingMonday(9));
        var s = await SetUp();
        var preferences = new MessagePreferencesRequest { Delivery = MessageDelivery.Daily, Language = "es" };
        await (await Put(s.StudentClient, "/api/v1/me/message-preferences", preferences with { Language = "French" })).ShouldBeProblem(HttpStatusCode.BadRequest);
        (await (await Put(s.StudentClient, "/api/v1/me/message-preferences", preferences)).Read<MessagePreferences>())
            .Should().BeEquivalentTo(new { Email = s.StudentEmail, Delivery = MessageDelivery.Daily, Language = "es" });
        (await (await s.StudentClient.GetAsync("/api/v1/me/message-preferences")).Read<MessagePreferences>()).Delivery.Should().Be(MessageDelivery.Daily);
        (await (await s.Coordinator.GetAsync($"/api/v1/students/{s.Student.Id}")).Read<Student>()).PreferredLanguage.Should().Be("es", "staff see the language the student chose");

        var applied = await (await s.StudentClient.PostJson("/api/v1/placements", new CreatePlacementRequest { OpportunityId = s.Opportunity.Id, StudentId = s.Student.Id }))
            .Read<Placement>(HttpStatusCode.Created);
        await (await Act(s.Employer, applied.Id, "accept")).Read<Placement>();
        await (await Act(s.Coordinator, applied.Id, "approve", new ApprovePlacementRequest { ExpiresOn = Today.AddDays(30) })).Read<Placement>();
        await Sender.SendDueAsync(CancellationToken.None);
        await Task.Delay(300);
        _smtp.Received.Should().NotContain(m => m.To.Mailboxes.Single().Address == s.StudentEmail, "the student's step emails wait for the day's digest");
        var held = (await (await s.Coordinator.GetAsync($"/api/v1/placements/{applied.Id}/messages")).Read<List<SentMessage>>())
            .Where(m => m.Recipient == s.StudentEmail).ToList();
        held.Should().HaveCount(2).And.OnlyContain(m => m.InDigest && m.Status == DeliveryStatus.HeldForDigest && m.Language == "es");

        var digests = ActivatorUtilities.CreateInstance<SendDailyDigests.Job>(_factory.Services);
        (await digests.SendAsync(CancellationToken.None)).Should().Be(0, "it is 9 am: the day's digest goes at 4 pm");
        _clock.Advance(TimeSpan.FromHours(7) + TimeSpan.FromMinutes(1));
        (await digests.SendAsync(CancellationToken.None)).Should().Be(1);
        (await digests.SendAsync(CancellationToken.None)).Should().Be(0, "one a day");
        _actors.ForgetSessions(); // the morning's sessions have expired
        var coordinator = await _actors.As(Role.SchoolCoordinator, s.World.One.SchoolA.Id);
        await Sender.SendDueAsync(CancellationToken.None);
        var digest = (await _smtp.WaitForAsync(1)).Single(m => m.To.Mailboxes.Single().Address == s.StudentEmail);
        digest.Subject.Should().Be("Sus novedades de LaunchPath: 2 mensajes");
        digest.Body!.Headers[HeaderId.ContentLanguage].Should().Be("es");
        foreach (var message in held)
        {
            digest.TextBody.Should().Contain(message.Subject);
        }

        (await (await coordinator.GetAsync($"/api/v1/placements/{applied.Id}/messages")).Read<List<SentMessage>>())
            .Where(m => m.Recipient == s.StudentEmail).Should().HaveCount(2).And.OnlyContain(m => m.InDigest && m.Status == DeliveryStatus.Sent);

        // From the digest's own link, signed out, the student goes back to each email as it happens.
        var header = digest.Headers["List-Unsubscribe"]!;
        var token = header.Trim('<', '>')[($"{PublicUrl}/api/v1/unsubscribe/").Length..];
        var anonymous = _actors.Anonymous();
        (await (await anonymous.GetAsync($"/api/v1/unsubscribe/{token}")).Read<UnsubscribeStatus>()).Should().BeEquivalentTo(new { Delivery = MessageDelivery.Daily, Language = "es" });
        await (await Put(anonymous, $"/api/v1/unsubscribe/{token}/preferences", new MessagePreferencesRequest { Delivery = (MessageDelivery)7 })).ShouldBeProblem(HttpStatusCode.BadRequest);
        (await (await Put(anonymous, $"/api/v1/unsubscribe/{token}/preferences", new MessagePreferencesRequest { Delivery = MessageDelivery.Immediate, Language = "es" }))
            .Read<UnsubscribeStatus>()).Should().BeEquivalentTo(new { Stopped = false, Delivery = MessageDelivery.Immediate });
        _smtp.Received.Clear();
        await (await Act(coordinator, applied.Id, "withdraw", new DecisionRequest { Reason = "Moved away." })).Read<Placement>();
        await Sender.SendDueAsync(CancellationToken.None);
        (await _smtp.WaitForAsync(1)).Should().Contain(m => m.To.Mailboxes.Single().Address == s.StudentEmail && m.Subject!.Contains("retir"));
    }

    [Fact]
    public async Task A_coordinator_gets_a_weekly_email_of_what_waits_for_them_from_monday_7_am_once_a_week()
    {
        _clock.Set(ComingMonday(6));
        var s = await SetUp();
        var applied = await (await s.StudentClient.PostJson("/api/v1/placements", new CreatePlacementRequest { OpportunityId = s.Opportunity.Id, StudentId = s.Student.Id }))
            .Read<Placement>(HttpStatusCode.Created);
        await (await Act(s.Employer, applied.Id, "accept")).Read<Placement>();
        await FlushAsync(2); // the employer's new applicant and the student's accepted step
        var coordinatorEmail = (await (await s.Coordinator.GetAsync("/api/v1/me")).Read<CurrentCaller>()).Email!;

        using var scope = _factory.Services.CreateScope(); // as the job runner gives each run
        var weekly = ActivatorUtilities.CreateInstance<SendWeeklyDigests.Job>(scope.ServiceProvider);
        (await weekly.SendAsync(CancellationToken.None)).Should().Be(0, "6 am on Monday: the week's email goes from 7");
        _clock.Advance(TimeSpan.FromHours(2));
        (await weekly.SendAsync(CancellationToken.None)).Should().BeGreaterThanOrEqualTo(1);
        (await weekly.SendAsync(CancellationToken.None)).Should().Be(0, "once a week");
        await Sender.SendDueAsync(CancellationToken.None);
        var received = await _smtp.WaitForAsync(1);
        var toCoordinator = received.Single(m => m.To.Mailboxes.Single().Address == coordinatorEmail);
        toCoordinator.Subject.Should().Be("This week in LaunchPath: 1 item needs you");
        toCoordinator.TextBody.Should().Contain("- Placements to approve: 1").And.Contain($"{PublicUrl}/#/inbox");
        toCoordinator.Headers["List-Unsubscribe"].Should().NotBeNull("the weekly email is optional");
        received.Should().NotContain(m => m.To.Mailboxes.Single().Address == s.StudentEmail, "students get no weekly email");

        // Next week, with nothing waiting, nothing goes.
        _actors.ForgetSessions();
        var coordinator = await _actors.As(Role.SchoolCoordinator, s.World.One.SchoolA.Id);
        await (await Act(coordinator, applied.Id, "withdraw", new DecisionRequest { Reason = "Changed plans." })).Read<Placement>();
        _clock.Advance(TimeSpan.FromDays(7));
        (await weekly.SendAsync(CancellationToken.None)).Should().Be(0);
    }

    [Fact]
    public void The_weekly_email_names_every_kind_of_waiting_work_in_every_language()
    {
        foreach (var language in MessageTemplates.Languages)
        {
            SendWeeklyDigests.Words[language].Keys.Should().BeEquivalentTo(Enum.GetValues<ActionKind>(), language);
        }
    }
}
