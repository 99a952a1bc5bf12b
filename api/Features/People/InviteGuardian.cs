using Dapper;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Messaging;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.People;
using Mediator;
using Microsoft.AspNetCore.Identity;

namespace LaunchPath.Api.Features.People;

/// <summary>
/// POST /api/v1/students/{id}/guardians/{guardianId}/invitation — school staff invite a parent or guardian to sign in,
/// at the email on the student's record. Signed in, a guardian sees their children's records and placements (with the
/// agreements and hours) and acknowledges agreements themselves.
/// <list type="bullet">
/// <item>No account yet: one is made (role guardian at the student's school), linked to the guardian's record, and a
/// one-time link to choose a password is emailed (7 days); invited again, a new link replaces it.</item>
/// <item>A guardian-only account with that email already (a parent of a child at another school): the record is linked
/// to it, and the invitation goes only if its owner has not yet chosen a password.</item>
/// <item>The email belongs to a staff member's or a student's account: 409 — linking would give that account the
/// child's record on the strength of an address alone.</item>
/// </list>
/// </summary>
public static class InviteGuardian
{
    public sealed record Command(Caller Caller, Guid StudentId, Guid GuardianId, string BaseUrl) : IRequest<Result<GuardianInvitation>>;

    private const string SelectGuardian =
        "SELECT gp.id, gp.given_name, gp.family_name, gp.email, gp.user_id, u.disabled, " +
        "CASE WHEN u.password_hash IS NULL AND u.external_subject IS NULL THEN 1 ELSE 0 END AS pending " +
        "FROM guardianships g JOIN people gp ON gp.id = g.guardian_id LEFT JOIN users u ON u.id = gp.user_id WHERE g.student_id = @StudentId AND g.guardian_id = @GuardianId";

    private const string SelectAccount =
        "SELECT u.id, u.disabled, u.is_platform_admin, CASE WHEN u.password_hash IS NULL AND u.external_subject IS NULL THEN 1 ELSE 0 END AS pending, " +
        "(SELECT COUNT(*) FROM memberships m WHERE m.user_id = u.id AND m.role <> 'guardian') AS other_roles, " +
        "(SELECT COUNT(*) FROM people p WHERE p.user_id = u.id AND p.kind <> 'guardian') AS other_people " +
        "FROM users u WHERE u.email_normalized = @EmailNormalized";

    /// <summary>Conditional: of two concurrent invitations of one guardian, one links its account; the other finds it linked.</summary>
    private const string Link = "UPDATE people SET user_id = @UserId, version = version + 1, updated_at = @Now WHERE id = @GuardianId AND user_id IS NULL";

    private const string GrantGuardian =
        "INSERT INTO memberships (id, user_id, organization_id, role, created_at) SELECT @Id, @UserId, @SchoolId, 'guardian', @Now " +
        "WHERE NOT EXISTS (SELECT 1 FROM memberships WHERE user_id = @UserId AND organization_id = @SchoolId AND role = 'guardian')";

