using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Messaging;
using LaunchPath.Api.Tests.Infrastructure;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Messaging;
using LaunchPath.Contracts.Matching;
using LaunchPath.Contracts.Opportunities;
using LaunchPath.Contracts.People;
using LaunchPath.Contracts.Placements;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;

namespace LaunchPath.Api.Tests.Features.Placements;

/// <summary>
/// The agreement's links reach people by email, through a real SMTP server on loopback: in the guardian's language,
/// each with a link of its own that records consent; delivery is at least once, a retried message keeps its
/// Message-ID, failures are retried or marked failed with the reason, and staff see each message's state.
/// </summary>
public sealed partial class PlacementLifecycleTests
{
    /// <summary>An approved placement of a 16-year-old with two guardians on record (one Spanish-speaking) and one without email.</summary>
    private async Task<(Scene Scene, string PlacementId)> ApprovedWithGuardians()
    {
        var s = await SetUp();
        await (await s.Coordinator.PostJson($"/api/v1/students/{s.Student.Id}/guardians", new AddGuardianRequest
        {
            GivenName = "Rosa", FamilyName = "Reyes", Email = "rosa.reyes@family.example.test", Relationship = GuardianRelationship.Parent, PreferredLanguage = "es",
        })).Read<Guardian>(HttpStatusCode.Created);
        await (await s.Coordinator.PostJson($"/api/v1/students/{s.Student.Id}/guardians", new AddGuardianRequest
        {
            GivenName = "Luis", FamilyName = "Reyes", Email = "luis.reyes@family.example.test", Relationship = GuardianRelationship.Parent,
        })).Read<Guardian>(HttpStatusCode.Created);
        await (await s.Coordinator.PostJson($"/api/v1/students/{s.Student.Id}/guardians", new AddGuardianRequest
        {
            GivenName = "Abuela", FamilyName = "Reyes", Relationship = GuardianRelationship.Relative,
        })).Read<Guardian>(HttpStatusCode.Created);
        await (await s.Coordinator.PostJson($"/api/v1/students/{s.Student.Id}/guardians", new AddGuardianRequest
        {
            GivenName = "X", FamilyName = "Y", Relationship = GuardianRelationship.Parent, PreferredLanguage = "fr",
        })).ShouldBeProblem(HttpStatusCode.BadRequest);

        var applied = await (await s.StudentClient.PostJson("/api/v1/placements", new CreatePlacementRequest { OpportunityId = s.Opportunity.Id, StudentId = s.Student.Id }))
            .Read<Placement>(HttpStatusCode.Created);
        await (await Act(s.Employer, applied.Id, "accept")).Read<Placement>();
        await (await Act(s.Coordinator, applied.Id, "approve", new ApprovePlacementRequest { ExpiresOn = Today.AddDays(30) })).Read<Placement>();
        return (s, applied.Id);
    }

    private OutboxSender Sender => _factory.Services.GetRequiredService<OutboxSender>();

    /// <summary>Sends what is due (the placement's earlier steps) and forgets it, so a test reads only what follows.</summary>
    private async Task FlushAsync(int expected)
    {
        await Sender.SendDueAsync(CancellationToken.None);
        await _smtp.WaitForAsync(expected);
        _smtp.Received.Clear();
    }

