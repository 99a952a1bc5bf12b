using System.Net;
using System.Text.RegularExpressions;
using LaunchPath.Api.Features.Placements.Hours;
using LaunchPath.Api.Infrastructure.Messaging;
using LaunchPath.Api.Tests.Infrastructure;
using LaunchPath.Contracts.Messaging;
using LaunchPath.Contracts.Placements;
using Microsoft.Extensions.DependencyInjection;

namespace LaunchPath.Api.Tests.Features.Placements;

/// <summary>
/// Hours waiting for approval reach the supervisor by email once a day, through a real SMTP server on loopback; the
/// supervisor decides each entry from its link without an account, and the student hears the decision.
/// </summary>
public sealed partial class HoursTests
{
    private async Task<IReadOnlyList<MimeKit.MimeMessage>> DeliverAsync(int expected)
    {
        await _factory.Services.GetRequiredService<OutboxSender>().SendDueAsync(CancellationToken.None);
        return await _smtp.WaitForAsync(expected);
    }

    private static List<string> Links(MimeKit.MimeMessage message) =>
        Regex.Matches(message.TextBody ?? "", PublicUrl + @"/hours/([A-Za-z0-9_-]+)").Select(m => m.Groups[1].Value).ToList();

    [Fact]
    public async Task The_supervisor_gets_the_hours_waiting_once_a_day_decides_them_from_the_email_and_the_student_hears_the_decision()
    {
        var a = await ActivePlacement(age: 17);
        await DeliverAsync(1); // the agreement's link to the supervisor
        _smtp.Received.Clear();
        var url = $"/api/v1/placements/{a.PlacementId}/hours";
        await (await a.Student.PostJson(url, Entry(Wednesday, "15:30", 150))).Read<HoursEntry>(HttpStatusCode.Created);
        await (await a.Student.PostJson(url, Entry(Wednesday.AddDays(-1), "15:30", 60))).Read<HoursEntry>(HttpStatusCode.Created);
        var digests = ActivatorUtilities.CreateInstance<SendHoursDigests.Job>(_factory.Services);
        var waiting = (await (await a.Supervisor.GetAsync("/api/v1/me/actions")).Read<List<ActionItem>>()).Single();
        waiting.Should().BeEquivalentTo(new { Kind = ActionKind.ApproveHours, Count = 2, PlacementIds = new[] { a.PlacementId } });
        (await (await a.Student.GetAsync("/api/v1/me/actions")).Read<List<ActionItem>>()).Select(i => i.Kind).Should().Equal([ActionKind.WriteReflections],
            "nothing of the hours waits for the student; a reflection on the new placement does");

        (await digests.SendAsync(CancellationToken.None)).Should().Be(1);
        var digest = (await DeliverAsync(1)).Single();
        digest.To.Mailboxes.Single().Address.Should().Be("sam@employer.example.test", "the supervisor the agreement names");
        digest.Subject.Should().Be("Hours to approve: 2 entries from your students");
        digest.TextBody.Should().Contain("Leo Park").And.Contain("February 10, 2027, 2 h 30 min").And.Contain("February 9, 2027, 1 h");
        var links = Links(digest);
        links.Should().HaveCount(2).And.OnlyHaveUniqueItems();
        digest.TextBody!.IndexOf("February 9,", StringComparison.Ordinal).Should().BeLessThan(digest.TextBody.IndexOf("February 10,", StringComparison.Ordinal), "oldest first");
        (await (await a.Coordinator.GetAsync($"/api/v1/placements/{a.PlacementId}/messages")).Read<List<SentMessage>>())
            .Should().ContainSingle(m => m.Template == "hours.supervisor" && m.Status == DeliveryStatus.Sent, "staff see the hours email on the placement it concerns");

        // More hours the same day wait for tomorrow's message: one a day.
        await (await a.Student.PostJson(url, Entry(Wednesday.AddDays(-2), "15:30", 45))).Read<HoursEntry>(HttpStatusCode.Created);
        (await digests.SendAsync(CancellationToken.None)).Should().Be(0);

        // The supervisor, without signing in, approves one and rejects the other from the email.
        var anonymous = _actors.Anonymous();
        var tenth = await (await anonymous.GetAsync($"/api/v1/links/{links[1]}/hours")).Read<LinkedHoursEntry>();
        tenth.Should().BeEquivalentTo(new { StudentFirstName = "Leo", Entry = new { Date = Wednesday, Minutes = 150 } });
        (await anonymous.PostJson($"/api/v1/links/{links[1]}/hours", new HoursDecisionRequest { Approve = true, Name = "Sam Rivera" })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await anonymous.PostJson($"/api/v1/links/{links[0]}/hours", new HoursDecisionRequest { Approve = false, Reason = "We closed at 16:00 that day.", Name = "Sam Rivera" }))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        var decisions = (await DeliverAsync(3)).Skip(1).ToList();
        decisions.Should().HaveCount(2).And.OnlyContain(m => m.To.Mailboxes.Single().Address.EndsWith("@students.example.test"));
        decisions.Should().ContainSingle(m => m.Subject == "Your hours on February 10, 2027 were approved")
            .Which.TextBody.Should().Contain("Sam Rivera approved the 2 h 30 min");
        decisions.Should().ContainSingle(m => m.Subject == "Your hours on February 9, 2027 need a correction")
            .Which.TextBody.Should().Contain("We closed at 16:00 that day.");

        // The next day, the entry that waited goes out alone.
        _clock.Advance(TimeSpan.FromDays(1));
        (await digests.SendAsync(CancellationToken.None)).Should().Be(1);
        var next = (await DeliverAsync(4)).Last();
        next.Subject.Should().Be("Hours to approve: 1 entry from your students");
        Links(next).Should().ContainSingle();
        next.TextBody.Should().NotContain("still waiting");

        // Still undecided after the region's reminder delay (3 days by default): the supervisor is reminded once.
        _clock.Advance(TimeSpan.FromDays(2));
        (await digests.SendAsync(CancellationToken.None)).Should().Be(0, "not yet three days");
        _clock.Advance(TimeSpan.FromDays(1));
        (await digests.SendAsync(CancellationToken.None)).Should().Be(1);
        var reminder = (await DeliverAsync(5)).Last();
        reminder.TextBody.Should().Contain("February 8, 2027, 45 min").And.Contain("(still waiting since February 11, 2027)");
        Links(reminder).Should().ContainSingle().Which.Should().NotBe(Links(next).Single(), "a new link; the first still works too");
        _clock.Advance(TimeSpan.FromDays(4));
        (await digests.SendAsync(CancellationToken.None)).Should().Be(0, "one reminder per entry");
    }
}
