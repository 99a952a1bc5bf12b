using Dapper;
using FluentValidation;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Messaging;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Identity;
using Mediator;
using Microsoft.AspNetCore.Identity;

namespace LaunchPath.Api.Features.Users;

/// <summary>POST /api/v1/users — create an account with its first role at an organization the caller manages.</summary>
public static class CreateUser
{
    public sealed record Command(Caller Caller, CreateUserRequest Body, string BaseUrl) : IRequest<Result<UserSummary>>;

    public sealed class Validator : AbstractValidator<CreateUserRequest>
    {
        public Validator()
        {
            RuleFor(r => r.Email).NotEmpty().MaximumLength(320).EmailAddress();
            RuleFor(r => r.DisplayName).NotEmpty().MaximumLength(200);
            RuleFor(r => r.Password).MinimumLength(12).MaximumLength(200).When(r => r.Password is not null);
            RuleFor(r => r.ExternalSubject).MaximumLength(400);
            RuleFor(r => r.OrganizationId).NotEmpty().MustBeId();
            RuleFor(r => r.Role).IsInEnum();
        }
    }

    public sealed class Handler(Db db, Outbox outbox, TimeProvider clock, PasswordHasher<Accounts.Account> hasher) : IRequestHandler<Command, Result<UserSummary>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [.. Accounts.Statements, .. UserRecord.Statements, .. AccountLinks.Statements];

        public async ValueTask<Result<UserSummary>> Handle(Command command, CancellationToken cancellationToken)
        {
            var (caller, body) = (command.Caller, command.Body);
            await using var connection = await db.OpenAsync(cancellationToken);
            var org = await Authorize.FindOrgAsync(connection, Guid.Parse(body.OrganizationId), cancellationToken);
            if (org is null)
            {
                return Error.NotFound($"Organization {body.OrganizationId}");
            }

            if (Authorize.Check(caller, Permission.UsersManage, org.Ref, $"Organization {body.OrganizationId}") is { } denied)
            {
                return denied;
            }

            if (!Access.CanBeHeldOn(body.Role, org.Ref.Type))
            {
                return RoleNotHeldThere(body.Role, org.Ref.Type);
            }

            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var created = await Accounts.CreateAsync(connection, transaction, db.Dialect, hasher,
                new Accounts.NewAccount(body.Email, body.DisplayName, body.Password, body.ExternalSubject, org.Ref.Id, body.Role), clock.GetUtcNow(), cancellationToken);
            if (!created.IsSuccess)
            {
                return created.Error!;
            }

            // No password and no district sign-on: the person chooses their own password from an emailed invitation.
            var invited = body.Password is null && string.IsNullOrWhiteSpace(body.ExternalSubject);
            if (invited)
            {
                await AccountLinks.SendAsync(connection, transaction, outbox, AccountLinks.Invitation, created.Value, command.BaseUrl, caller.UserId, clock.GetUtcNow(), cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            if (invited)
            {
                outbox.Wake();
            }

            return (await UserRecord.LoadAsync(connection, [created.Value], caller.Scope(Permission.UsersManage), cancellationToken)).Single();
        }
    }

    internal static Error RoleNotHeldThere(Role role, Contracts.Organizations.OrganizationType type) =>
        Error.Unprocessable($"The role {DbEnum.ToText(role)} is held on a {string.Join(" or ", Access.HeldOn(role).Select(t => DbEnum.ToText(t)))}, not a {DbEnum.ToText(type)}.");

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/", async Task<Answer<Created<UserSummary>, Fails.Invalid, Fails.Forbidden, Fails.NotFound, Fails.Conflict, Fails.Unprocessable>> (CreateUserRequest body, Caller caller, HttpRequest request, PublicUrl publicUrl,
                    IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Command(caller, body, publicUrl.For(request)), ct)).Match(user => TypedResults.Created($"/api/v1/users/{user.Id}", user)))
            .Validate<CreateUserRequest>()
            .WithName("createUser")
            .WithSummary("Create a user account")
            .WithDescription("Creates an account with one role at an organization you manage (usersManage). Without a password or an external subject, " +
                "the person is emailed an invitation to choose their own password (POST /users/{id}/invitation sends it again).");
}
