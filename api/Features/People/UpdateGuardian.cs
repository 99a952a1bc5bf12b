using Dapper;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.People;
using Mediator;

namespace LaunchPath.Api.Features.People;

/// <summary>
/// PUT /api/v1/students/{id}/guardians/{guardianId} — school staff correct a parent's or guardian's record: name,
/// email, phone, relationship and the language LaunchPath writes to them in (until a roster that sends one imports again).
/// </summary>
public static class UpdateGuardian
{
    public sealed record Command(Caller Caller, Guid StudentId, Guid GuardianId, AddGuardianRequest Body) : IRequest<Result<Guardian>>;

    private const string UpdatePerson =
        "UPDATE people SET given_name = @GivenName, family_name = @FamilyName, email = @Email, phone = @Phone, preferred_language = @PreferredLanguage, " +
        "version = version + 1, updated_at = @Now WHERE id = @GuardianId AND kind = 'guardian' " +
        "AND EXISTS (SELECT 1 FROM guardianships g WHERE g.student_id = @StudentId AND g.guardian_id = @GuardianId)";

    private const string UpdateLink = "UPDATE guardianships SET relationship = @Relationship WHERE student_id = @StudentId AND guardian_id = @GuardianId";

    public sealed class Handler(Db db, TimeProvider clock) : IRequestHandler<Command, Result<Guardian>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [UpdatePerson, UpdateLink, Guardians.Select, .. StudentAccess.Statements];

        public async ValueTask<Result<Guardian>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            if ((await Guardians.WritableStudentAsync(connection, command.Caller, command.StudentId, cancellationToken)).Error is { } refused)
            {
                return refused;
            }

            var guardian = Guardians.Stored(command.GuardianId, command.Body);
            await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
            {
                var changed = await connection.ExecuteAsync(new CommandDefinition(UpdatePerson, new
                {
                    command.StudentId,
                    command.GuardianId,
                    guardian.GivenName,
                    guardian.FamilyName,
                    guardian.Email,
                    guardian.Phone,
                    guardian.PreferredLanguage,
                    Now = clock.GetUtcNow(),
                }, transaction, cancellationToken: cancellationToken));
                if (changed == 0)
                {
                    return Error.NotFound($"Guardian {command.GuardianId} of student {command.StudentId}");
                }

                await connection.ExecuteAsync(new CommandDefinition(UpdateLink, new { command.StudentId, command.GuardianId, Relationship = DbEnum.ToText(guardian.Relationship) },
                    transaction, cancellationToken: cancellationToken));
                await transaction.CommitAsync(cancellationToken);
            }

            return guardian with { Account = (await Guardians.ListAsync(connection, command.StudentId, cancellationToken)).Single(g => g.Id == guardian.Id).Account };
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPut("/{id:guid}/guardians/{guardianId:guid}", async Task<Answer<Ok<Guardian>, Fails.Invalid, Fails.Forbidden, Fails.NotFound>> (Guid id, Guid guardianId,
                    AddGuardianRequest body, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Command(caller, id, guardianId, body), ct)).Match(guardian => TypedResults.Ok(guardian)))
            .Validate<AddGuardianRequest>()
            .WithName("updateGuardian")
            .WithSummary("Correct a parent's or guardian's record, and set the language LaunchPath writes to them in");
}
