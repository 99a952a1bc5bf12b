using Dapper;
using FluentValidation;
using LaunchPath.Api.Features.Auth;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Identity;
using Mediator;
using Microsoft.AspNetCore.Identity;

namespace LaunchPath.Api.Features.Users;

/// <summary>POST /api/v1/users — create an account with its first role at an organization the caller manages.</summary>
public static class CreateUser
{
    public sealed record Command(Caller Caller, CreateUserRequest Body) : IRequest<Result<UserSummary>>;

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

    public sealed class Handler(Db db, TimeProvider clock, PasswordHasher<SignIn.Account> hasher) : IRequestHandler<Command, Result<UserSummary>>, ISqlSource
    {
        private const string SelectDuplicate =
            "SELECT COUNT(*) FROM users WHERE email_normalized = @EmailNormalized OR (@ExternalSubject IS NOT NULL AND external_subject = @ExternalSubject)";

        private const string InsertUser =
            "INSERT INTO users (id, email, email_normalized, display_name, password_hash, external_subject, is_platform_admin, disabled, version, created_at, updated_at) " +
            "VALUES (@Id, @Email, @EmailNormalized, @DisplayName, @PasswordHash, @ExternalSubject, 0, 0, 1, @Now, @Now)";

        internal const string InsertMembership =
            "INSERT INTO memberships (id, user_id, organization_id, role, created_at) VALUES (@Id, @UserId, @OrganizationId, @Role, @Now)";

        public static IEnumerable<string> Statements(SqlDialect dialect) => [SelectDuplicate, InsertUser, InsertMembership, .. UserRecord.Statements];

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

            var externalSubject = string.IsNullOrWhiteSpace(body.ExternalSubject) ? null : body.ExternalSubject.Trim();
            var emailNormalized = SignIn.Normalize(body.Email);
            if (await connection.ExecuteScalarAsync<int>(new CommandDefinition(SelectDuplicate,
                    new { EmailNormalized = emailNormalized, ExternalSubject = externalSubject }, cancellationToken: cancellationToken)) > 0)
            {
                return Error.Conflict("An account with this email or external subject already exists.");
            }

            var id = Guid.CreateVersion7();
            var now = clock.GetUtcNow();
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            try
            {
                await connection.ExecuteAsync(new CommandDefinition(InsertUser, new
                {
                    Id = id,
                    Email = body.Email.Trim(),
                    EmailNormalized = emailNormalized,
                    DisplayName = body.DisplayName.Trim(),
                    PasswordHash = body.Password is null ? null : hasher.HashPassword(new SignIn.Account(), body.Password),
                    ExternalSubject = externalSubject,
                    Now = now,
                }, transaction, cancellationToken: cancellationToken));
                await connection.ExecuteAsync(new CommandDefinition(InsertMembership, new
                {
                    Id = Guid.CreateVersion7(),
                    UserId = id,
                    OrganizationId = org.Ref.Id,
                    Role = DbEnum.ToText(body.Role),
                    Now = now,
                }, transaction, cancellationToken: cancellationToken));
                await transaction.CommitAsync(cancellationToken);
            }
            catch (System.Data.Common.DbException exception) when (db.Dialect.IsUniqueViolation(exception))
            {
                return Error.Conflict("An account with this email or external subject already exists.");
            }

            return (await UserRecord.LoadAsync(connection, [id], caller.Scope(Permission.UsersManage), cancellationToken)).Single();
        }
    }

    internal static Error RoleNotHeldThere(Role role, Contracts.Organizations.OrganizationType type) =>
        Error.Unprocessable($"The role {DbEnum.ToText(role)} is held on a {string.Join(" or ", Access.HeldOn(role).Select(t => DbEnum.ToText(t)))}, not a {DbEnum.ToText(type)}.");

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/", async (CreateUserRequest body, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Command(caller, body), ct)).Match(user => TypedResults.Created($"/api/v1/users/{user.Id}", user)))
            .Validate<CreateUserRequest>()
            .WithName("createUser")
            .WithSummary("Create a user account")
            .WithDescription("Creates an account with one role at an organization you manage (usersManage).")
            .Produces<UserSummary>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}
