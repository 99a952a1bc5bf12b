using Dapper;
using FluentValidation;
using LaunchPath.Api.Domain;
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

    public sealed class Handler(Db db, TimeProvider clock, PasswordHasher<Accounts.Account> hasher) : IRequestHandler<Command, Result<StudentAccount>>, ISqlSource
    {
        private const string Link = "UPDATE people SET user_id = @UserId WHERE id = @StudentId AND user_id IS NULL";

        public static IEnumerable<string> Statements(SqlDialect dialect) => [Link, .. Accounts.Statements, .. StudentAccess.Statements];

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

            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var created = await Accounts.CreateAsync(connection, transaction, db.Dialect, hasher,
                new Accounts.NewAccount(email, $"{student.PreferredName ?? student.GivenName} {student.FamilyName}", command.Body.Password,
                    AddressColumns.Normalize(command.Body.ExternalSubject), student.SchoolId, Role.Student), clock.GetUtcNow(), cancellationToken);
            if (!created.IsSuccess)
            {
                return created.Error!;
            }

            // Conditional: of two concurrent requests for one student, only one links its account; the other rolls back.
            if (await connection.ExecuteAsync(new CommandDefinition(Link, new { UserId = created.Value, command.StudentId }, transaction, cancellationToken: cancellationToken)) == 0)
            {
                return Error.Conflict("This student already has an account.");
            }

            await transaction.CommitAsync(cancellationToken);
            return new StudentAccount { UserId = created.Value.ToString("D"), StudentId = command.StudentId.ToString("D"), Email = email };
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/{id:guid}/account", async Task<Answer<Created<StudentAccount>, Fails.Invalid, Fails.Forbidden, Fails.NotFound, Fails.Conflict>> (Guid id, CreateStudentAccountRequest body, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Command(caller, id, body), ct)).Match(account => TypedResults.Created($"/api/v1/students/{id}", account)))
            .Validate<CreateStudentAccountRequest>()
            .WithName("createStudentAccount")
            .WithSummary("Give a student a sign-in account");
}