    private async Task<T> Scalar<T>(string sql, object? parameters = null)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(_factory.ConnectionString);
        return await connection.ExecuteScalarAsync<T>(sql, parameters) ?? default!;
    }

    private static string Link(MimeMessage message) => Regex.Match(message.TextBody ?? "", PublicUrl + @"/acknowledge/([A-Za-z0-9_-]+)").Groups[1].Value;

    [Fact]
    public async Task Writing_the_agreement_emails_each_guardian_in_their_language_and_the_supervisor_and_a_guardian_consents_from_the_email()
    {
        var (s, id) = await ApprovedWithGuardians();
        var told = (await (await s.Coordinator.GetAsync($"/api/v1/placements/{id}/messages")).Read<List<SentMessage>>()).Where(m => m.Template == "placement.requested").ToList();
        told.Select(m => (m.Recipient, m.Language)).Should().BeEquivalentTo(new[] { ("rosa.reyes@family.example.test", "es"), ("luis.reyes@family.example.test", "en") },
            "a minor's guardians hear that the student applied, each in their language; the student, who applied, does not");
        await FlushAsync(8); // applied, to both guardians; accepted and approved, to the student and both guardians
        await (await Put(s.Employer, $"/api/v1/placements/{id}/agreement", Terms)).Read<Placement>();
        var written = (await (await s.Coordinator.GetAsync($"/api/v1/placements/{id}/messages")).Read<List<SentMessage>>()).Where(m => m.Template.StartsWith("agreement.")).ToList();
        written.Should().HaveCount(3, "two guardians with an address and the supervisor; the guardian without one gets nothing")
            .And.OnlyContain(m => m.Status == DeliveryStatus.Pending && m.Attempts == 0);
        (await Scalar<long>("SELECT COUNT(*) FROM disclosures WHERE student_id = @Id AND context LIKE 'Emailed the training agreement%' AND disclosed_to_user IS NULL", new { s.Student.Id }))
            .Should().Be(1, "the supervisor's email tells the employer about the student: a disclosure");

        (await Sender.SendDueAsync(CancellationToken.None)).Should().Be(3);
        var received = await _smtp.WaitForAsync(3);
        var spanish = received.Single(m => m.To.Mailboxes.Single().Address == "rosa.reyes@family.example.test");
        spanish.Subject.Should().Be("Revise el acuerdo de aprendizaje en el trabajo de Maya Reyes");
        spanish.Body!.Headers[HeaderId.ContentLanguage].Should().Be("es");
        spanish.TextBody.Should().Contain("Hola, Rosa Reyes").And.Contain("hasta el ").And.MatchRegex(@"\d{1,2} de [a-z]+ de \d{4}");
        spanish.HtmlBody.Should().Contain("<html lang=\"es\">").And.Contain("Revisar el acuerdo");
        spanish.TextBody.Should().MatchRegex(PublicUrl + @"/acknowledge/[A-Za-z0-9_-]+\?lang=es\b", "the link opens its page in Spanish: the guardian is not signed in");
        var english = received.Single(m => m.To.Mailboxes.Single().Address == "luis.reyes@family.example.test");
        english.TextBody.Should().NotContain("?lang=");
        english.Subject.Should().Be("Please review Maya Reyes's work-based learning agreement");
        english.Body!.Headers[HeaderId.ContentLanguage].Should().Be("en");
        var supervisor = received.Single(m => m.To.Mailboxes.Single().Address == "lena.ortiz@employer.example.test");
        supervisor.Subject.Should().Contain("Training agreement to acknowledge");
        received.Select(Link).Should().OnlyHaveUniqueItems("each recipient has a link of their own").And.NotContain("");
        received.Select(m => m.MessageId).Should().OnlyHaveUniqueItems();

        // The guardian follows the email's link: it shows the agreement for the guardian and records their consent.
        var anonymous = _actors.Anonymous();
        var linked = await (await anonymous.GetAsync($"/api/v1/links/{Link(spanish)}")).Read<LinkedAgreement>();
        linked.Party.Should().Be(AgreementParty.Guardian);
        (await anonymous.PostJson($"/api/v1/links/{Link(spanish)}/acknowledge", new LinkAcknowledgeRequest { Name = "Rosa Reyes" })).StatusCode.Should().Be(HttpStatusCode.OK);
        var placement = await (await s.Coordinator.GetAsync($"/api/v1/placements/{id}")).Read<Placement>();
        placement.Agreement!.Acknowledgements.Should().Contain(a => a.Party == AgreementParty.Guardian && a.Via == "link" && a.Name == "Rosa Reyes");

        // Staff see the delivery; the stored text (it held the links) is gone once sent.
        var delivered = (await (await s.Coordinator.GetAsync($"/api/v1/placements/{id}/messages")).Read<List<SentMessage>>()).Where(m => m.Template.StartsWith("agreement.")).ToList();
        delivered.Should().HaveCount(3).And.OnlyContain(m => m.Status == DeliveryStatus.Sent && m.Attempts == 1 && m.SentAt != null);
        delivered.Should().Contain(m => m.Template == "agreement.guardian" && m.Language == "es" && m.Recipient == "rosa.reyes@family.example.test");
        (await Scalar<long>("SELECT COUNT(*) FROM messages WHERE holds_secret = 1 AND (text_body IS NOT NULL OR html_body IS NOT NULL)")).Should().Be(0);

        // Who may see them: the school's staff, not the employer, the student or anyone signed out.
        await (await s.Employer.GetAsync($"/api/v1/placements/{id}/messages")).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await s.StudentClient.GetAsync($"/api/v1/placements/{id}/messages")).ShouldBeProblem(HttpStatusCode.Forbidden);
        (await anonymous.GetAsync($"/api/v1/placements/{id}/messages")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        await (await s.Coordinator.GetAsync($"/api/v1/placements/{Guid.NewGuid()}/messages")).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_sender_that_dies_mid_batch_loses_no_message_and_the_message_sent_again_keeps_its_Message_ID()
    {
        var (s, id) = await ApprovedWithGuardians();
        await FlushAsync(8);
        await (await Put(s.Coordinator, $"/api/v1/placements/{id}/agreement", Terms)).Read<Placement>();

        // The first sender dies the moment the server has the first message's data, before it hears the answer.
        using (var dies = new CancellationTokenSource())
        {
            _smtp.OnMessage = _ => dies.Cancel();
            var dying = () => Sender.SendDueAsync(dies.Token);
            await dying.Should().ThrowAsync<OperationCanceledException>();
            _smtp.OnMessage = null;
        }

        var first = (await _smtp.WaitForAsync(1)).Single();
        (await Scalar<long>("SELECT COUNT(*) FROM messages WHERE status = 'sending'")).Should().Be(3, "all three stay claimed: nothing was recorded");

        // Another node's sender takes them over only once the lease has expired.
        var options = _factory.Services.GetRequiredService<IOptions<MessagingOptions>>();
        var other = new OutboxSender(_factory.Services.GetRequiredService<Db>(), _factory.Services.GetRequiredService<Outbox>(),
            _factory.Services.GetServices<IMessageChannel>(), options, _clock, NullLogger<OutboxSender>.Instance);
        (await other.SendDueAsync(CancellationToken.None)).Should().Be(0, "the first sender's lease still holds");
        _clock.Advance(TimeSpan.FromSeconds(options.Value.LeaseSeconds + 1));
        (await other.SendDueAsync(CancellationToken.None)).Should().Be(3);

        var received = await _smtp.WaitForAsync(4);
        received.Select(m => m.To.Mailboxes.Single().Address).Distinct().Should().HaveCount(3, "every message arrived");
        received.Where(m => m.MessageId == first.MessageId).Should().HaveCount(2, "the one sent again carries the same Message-ID, so it can be recognised");
        (await Scalar<long>("SELECT COUNT(*) FROM messages WHERE status = 'sent' AND attempts = 2")).Should().Be(3);
        (await Scalar<long>("SELECT COUNT(*) FROM messages WHERE status <> 'sent'")).Should().Be(0);
    }

    [Fact]
    public async Task A_server_that_is_down_is_tried_again_later_and_a_refused_address_fails_with_the_reason()
    {
        var (s, id) = await ApprovedWithGuardians();
        await FlushAsync(8);
        _smtp.Refuse = address => address == "luis.reyes@family.example.test";
        _smtp.ConnectionsToTurnAway = 1;
        await (await Put(s.Coordinator, $"/api/v1/placements/{id}/agreement", Terms)).Read<Placement>();

        (await Sender.SendDueAsync(CancellationToken.None)).Should().Be(3);
        _smtp.Received.Should().BeEmpty();
        var waiting = (await (await s.Coordinator.GetAsync($"/api/v1/placements/{id}/messages")).Read<List<SentMessage>>()).Where(m => m.Template.StartsWith("agreement.")).ToList();
        waiting.Should().HaveCount(3).And.OnlyContain(m => m.Status == DeliveryStatus.Pending && m.Attempts == 1 && m.LastError!.Contains("421") && m.NextAttemptAt > _clock.GetUtcNow());
        (await Sender.SendDueAsync(CancellationToken.None)).Should().Be(0, "not before the next attempt is due");

        _clock.Advance(OutboxSender.Backoff[0] + TimeSpan.FromSeconds(1));
        (await Sender.SendDueAsync(CancellationToken.None)).Should().Be(3);
        (await _smtp.WaitForAsync(2)).Should().HaveCount(2);
        var after = (await (await s.Coordinator.GetAsync($"/api/v1/placements/{id}/messages")).Read<List<SentMessage>>()).Where(m => m.Template.StartsWith("agreement.")).ToList();
        after.Where(m => m.Status == DeliveryStatus.Sent).Should().HaveCount(2);
        var refused = after.Single(m => m.Recipient == "luis.reyes@family.example.test");
        refused.Status.Should().Be(DeliveryStatus.Failed, "an unknown mailbox is not retried");
        refused.LastError.Should().Contain("550");

        // The school sends the guardians new links (the fallback of copying one by hand stays).
        _smtp.Refuse = _ => false;
        var resent = await (await s.Coordinator.PostJson($"/api/v1/placements/{id}/agreement/messages", new CreateLinkRequest { Party = AgreementParty.Guardian }))
            .Read<List<SentMessage>>(HttpStatusCode.Accepted);
        resent.Select(m => m.Recipient).Should().BeEquivalentTo(["rosa.reyes@family.example.test", "luis.reyes@family.example.test"]);
        await (await s.Coordinator.PostJson($"/api/v1/placements/{id}/agreement/messages", new CreateLinkRequest { Party = AgreementParty.Student }))
            .ShouldBeProblem(HttpStatusCode.BadRequest);
        await (await s.Employer.PostJson($"/api/v1/placements/{id}/agreement/messages", new CreateLinkRequest { Party = AgreementParty.Guardian }))
            .ShouldBeProblem(HttpStatusCode.Forbidden);
        (await Sender.SendDueAsync(CancellationToken.None)).Should().Be(2);
        (await _smtp.WaitForAsync(4)).Should().HaveCount(4);
    }

    [Fact]
    public void Every_message_exists_in_every_language_and_renders_with_nothing_missing()
    {
        var templates = new MessageTemplates();
        foreach (var language in MessageTemplates.Languages)
        {
            templates.Keys(language).Should().BeEquivalentTo(templates.Keys(MessageTemplates.DefaultLanguage), $"{language} has every template English has, and no other");
        }

        var values = new Dictionary<string, object>
        {
            ["recipient"] = "Rosa & <Reyes>", ["student"] = "Maya Reyes", ["opportunity"] = "Clinical lab <assistant>", ["employer"] = "Valley Health & Co",
            ["region"] = "Central Valley", ["link"] = PublicUrl + "/acknowledge/abc", ["expires"] = "21 de diciembre de 2026",
            ["reminder"] = false, ["missing"] = "waiting for guardian", ["status"] = "approved", ["forGuardian"] = true, ["studentFirst"] = "Maya",
            ["approved"] = false, ["grade"] = "11", ["school"] = "Alder High", ["nominated"] = false, ["round"] = "Spring internships", ["matched"] = false, ["email"] = "rosa.reyes@family.example.test",
            ["decidedBy"] = "Sam Rivera", ["hours"] = "2 h 30 min", ["date"] = "December 7, 2026", ["reason"] = "We closed early", ["count"] = 1,
            ["total"] = 3, ["place"] = "Room <114>", ["organization"] = "Alder <Robotics>", ["decision"] = "changesRequested", ["document"] = "certificate of insurance",
            ["required"] = true,
            ["items"] = new List<Dictionary<string, object>>
            {
                new() { ["subject"] = "Maya's placement <approved>", ["text"] = "Hello Maya,\n\nYour placement was approved & starts Monday.",
                    ["lines"] = new[] { "Hello Maya,", "", "Your placement was approved & starts Monday." }, ["label"] = "Placements to approve", ["count"] = 3 },
            },
            ["entries"] = new List<Dictionary<string, object>>
            {
                new() { ["student"] = "Maya Reyes", ["opportunity"] = "Clinical lab <assistant>", ["date"] = "December 7, 2026", ["hours"] = "1 h", ["activity"] = "Labels", ["link"] = PublicUrl + "/hours/x", ["reminder"] = true, ["since"] = "December 1, 2026" },
            },
        };
        templates.Messages.Should().Contain(["agreement.guardian", "agreement.supervisor", "hours.supervisor", "hours.approved", "hours.rejected", "placement.expiring",
            "placement.changed", "placement.requested", "placement.applied", "opportunity.decided", "round.result", "account.invitation", "account.passwordReset", "digest.daily", "digest.weekly", "event.seat",
            "partner.existingAccount", "partner.reviewed", "partner.documentExpiring"]);
        foreach (var message in templates.Messages)
        {
            foreach (var language in MessageTemplates.Languages)
            {
                var rendered = templates.Render(message, language, values);
                rendered.Subject.Should().NotBeNullOrWhiteSpace();
                rendered.Text.Should().NotContain("{{").And.NotContain("{%");
                rendered.Html.Should().Contain("Rosa &amp; &lt;Reyes&gt;", "values are HTML-encoded in HTML").And.NotContain("<Reyes>").And.NotContain("<assistant>");
                rendered.Text.Should().Contain("Rosa & <Reyes>", "and left as they are in plain text");
            }
        }

        var digest = templates.Render("digest.daily", "en", values).Html;
        digest.Should().Contain("Maya&#x27;s placement &lt;approved&gt;").And.Contain("Hello Maya,<br").And.Contain("approved &amp; starts").And.NotContain("&lt;br");

        var missing = () => templates.Render("agreement.guardian", "es", new Dictionary<string, object> { ["recipient"] = "Rosa" });
        missing.Should().Throw<Exception>("a value the template names but the message lacks is an error, not a gap");
    }

    [Fact]
    public async Task Reminders_follow_the_regions_delays_on_the_clock_once_each()
    {
        var (s, id) = await ApprovedWithGuardians();
        await (await Put(s.Employer, $"/api/v1/placements/{id}/agreement", Terms)).Read<Placement>();
        await FlushAsync(11);

        // The convener sets the region's delays (If-Match, as every versioned setting).
        var convener = await _actors.As(Role.ConvenerAdmin, s.World.One.Region.Id);
        var url = $"/api/v1/regions/{s.World.One.Region.Id}/message-settings";
        var read = await convener.GetAsync(url);
        var settings = await read.Read<MessageSettings>();
        settings.Should().BeEquivalentTo(new { TimeZone = "America/Los_Angeles", AgreementReminderDays = 3, HoursReminderDays = 3, ExpiryWarningDays = 7 });
        var update = new UpdateMessageSettingsRequest { TimeZone = "America/Los_Angeles", AgreementReminderDays = 2, HoursReminderDays = 3, ExpiryWarningDays = 27 };
        await (await Put(convener, url, update)).ShouldBeProblem((HttpStatusCode)428);
        await (await PutIfMatch(s.Coordinator, url, update, read.Headers.ETag!.Tag)).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await PutIfMatch(convener, url, update with { TimeZone = "Mars/Olympus_Mons" }, read.Headers.ETag!.Tag)).ShouldBeProblem(HttpStatusCode.BadRequest);
        (await (await PutIfMatch(convener, url, update, read.Headers.ETag!.Tag)).Read<MessageSettings>()).AgreementReminderDays.Should().Be(2);

        var reminders = ActivatorUtilities.CreateInstance<LaunchPath.Api.Features.Placements.Agreements.SendReminders.Job>(_factory.Services);
        (await reminders.SendAsync(CancellationToken.None)).Should().Be(0, "nothing waits two days yet, and the approval expires in 30");

        _clock.Advance(TimeSpan.FromDays(2) + TimeSpan.FromMinutes(1));
        (await reminders.SendAsync(CancellationToken.None)).Should().Be(3, "both guardians and the supervisor still have to acknowledge");
        await Sender.SendDueAsync(CancellationToken.None);
        var sent = await _smtp.WaitForAsync(3);
        sent.Should().ContainSingle(m => m.Subject!.StartsWith("Recordatorio: Revise el acuerdo", StringComparison.Ordinal));
        sent.Should().ContainSingle(m => m.Subject!.StartsWith("Reminder: Training agreement to acknowledge", StringComparison.Ordinal));
        (await reminders.SendAsync(CancellationToken.None)).Should().Be(0, "once per version of the agreement");

        // The approval expires in 27 days or less with the agreement incomplete: the school's coordinators are warned, once.
        _clock.Advance(TimeSpan.FromDays(1));
        (await reminders.SendAsync(CancellationToken.None)).Should().Be(1);
        await Sender.SendDueAsync(CancellationToken.None);
        var warning = (await _smtp.WaitForAsync(4)).Last();
        warning.Subject.Should().StartWith("Approval expiring ");
        warning.TextBody.Should().Contain("waiting for student, guardian, supervisor, coordinator").And.Contain($"{PublicUrl}/#/placements/{id}");
        (await reminders.SendAsync(CancellationToken.None)).Should().Be(0);
    }

    private static Task<HttpResponseMessage> PutIfMatch<T>(HttpClient client, string url, T body, string etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = System.Net.Http.Json.JsonContent.Create(body, options: Http.Json) };
        request.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue(etag));
        return client.SendAsync(request);
    }

    [Fact]
    public async Task The_student_and_a_minors_guardians_hear_of_each_step_of_the_placement_in_their_language()
    {
        var (s, id) = await ApprovedWithGuardians(); // accepted by the employer, then approved by the school
        await Sender.SendDueAsync(CancellationToken.None);
        var steps = await _smtp.WaitForAsync(6);
        var student = steps.Where(m => m.To.Mailboxes.Single().Address == s.StudentEmail).Select(m => m.Subject).ToList();
        student.Should().HaveCount(2);
        student.Should().Contain(subject => subject.Contains("accepted your request")).And.Contain(subject => subject.StartsWith("Your placement is approved", StringComparison.Ordinal));
        var rosa = steps.Where(m => m.To.Mailboxes.Single().Address == "rosa.reyes@family.example.test").ToList();
        rosa.Select(m => m.Subject).Should().Contain(subject => subject.StartsWith("Experiencia aprobada de Maya", StringComparison.Ordinal));
        rosa.Should().OnlyContain(m => m.TextBody!.Contains("Hola, Rosa Reyes") && m.TextBody.Contains($"{PublicUrl}/#/placements/{id}"));
        steps.Where(m => m.To.Mailboxes.Single().Address == "luis.reyes@family.example.test").Select(m => m.Subject)
            .Should().Contain(subject => subject.StartsWith("Maya's placement is approved", StringComparison.Ordinal));
        _smtp.Received.Clear();

        // Everyone acknowledges: the last one makes it active, and the family hears that it starts.
        await (await Put(s.Coordinator, $"/api/v1/placements/{id}/agreement", Terms)).Read<Placement>();
        await Sender.SendDueAsync(CancellationToken.None);
        var links = await _smtp.WaitForAsync(3);
        foreach (var (client, party) in new[] { (s.StudentClient, AgreementParty.Student), (s.Employer, AgreementParty.Supervisor), (s.Coordinator, AgreementParty.Coordinator) })
        {
            await Acknowledge(client, id, party);
        }

        // One guardian acknowledges for the family (the agreement needs one).
        var rosaLink = links.Single(m => m.To.Mailboxes.Single().Address == "rosa.reyes@family.example.test");
        (await _actors.Anonymous().PostJson($"/api/v1/links/{Link(rosaLink)}/acknowledge", new LinkAcknowledgeRequest { Name = "Rosa Reyes" })).StatusCode.Should().Be(HttpStatusCode.OK);

        (await (await s.Coordinator.GetAsync($"/api/v1/placements/{id}")).Read<Placement>()).Status.Should().Be(PlacementStatus.Active);
        await Sender.SendDueAsync(CancellationToken.None);
        var active = (await _smtp.WaitForAsync(6)).Skip(3).ToList();
        active.Select(m => m.Subject).Should().BeEquivalentTo([
            "Your placement starts: " + s.Opportunity.Fields.Title, "Comienza la experiencia de Maya: " + s.Opportunity.Fields.Title, "Maya's placement starts: " + s.Opportunity.Fields.Title]);

        // Withdrawn, with the reason in the message.
        await (await Act(s.Coordinator, id, "withdraw", new DecisionRequest { Reason = "The family moved out of the district." })).Read<Placement>();
        await Sender.SendDueAsync(CancellationToken.None);
        var withdrawn = (await _smtp.WaitForAsync(9)).Skip(6).ToList();
        withdrawn.Should().ContainSingle(m => m.To.Mailboxes.Single().Address == s.StudentEmail)
            .Which.TextBody.Should().Contain("was withdrawn: The family moved out of the district.");
        (await (await s.Coordinator.GetAsync($"/api/v1/placements/{id}/messages")).Read<List<SentMessage>>())
            .Count(m => m.Template == "placement.changed").Should().Be(12);
    }

    private static async Task<Dictionary<ActionKind, ActionItem>> Actions(HttpClient client) =>
        (await (await client.GetAsync("/api/v1/me/actions")).Read<List<ActionItem>>()).ToDictionary(a => a.Kind);

    [Fact]
    public async Task Each_person_sees_what_waits_for_them_and_nothing_of_another_school()
    {
        var s = await SetUp();
        var otherSchool = await _actors.As(Role.SchoolCoordinator, s.World.One.SchoolB.Id);
        (await Actions(s.Coordinator)).Should().BeEmpty();

        var placement = await (await s.StudentClient.PostJson("/api/v1/placements", new CreatePlacementRequest { OpportunityId = s.Opportunity.Id, StudentId = s.Student.Id }))
            .Read<Placement>(HttpStatusCode.Created);
        (await Actions(s.Employer)).Should().ContainKey(ActionKind.DecideApplicants).WhoseValue.PlacementIds.Should().Equal(placement.Id);
        (await Actions(s.Coordinator)).Should().BeEmpty("the employer decides first");

        await (await Act(s.Employer, placement.Id, "accept")).Read<Placement>();
        (await Actions(s.Employer)).Should().BeEmpty();
        (await Actions(s.Coordinator)).Should().ContainKey(ActionKind.ApprovePlacements).WhoseValue.Count.Should().Be(1);
        (await Actions(otherSchool)).Should().BeEmpty("another school's placements are not its work");

        await (await Act(s.Coordinator, placement.Id, "approve", new ApprovePlacementRequest { ExpiresOn = Today.AddDays(5) })).Read<Placement>();
        (await Actions(s.Coordinator)).Keys.Should().BeEquivalentTo([ActionKind.WriteAgreements, ActionKind.RenewApprovals], "the approval lapses within a week");
        (await Actions(s.Employer)).Keys.Should().BeEquivalentTo([ActionKind.WriteAgreements]);

        await (await Put(s.Coordinator, $"/api/v1/placements/{placement.Id}/agreement", Terms)).Read<Placement>();
        (await Actions(s.Coordinator)).Keys.Should().BeEquivalentTo([ActionKind.FollowUpAgreements, ActionKind.RenewApprovals]);
        (await Actions(s.Employer)).Keys.Should().BeEquivalentTo([ActionKind.AcknowledgeAsSupervisor]);
        (await Actions(s.StudentClient)).Keys.Should().BeEquivalentTo([ActionKind.AcknowledgeAsStudent]);

        await Acknowledge(s.StudentClient, placement.Id, AgreementParty.Student);
        (await Actions(s.StudentClient)).Should().BeEmpty();
        await Acknowledge(s.Employer, placement.Id, AgreementParty.Supervisor);
        (await Actions(s.Employer)).Should().BeEmpty();
        (await _actors.Anonymous().GetAsync("/api/v1/me/actions")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_student_reads_what_was_sent_to_them_in_their_notification_centre_and_only_that()
    {
        var (s, id) = await ApprovedWithGuardians();
        var mine = await (await s.StudentClient.GetAsync("/api/v1/me/notifications")).Read<NotificationList>();
        mine.Unread.Should().Be(2);
        mine.Items.Select(n => n.Subject).Should().HaveCount(2).And.Contain(subject => subject.StartsWith("Your placement is approved", StringComparison.Ordinal));
        mine.Items.Should().OnlyContain(n => n.PlacementId == id && n.Template == "placement.changed" && n.ReadAt == null);

        (await s.StudentClient.PostAsync($"/api/v1/me/notifications/{mine.Items[0].Id}/read", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await (await s.StudentClient.GetAsync("/api/v1/me/notifications")).Read<NotificationList>()).Unread.Should().Be(1);

        // A guardian's message (or anyone else's) is not the student's to read or mark.
        var guardians = await Scalar<string>("SELECT id FROM messages WHERE recipient_address = 'rosa.reyes@family.example.test' LIMIT 1");
        await (await s.StudentClient.PostAsync($"/api/v1/me/notifications/{guardians}/read", null)).ShouldBeProblem(HttpStatusCode.NotFound);
        (await (await s.Coordinator.GetAsync("/api/v1/me/notifications")).Read<NotificationList>()).Items.Should().BeEmpty();

        (await s.StudentClient.PostAsync("/api/v1/me/notifications/read-all", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await (await s.StudentClient.GetAsync("/api/v1/me/notifications")).Read<NotificationList>()).Unread.Should().Be(0);
        (await _actors.Anonymous().GetAsync("/api/v1/me/notifications")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_employers_admins_hear_of_curation_decisions_and_new_applicants_with_only_what_they_may_see()
    {
        var s = await SetUp();
        var admin = await _actors.Admin();
        var draft = await (await admin.PostJson("/api/v1/opportunities", new CreateOpportunityRequest
        {
            EmployerId = s.World.One.Employer.Id, Fields = LaunchPath.Api.Tests.Features.Opportunities.OpportunitiesTests.Fields(f => f.Title = "Night shift lab aide"),
        })).Read<Opportunity>(HttpStatusCode.Created);
        await (await admin.PostAsync($"/api/v1/opportunities/{draft.Id}/submit", null)).Read<Opportunity>();
        await (await admin.PostJson($"/api/v1/opportunities/{draft.Id}/reject", new RejectOpportunityRequest { Reason = "Students cannot work after 9 p.m." })).Read<Opportunity>();
        await (await s.StudentClient.PostJson("/api/v1/placements", new CreatePlacementRequest { OpportunityId = s.Opportunity.Id, StudentId = s.Student.Id }))
            .Read<Placement>(HttpStatusCode.Created);

        await Sender.SendDueAsync(CancellationToken.None);
        var toEmployer = (await _smtp.WaitForAsync(2)).Where(m => m.To.Mailboxes.Single().Address.Contains("employer", StringComparison.OrdinalIgnoreCase)
            || !m.To.Mailboxes.Single().Address.StartsWith("st", StringComparison.Ordinal)).ToList();
        var rejected = toEmployer.Single(m => m.Subject == "Not published: Night shift lab aide");
        rejected.TextBody.Should().Contain("Students cannot work after 9 p.m.");
        var applied = toEmployer.Single(m => m.Subject == $"New applicant for {s.Opportunity.Fields.Title}");
        applied.TextBody.Should().Contain("Maya (grade 11, ").And.NotContain("Reyes", "the employer sees the first name only before the school approves");
        (await Scalar<long>("SELECT COUNT(*) FROM disclosures WHERE student_id = @Id AND context LIKE 'Emailed to the employer%'", new { s.Student.Id })).Should().Be(1);
        (await (await s.Employer.GetAsync("/api/v1/me/notifications")).Read<NotificationList>()).Items.Select(n => n.Subject)
            .Should().Contain(["Not published: Night shift lab aide", $"New applicant for {s.Opportunity.Fields.Title}"]);
    }

    [Fact]
    public async Task Once_a_round_is_published_each_student_in_it_is_emailed_their_result_and_the_unmatched_what_comes_next()
    {
        var s = await SetUp(opportunity: f => f.Seats = 1);
        var leo = await (await s.Coordinator.PostJson("/api/v1/students", new StudentRecordFields
        {
            SchoolId = s.World.One.SchoolA.Id, GivenName = "Leo", FamilyName = "Park", Email = "leo.park@students.example.test", Grade = 11,
            BirthDate = Today.AddYears(-16),
        })).Read<Student>(HttpStatusCode.Created);
        var convener = await _actors.As(Role.ConvenerAdmin, s.World.One.Region.Id);
        var round = await (await convener.PostJson("/api/v1/match-rounds", new CreateMatchRoundRequest
        {
            OrganizationId = s.World.One.Region.Id, Name = "Spring internships", OpportunityIds = [s.Opportunity.Id],
        })).Read<MatchRound>(HttpStatusCode.Created);
        foreach (var student in new[] { s.Student.Id, leo.Id })
        {
            (await Put(s.Coordinator, $"/api/v1/match-rounds/{round.Id}/choices/{student}", new SubmitChoicesRequest { OpportunityIds = [s.Opportunity.Id] }))
                .StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var started = await (await convener.PostAsync($"/api/v1/match-rounds/{round.Id}/run", null)).Read<MatchRound>(HttpStatusCode.Accepted);
        for (var i = 0; i < 600 && started.Status is MatchRoundStatus.Queued or MatchRoundStatus.Running; i++)
        {
            await Task.Delay(50);
            started = await (await convener.GetAsync($"/api/v1/match-rounds/{round.Id}")).Read<MatchRound>();
        }

        started.Status.Should().Be(MatchRoundStatus.Matched);
        (await Scalar<long>("SELECT COUNT(*) FROM jobs WHERE kind IN ('daily-digests', 'weekly-digests', 'hours-digests', 'reminders')"))
            .Should().Be(0, "this node was told not to start the recurring jobs (Jobs:Recurring), yet it ran the round it was given");
        await (await convener.PostAsync($"/api/v1/match-rounds/{round.Id}/publish", null)).Read<MatchRound>();

        // The results are written by a job queued with the publication, then sent.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        List<MimeMessage> results = [];
        while (results.Count < 2 && DateTime.UtcNow < deadline)
        {
            await Sender.SendDueAsync(CancellationToken.None);
            results = _smtp.Received.Where(m => m.TextBody?.Contains("Spring internships") == true).ToList();
            await Task.Delay(100);
        }

        results.Should().HaveCount(2);
        var matched = results.Single(m => m.Subject!.StartsWith("You have a placement: ", StringComparison.Ordinal));
        var unmatched = results.Single(m => m.Subject == "Your result in Spring internships");
        var winner = matched.To.Mailboxes.Single().Address;
        new[] { winner, unmatched.To.Mailboxes.Single().Address }.Should().BeEquivalentTo([s.StudentEmail, "leo.park@students.example.test"]);
        matched.TextBody.Should().Contain("/#/placements/");
        unmatched.TextBody.Should().Contain("will follow up with you").And.Contain($"{PublicUrl}/#/search");
    }

    [Fact]
    public async Task School_staff_record_a_students_language_and_what_is_sent_to_the_student_follows_it()
    {
        var s = await SetUp();
        StudentRecordFields Fields(string? language) => new()
        {
            SchoolId = s.World.One.SchoolA.Id, GivenName = "Sofía", FamilyName = "Luna", Email = "sofia.luna@students.example.test", Grade = 11,
            BirthDate = Today.AddYears(-16), PreferredLanguage = language,
        };
        await (await s.Coordinator.PostJson("/api/v1/students", Fields("fr"))).ShouldBeProblem(HttpStatusCode.BadRequest);
        var sofia = await (await s.Coordinator.PostJson("/api/v1/students", Fields("es"))).Read<Student>(HttpStatusCode.Created);
        sofia.PreferredLanguage.Should().Be("es");

        var nominated = await (await s.Coordinator.PostJson("/api/v1/placements", new CreatePlacementRequest { OpportunityId = s.Opportunity.Id, StudentId = sofia.Id }))
            .Read<Placement>(HttpStatusCode.Created);
        await (await Act(s.Employer, nominated.Id, "accept")).Read<Placement>();
        await Sender.SendDueAsync(CancellationToken.None);
        var toSofia = (await _smtp.WaitForAsync(2)).Single(m => m.To.Mailboxes.Single().Address == "sofia.luna@students.example.test");
        toSofia.Subject.Should().Contain("aceptó la solicitud");
        toSofia.TextBody.Should().StartWith("Hola, Sofía Luna:").And.Contain("aceptó la solicitud de usted");
    }

    [Fact]
    public async Task School_staff_change_a_guardians_language_and_the_next_email_follows_it()
    {
        var (s, id) = await ApprovedWithGuardians();
        await FlushAsync(8);
        var guardians = await (await s.Coordinator.GetAsync($"/api/v1/students/{s.Student.Id}/guardians")).Read<List<Guardian>>();
        var luis = guardians.Single(g => g.GivenName == "Luis");
        luis.PreferredLanguage.Should().BeNull();
        var change = new AddGuardianRequest
        {
            GivenName = "Luis", FamilyName = "Reyes", Email = "luis.reyes@family.example.test", Relationship = GuardianRelationship.Parent, PreferredLanguage = "es",
        };
        var url = $"/api/v1/students/{s.Student.Id}/guardians/{luis.Id}";
        await (await Put(s.Coordinator, url, change with { PreferredLanguage = "de" })).ShouldBeProblem(HttpStatusCode.BadRequest);
        await (await Put(s.Coordinator, $"/api/v1/students/{s.Student.Id}/guardians/{Guid.NewGuid()}", change)).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await Put(s.Employer, url, change)).ShouldBeProblem(HttpStatusCode.NotFound, "the employer does not see the student's record");
        await (await Put(await _actors.As(Role.SchoolCoordinator, s.World.Two.SchoolA.Id), url, change)).ShouldBeProblem(HttpStatusCode.NotFound);
        (await (await Put(s.Coordinator, url, change)).Read<Guardian>()).PreferredLanguage.Should().Be("es");
        (await (await s.Coordinator.GetAsync($"/api/v1/students/{s.Student.Id}/guardians")).Read<List<Guardian>>()).Single(g => g.Id == luis.Id).PreferredLanguage.Should().Be("es");

        await (await Put(s.Coordinator, $"/api/v1/placements/{id}/agreement", Terms)).Read<Placement>();
        await Sender.SendDueAsync(CancellationToken.None);
        (await _smtp.WaitForAsync(3)).Single(m => m.To.Mailboxes.Single().Address == "luis.reyes@family.example.test")
            .Subject.Should().StartWith("Revise el acuerdo");
    }

    [Fact]
    public async Task A_student_stops_optional_emails_in_one_click_and_what_the_placement_requires_still_goes()
    {
        var (s, id) = await ApprovedWithGuardians();
        await Sender.SendDueAsync(CancellationToken.None);
        var steps = await _smtp.WaitForAsync(6);
        var toStudent = steps.First(m => m.To.Mailboxes.Single().Address == s.StudentEmail);
        var header = toStudent.Headers["List-Unsubscribe"];
        header.Should().StartWith($"<{PublicUrl}/api/v1/unsubscribe/");
        toStudent.Headers["List-Unsubscribe-Post"].Should().Be("List-Unsubscribe=One-Click");
        var token = header!.Trim('<', '>')[($"{PublicUrl}/api/v1/unsubscribe/").Length..];
        toStudent.TextBody.Should().Contain($"{PublicUrl}/unsubscribe/{token}");
        _smtp.Received.Clear();

        var anonymous = _actors.Anonymous();
        (await (await anonymous.GetAsync($"/api/v1/unsubscribe/{token}")).Read<UnsubscribeStatus>()).Should().BeEquivalentTo(new { Email = s.StudentEmail, Stopped = false });
        await (await anonymous.GetAsync("/api/v1/unsubscribe/not-a-token-LaunchPath-issued")).ShouldBeProblem(HttpStatusCode.NotFound);
        // What a mail program sends for one-click unsubscribe (RFC 8058): a form POST.
        var oneClick = await anonymous.PostAsync($"/api/v1/unsubscribe/{token}", new FormUrlEncodedContent([new KeyValuePair<string, string>("List-Unsubscribe", "One-Click")]));
        (await oneClick.Read<UnsubscribeStatus>()).Stopped.Should().BeTrue();
        (await anonymous.PostAsync($"/api/v1/unsubscribe/{token}", null)).StatusCode.Should().Be(HttpStatusCode.OK, "a second click changes nothing");

        // The agreement's links (required) still go to the family; the student's optional step emails do not.
        await (await Put(s.Coordinator, $"/api/v1/placements/{id}/agreement", Terms)).Read<Placement>();
        await (await Act(s.Coordinator, id, "withdraw", new DecisionRequest { Reason = "Changed schools." })).Read<Placement>();
        await Sender.SendDueAsync(CancellationToken.None);
        var after = await _smtp.WaitForAsync(5);
        after.Should().NotContain(m => m.To.Mailboxes.Single().Address == s.StudentEmail);
        after.Where(m => m.Subject!.Contains("acuerdo") || m.Subject.Contains("agreement")).Should().HaveCount(3);
        after.Where(m => m.Headers.Contains("List-Unsubscribe")).Should().HaveCount(2, "the guardians' withdrawal emails are optional and stoppable; the agreement's are not");
    }

    [Fact]
    public async Task An_approval_lapsing_before_any_agreement_is_written_warns_the_coordinators_that_none_is()
    {
        var (s, id) = await ApprovedWithGuardians(); // approved until 30 days from now; warned 7 days before by default
        await FlushAsync(8);
        var reminders = ActivatorUtilities.CreateInstance<LaunchPath.Api.Features.Placements.Agreements.SendReminders.Job>(_factory.Services);
        _clock.Advance(TimeSpan.FromDays(23) + TimeSpan.FromMinutes(1));
        (await reminders.SendAsync(CancellationToken.None)).Should().Be(1);
        await Sender.SendDueAsync(CancellationToken.None);
        var warning = (await _smtp.WaitForAsync(1)).Single();
        warning.TextBody.Should().Contain("its training agreement is not complete yet: no agreement written yet.").And.Contain($"{PublicUrl}/#/placements/{id}");
    }
}

