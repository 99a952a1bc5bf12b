using Dapper;
using FluentValidation;
using LaunchPath.Api.Features.Auth;
using LaunchPath.Api.Features.Users;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.People;
using Mediator;
using Microsoft.AspNetCore.Identity;

namespace LaunchPath.Api.Features.People;

/// <summary>POST /api/v1/students/{id}/account — school staff give a rostered student a sign-in account linked to the record.</summary>
public static class CreateStudentAccount
{
    public sealed record Command(Caller Caller, Guid StudentId, CreateStudentAccountRequest Body) : IRequest<Result<StudentAccount>>;

    public sealed class Validator : AbstractValidator<CreateStudentAccountRequest>
    {
        public Validator()
        {
            RuleFor(r => r.Email).MaximumLength(320).EmailAddress().When(r => !string.IsNullOrWhiteSpace(r.Email));
            RuleFor(r => r.Password).MinimumLength(12).MaximumLength(200).When(r => r.Password is not null);
            RuleFor(r => r.ExternalSubject).MaximumLength(400);
        }
    }

    public sealed class Handler(Db db, TimeProvider clock, PasswordHasher<SignIn.Account> hasher) : IRequestHandler<Command, Result<StudentAccount>>, ISqlSource
    {
        private const string SelectDuplicate =
            "SELECT COUNT(*) FROM users WHERE email_normalized = @EmailNormalized OR (@ExternalSubject IS NOT NULL AND external_subject = @ExternalSubject)";

        private const string InsertUser =
            "INSERT INTO users (id, email, email_normalized, display_name, password_hash, external_subject, is_platform_admin, disabled, version, created_at, updated_at) " +
            "VALUES (@Id, @Email, @EmailNormalized, @DisplayName, @PasswordHash, @ExternalSubject, 0, 0, 1, @Now, @Now)";

        private const string Link = "UPDATE people SET user_id = @UserId WHERE id = @StudentId AND user_id IS NULL";

        public static IEnumerable<string> Statements(SqlDialect dialect) => [SelectDuplicate, InsertUser, Link, .. StudentAccess.Statements];

        public async ValueTask<Result<StudentAccount>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var student = await StudentAccess.FindVisibleAsync(connection, command.Caller, command.StudentId, cancellationToken);
            if (student is null)
            {
                return Error.NotFound($"Student {command.StudentId}");
            }

            if (!StudentAccess.CanWriteRecord(command.Caller, student))
            {
                return Error.Forbidden("Your role does not allow creating accounts for this student.");
            }

            if (student.UserId is not null)
            {
                return Error.Conflict("This student already has an account.");
            }

            var email = AddressColumns.Normalize(command.Body.Email) ?? student.Email;
            if (email is null)
            {
                return Error.Validation("email", "The student has no email on record; send one.");
            }

            var externalSubject = AddressColumns.Normalize(command.Body.ExternalSubject);
            if (await connection.ExecuteScalarAsync<int>(new CommandDefinition(SelectDuplicate,
                    new { EmailNormalized = SignIn.Normalize(email), ExternalSubject = externalSubject }, cancellationToken: cancellationToken)) > 0)
            {
                return Error.Conflict("An account with this email or external subject already exists.");
            }

            var userId = Guid.CreateVersion7();
            var now = clock.GetUtcNow();
            await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
            {
                await connection.ExecuteAsync(new CommandDefinition(InsertUser, new
                {
                    Id = userId,
                    Email = email,
                    EmailNormalized = SignIn.Normalize(email),
                    DisplayName = $"{student.PreferredName ?? student.GivenName} {student.FamilyName}",
                    PasswordHash = command.Body.Password is null ? null : hasher.HashPassword(new SignIn.Account(), command.Body.Password),
                    ExternalSubject = externalSubject,
                    Now = now,
                }, transaction, cancellationToken: cancellationToken));
                await connection.ExecuteAsync(new CommandDefinition(CreateUser.Handler.InsertMembership, new
                {
                    Id = Guid.CreateVersion7(),
                    UserId = userId,
                    OrganizationId = student.SchoolId,
                    Role = DbEnum.ToText(Role.Student),
                    Now = now,
                }, transaction, cancellationToken: cancellationToken));
                if (await connection.ExecuteAsync(new CommandDefinition(Link, new { UserId = userId, command.StudentId }, transaction, cancellationToken: cancellationToken)) == 0)
                {
                    return Error.Conflict("This student already has an account.");
                }

                await transaction.CommitAsync(cancellationToken);
            }

            return new StudentAccount { UserId = userId.ToString("D"), StudentId = command.StudentId.ToString("D"), Email = email };
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/{id:guid}/account", async (Guid id, CreateStudentAccountRequest body, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Command(caller, id, body), ct)).Match(account => TypedResults.Created($"/api/v1/students/{id}", account)))
            .Validate<CreateStudentAccountRequest>()
            .WithName("createStudentAccount")
            .WithSummary("Give a student a sign-in account")
            .Produces<StudentAccount>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