    public sealed class Handler(Db db, Outbox outbox, TimeProvider clock, PasswordHasher<Accounts.Account> hasher) : IRequestHandler<Command, Result<GuardianInvitation>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) =>
            [SelectGuardian, SelectAccount, Link, GrantGuardian, Guardians.Select, .. Accounts.Statements, .. AccountLinks.Statements, .. MessageRow.Statements, .. StudentAccess.Statements];

        public async ValueTask<Result<GuardianInvitation>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var (student, refused) = await Guardians.WritableStudentAsync(connection, command.Caller, command.StudentId, cancellationToken);
            if (refused is not null)
            {
                return refused;
            }

            var guardian = await connection.QuerySingleOrDefaultAsync<GuardianRow>(new CommandDefinition(SelectGuardian,
                new { command.StudentId, command.GuardianId }, cancellationToken: cancellationToken));
            if (guardian is null)
            {
                return Error.NotFound($"Guardian {command.GuardianId} of student {command.StudentId}");
            }

            if (guardian.Email is null)
            {
                return Error.Unprocessable("This guardian has no email on record: add one, then invite them.");
            }

            var now = clock.GetUtcNow();
            Guid? messageId = null;
            await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
            {
                Guid userId;
                bool pending;
                if (guardian.UserId is { } linked)
                {
                    if (guardian.Disabled == true)
                    {
                        return Error.Conflict("This guardian's account is disabled; an administrator must enable it first.");
                    }

                    if (!guardian.Pending)
                    {
                        return Error.Conflict("This guardian already signs in. If they forgot their password, \"Forgot password\" on the sign-in page sends them a link.");
                    }

                    (userId, pending) = (linked, true);
                }
                else
                {
                    var account = await connection.QuerySingleOrDefaultAsync<AccountRow>(new CommandDefinition(SelectAccount,
                        new { EmailNormalized = Accounts.Normalize(guardian.Email) }, transaction, cancellationToken: cancellationToken));
                    if (account is not null && (account.OtherRoles > 0 || account.OtherPeople > 0 || account.IsPlatformAdmin))
                    {
                        return Error.Conflict(
                            "An account of a staff member or a student signs in with this email. A guardian's account needs the guardian's own address: correct the email on the guardian's record.");
                    }

                    if (account is { Disabled: true })
                    {
                        return Error.Conflict("The account with this email is disabled; an administrator must enable it first.");
                    }

                    if (account is null)
                    {
                        var created = await Accounts.CreateAsync(connection, transaction, db.Dialect, hasher,
                            new Accounts.NewAccount(guardian.Email, $"{guardian.GivenName} {guardian.FamilyName}", null, null, null, null), now, cancellationToken);
                        if (!created.IsSuccess)
                        {
                            return created.Error!;
                        }

                        (userId, pending) = (created.Value, true);
                    }
                    else
                    {
                        (userId, pending) = (account.Id, account.Pending);
                    }

                    if (await connection.ExecuteAsync(new CommandDefinition(Link, new { UserId = userId, command.GuardianId, Now = now }, transaction,
                            cancellationToken: cancellationToken)) == 0)
                    {
                        return Error.Conflict("This guardian was given an account at the same moment; look at their record again.");
                    }
                }

                if (await connection.ExecuteAsync(new CommandDefinition(GrantGuardian, new { Id = Guid.CreateVersion7(), UserId = userId, student!.SchoolId, Now = now },
                        transaction, cancellationToken: cancellationToken)) > 0)
                {
                    await AccessChanges.RecordAsync(connection, transaction, AccessChanges.User, userId, now, cancellationToken);
                }

                if (pending)
                {
                    messageId = await AccountLinks.SendAsync(connection, transaction, outbox, AccountLinks.Invitation, userId, command.BaseUrl, command.Caller.UserId, now,
                        cancellationToken, student: PersonNames.Full(student.GivenName, student.PreferredName, student.FamilyName));
                }

                await transaction.CommitAsync(cancellationToken);
            }

            if (messageId is not null)
            {
                outbox.Wake();
            }

            return new GuardianInvitation
            {
                Guardian = (await Guardians.ListAsync(connection, command.StudentId, cancellationToken)).Single(g => g.Id == command.GuardianId.ToString("D")),
                Message = messageId is { } id ? (await MessageRow.LoadAsync(connection, [id], cancellationToken)).Single() : null,
            };
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/{id:guid}/guardians/{guardianId:guid}/invitation", async Task<Answer<Ok<GuardianInvitation>, Fails.Forbidden, Fails.NotFound, Fails.Conflict, Fails.Unprocessable>> (
                    Guid id, Guid guardianId, Caller caller, HttpRequest request, PublicUrl publicUrl, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Command(caller, id, guardianId, publicUrl.For(request)), ct)).Match(invitation => TypedResults.Ok(invitation)))
            .WithName("inviteGuardian")
            .WithSummary("Invite a parent or guardian to sign in and follow their child's placements")
            .WithDescription("Emails a one-time link to choose a password (7 days) to the address on the guardian's record, in their language; invited again, a new link replaces the earlier one. " +
                             "A guardian who already has a guardian account (a child at another school) is linked to it without a new email. " +
                             "409 when the guardian already signs in, or when the address belongs to a staff member's or a student's account.");

    private sealed class GuardianRow
    {
        public Guid Id { get; set; }
        public string GivenName { get; set; } = "";
        public string FamilyName { get; set; } = "";
        public string? Email { get; set; }
        public Guid? UserId { get; set; }
        public bool? Disabled { get; set; }
        public bool Pending { get; set; }
    }

    private sealed class AccountRow
    {
        public Guid Id { get; set; }
        public bool Disabled { get; set; }
        public bool IsPlatformAdmin { get; set; }
        public bool Pending { get; set; }
        public int OtherRoles { get; set; }
        public int OtherPeople { get; set; }
    }
}
