using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using LaunchPath.Api.Tests.Infrastructure;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Messaging;
using LaunchPath.Contracts.People;
using LaunchPath.Contracts.Placements;
using MimeKit;

namespace LaunchPath.Api.Tests.Features.Placements;

/// <summary>
/// A guardian invited from the student's record: the invitation email in their language, a password chosen from its
/// link, then signed in they see their child (and no other) and acknowledge the agreement themselves.
/// </summary>
public sealed partial class PlacementLifecycleTests
{
    private HttpClient Bearer(string token)
    {
        var client = _actors.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Fact]
    public async Task A_guardian_invited_from_the_students_record_signs_in_sees_their_child_and_acknowledges_the_agreement()
    {
        var (s, id) = await ApprovedWithGuardians();
        await FlushAsync(8);
        var guardians = await (await s.Coordinator.GetAsync($"/api/v1/students/{s.Student.Id}/guardians")).Read<List<Guardian>>();
        guardians.Should().OnlyContain(g => g.Account == null);
        var rosa = guardians.Single(g => g.GivenName == "Rosa");
        var abuela = guardians.Single(g => g.GivenName == "Abuela");
        string Invite(Guardian g) => $"/api/v1/students/{s.Student.Id}/guardians/{g.Id}/invitation";

        // Who may invite: the school's staff; the employer does not see the record, the student may not change it.
        await (await s.Employer.PostAsync(Invite(rosa), null)).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await (await _actors.As(Role.SchoolCoordinator, s.World.Two.SchoolA.Id)).PostAsync(Invite(rosa), null)).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await s.StudentClient.PostAsync(Invite(rosa), null)).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await s.Coordinator.PostAsync($"/api/v1/students/{s.Student.Id}/guardians/{Guid.NewGuid()}/invitation", null)).ShouldBeProblem(HttpStatusCode.NotFound);
        (await (await s.Coordinator.PostAsync(Invite(abuela), null)).ShouldBeProblem(HttpStatusCode.UnprocessableEntity)).Detail.Should().Contain("no email");

        var invited = await (await s.Coordinator.PostAsync(Invite(rosa), null)).Read<GuardianInvitation>();
        invited.Guardian.Account.Should().Be(GuardianAccountStatus.Invited);
        invited.Message!.Should().BeEquivalentTo(new { Template = "account.invitation", Recipient = "rosa.reyes@family.example.test", Language = "es", Status = DeliveryStatus.Pending });
        await Sender.SendDueAsync(CancellationToken.None);
        var email = (await _smtp.WaitForAsync(1)).Single();
        email.Body!.Headers[HeaderId.ContentLanguage].Should().Be("es");
        email.TextBody.Should().Contain("Con ella puede seguir el aprendizaje en el trabajo de Maya Reyes");
        var token = Regex.Match(email.TextBody ?? "", PublicUrl + @"/set-password/([A-Za-z0-9_-]+)\?lang=es").Groups[1].Value;
        token.Should().NotBeEmpty("the link opens its page in her language");
        _smtp.Received.Clear();

        // She chooses a password from the link and is signed in: her child's record and placement, nobody else's.
        var signedIn = await (await _actors.Anonymous().PostJson($"/api/v1/auth/password-links/{token}", new SetPasswordRequest { Password = "la contraseña de Rosa" }))
            .Read<AccessToken>();
        var parent = Bearer(signedIn.Token);
        var me = await (await parent.GetAsync("/api/v1/me")).Read<CurrentCaller>();
        me.Memberships.Should().ContainSingle().Which.Role.Should().Be(Role.Guardian);
        me.Language.Should().Be("es", "the app opens in the language of her record");
        await (await Put(parent, "/api/v1/me/message-preferences", new MessagePreferencesRequest { Delivery = MessageDelivery.Immediate, Language = "en" })).Read<MessagePreferences>();
        (await (await parent.GetAsync("/api/v1/me")).Read<CurrentCaller>()).Language.Should().Be("en", "her own choice wins over the record's");
        await (await Put(parent, "/api/v1/me/message-preferences", new MessagePreferencesRequest { Delivery = MessageDelivery.Immediate, Language = "es" })).Read<MessagePreferences>();
        (await (await parent.GetAsync($"/api/v1/students/{s.Student.Id}")).Read<Student>()).Subgroups.Should().BeNull("a guardian does not see equity subgroups");
        (await (await parent.GetAsync("/api/v1/placements")).Read<PlacementPage>()).Items.Select(p => p.Id).Should().Equal(id);
        var stranger = await (await s.Coordinator.PostJson("/api/v1/students", new StudentRecordFields
        {
            SchoolId = s.World.One.SchoolA.Id, GivenName = "Other", FamilyName = "Child", Grade = 11, BirthDate = Today.AddYears(-16),
        })).Read<Student>(HttpStatusCode.Created);
        await (await parent.GetAsync($"/api/v1/students/{stranger.Id}")).ShouldBeProblem(HttpStatusCode.NotFound);
        (await (await s.Coordinator.GetAsync($"/api/v1/students/{s.Student.Id}/guardians")).Read<List<Guardian>>())
            .Single(g => g.Id == rosa.Id).Account.Should().Be(GuardianAccountStatus.Active);
        (await (await s.Coordinator.PostAsync(Invite(rosa), null)).ShouldBeProblem(HttpStatusCode.Conflict)).Detail.Should().Contain("Forgot password");

        // The agreement waits for her; she acknowledges it signed in, as the guardian.
        await (await Put(s.Coordinator, $"/api/v1/placements/{id}/agreement", Terms)).Read<Placement>();
        (await (await parent.GetAsync("/api/v1/me/actions")).Read<List<ActionItem>>()).Should().ContainSingle(a => a.Kind == ActionKind.AcknowledgeAsGuardian);
        var seen = await (await parent.GetAsync($"/api/v1/placements/{id}")).Read<Placement>();
        seen.AcknowledgeAs.Should().Be(AgreementParty.Guardian);
        await (await parent.PostJson($"/api/v1/placements/{id}/agreement/acknowledge", new AcknowledgeRequest { Party = AgreementParty.Supervisor }))
            .ShouldBeProblem(HttpStatusCode.Forbidden);
        var acknowledged = await (await parent.PostJson($"/api/v1/placements/{id}/agreement/acknowledge", new AcknowledgeRequest { Party = AgreementParty.Guardian }))
            .Read<Placement>();
        acknowledged.Agreement!.Acknowledgements.Should().Contain(a => a.Party == AgreementParty.Guardian && a.Name == "Rosa Reyes");
    }

    [Fact]
    public async Task A_guardian_whose_email_is_a_staff_members_account_is_not_linked_to_it_and_one_with_a_guardian_account_is()
    {
        var (s, _) = await ApprovedWithGuardians();
        var staffEmail = (await (await s.Coordinator.GetAsync("/api/v1/me")).Read<CurrentCaller>()).Email!;
        var guardians = await (await s.Coordinator.GetAsync($"/api/v1/students/{s.Student.Id}/guardians")).Read<List<Guardian>>();
        var luis = guardians.Single(g => g.GivenName == "Luis");
        var url = $"/api/v1/students/{s.Student.Id}/guardians/{luis.Id}";
        await (await Put(s.Coordinator, url, new AddGuardianRequest { GivenName = "Luis", FamilyName = "Reyes", Email = staffEmail, Relationship = GuardianRelationship.Parent }))
            .Read<Guardian>();
        (await (await s.Coordinator.PostAsync(url + "/invitation", null)).ShouldBeProblem(HttpStatusCode.Conflict)).Detail.Should().Contain("staff member or a student");

        // A parent of children at two schools: the second school's record links to the account the first one made.
        await (await Put(s.Coordinator, url, new AddGuardianRequest { GivenName = "Luis", FamilyName = "Reyes", Email = "luis.reyes@family.example.test", Relationship = GuardianRelationship.Parent }))
            .Read<Guardian>();
        var first = await (await s.Coordinator.PostAsync(url + "/invitation", null)).Read<GuardianInvitation>();
        first.Message.Should().NotBeNull();
        var otherSchool = await _actors.As(Role.SchoolCoordinator, s.World.One.SchoolB.Id);
        var sibling = await (await otherSchool.PostJson("/api/v1/students", new StudentRecordFields
        {
            SchoolId = s.World.One.SchoolB.Id, GivenName = "Teo", FamilyName = "Reyes", Grade = 9, BirthDate = Today.AddYears(-14),
        })).Read<Student>(HttpStatusCode.Created);
        var again = await (await otherSchool.PostJson($"/api/v1/students/{sibling.Id}/guardians", new AddGuardianRequest
        {
            GivenName = "Luis", FamilyName = "Reyes", Email = "Luis.Reyes@family.example.test", Relationship = GuardianRelationship.Parent,
        })).Read<Guardian>(HttpStatusCode.Created);
        var second = await (await otherSchool.PostAsync($"/api/v1/students/{sibling.Id}/guardians/{again.Id}/invitation", null)).Read<GuardianInvitation>();
        second.Guardian.Account.Should().Be(GuardianAccountStatus.Invited, "one account, still waiting for its password");
        second.Message!.Recipient.Should().Be("luis.reyes@family.example.test");
    }
}
