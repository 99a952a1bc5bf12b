using Dapper;
using FluentValidation;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.People;
using Mediator;

namespace LaunchPath.Api.Features.People;

/// <summary>
/// GET and POST /api/v1/students/{id}/guardians — a student's parents and guardians (OneRoster agents), who consent for
/// minors. Listed to whoever may see the student; added by staff with PeopleWrite.
/// </summary>
public static class Guardians
{
    public sealed record ListQuery(Caller Caller, Guid StudentId) : IRequest<Result<List<Guardian>>>;

    public sealed record AddCommand(Caller Caller, Guid StudentId, AddGuardianRequest Body) : IRequest<Result<Guardian>>;

    public sealed class Validator : AbstractValidator<AddGuardianRequest>
    {
        public Validator()
        {
            RuleFor(r => r.GivenName).NotEmpty().MaximumLength(100);
            RuleFor(r => r.FamilyName).NotEmpty().MaximumLength(100);
            RuleFor(r => r.Email).MaximumLength(320).EmailAddress().When(r => !string.IsNullOrWhiteSpace(r.Email));
            RuleFor(r => r.Phone).MaximumLength(40);
            RuleFor(r => r.Relationship).IsInEnum();
            RuleFor(r => r.PreferredLanguage).MustBeLanguage();
        }
    }

    /// <summary>A student's guardians with their account's state (invited: no password and no SSO subject yet).</summary>
    internal const string Select =
        "SELECT gp.id, gp.given_name, gp.family_name, gp.email, gp.phone, gp.preferred_language, g.relationship, " +
        "CASE WHEN u.id IS NULL THEN NULL WHEN u.password_hash IS NULL AND u.external_subject IS NULL THEN 'invited' ELSE 'active' END AS account " +
        "FROM guardianships g JOIN people gp ON gp.id = g.guardian_id LEFT JOIN users u ON u.id = gp.user_id AND u.disabled = 0 " +
        "WHERE g.student_id = @StudentId ORDER BY gp.family_name, gp.given_name, gp.id";

    private const string InsertPerson =
        "INSERT INTO people (id, kind, region_id, district_id, school_id, given_name, family_name, email, phone, preferred_language, status, version, created_at, updated_at) " +
        "VALUES (@Id, 'guardian', @RegionId, @DistrictId, @SchoolId, @GivenName, @FamilyName, @Email, @Phone, @PreferredLanguage, 'active', 1, @Now, @Now)";

    private const string InsertLink = "INSERT INTO guardianships (student_id, guardian_id, relationship) VALUES (@StudentId, @Id, @Relationship)";

    public sealed class ListHandler(Db db) : IRequestHandler<ListQuery, Result<List<Guardian>>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [Select, InsertPerson, InsertLink, .. StudentAccess.Statements];

        public async ValueTask<Result<List<Guardian>>> Handle(ListQuery query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            if (await StudentAccess.FindVisibleAsync(connection, query.Caller, query.StudentId, cancellationToken) is null)
            {
                return Error.NotFound($"Student {query.StudentId}");
            }

            return await ListAsync(connection, query.StudentId, cancellationToken);
        }
    }

    /// <summary>A student's guardians as the API shows them.</summary>
    internal static async Task<List<Guardian>> ListAsync(System.Data.Common.DbConnection connection, Guid studentId, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<Row>(new CommandDefinition(Select, new { StudentId = studentId }, cancellationToken: cancellationToken))).Select(r => r.ToContract()).ToList();

    public sealed class AddHandler(Db db, TimeProvider clock) : IRequestHandler<AddCommand, Result<Guardian>>
    {
        public async ValueTask<Result<Guardian>> Handle(AddCommand command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var (student, refused) = await WritableStudentAsync(connection, command.Caller, command.StudentId, cancellationToken);
            if (refused is not null)
            {
                return refused;
            }

            var id = Guid.CreateVersion7();
            var guardian = Stored(id, command.Body);
            await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
            {
                await connection.ExecuteAsync(new CommandDefinition(InsertPerson, new
                {
                    Id = id,
                    student!.RegionId,
                    student.DistrictId,
                    student.SchoolId,
                    guardian.GivenName,
                    guardian.FamilyName,
                    guardian.Email,
                    guardian.Phone,
                    guardian.PreferredLanguage,
                    Now = clock.GetUtcNow(),
                }, transaction, cancellationToken: cancellationToken));
                await connection.ExecuteAsync(new CommandDefinition(InsertLink,
                    new { command.StudentId, Id = id, Relationship = DbEnum.ToText(guardian.Relationship) }, transaction, cancellationToken: cancellationToken));
                await transaction.CommitAsync(cancellationToken);
            }

            return guardian;
        }
    }

    /// <summary>The student whose guardians the caller changes: 404 when they do not see the student, 403 when they may not write the record.</summary>
    internal static async Task<(StudentRecord? Student, Error? Error)> WritableStudentAsync(System.Data.Common.DbConnection connection, Caller caller, Guid studentId,
        CancellationToken cancellationToken)
    {
        var student = await StudentAccess.FindVisibleAsync(connection, caller, studentId, cancellationToken);
        if (student is null)
        {
            return (null, Error.NotFound($"Student {studentId}"));
        }

        return StudentAccess.CanWriteRecord(caller, student) ? (student, null) : (null, Error.Forbidden("Your role does not allow changing this student's guardians."));
    }

    /// <summary>A guardian as a request stores them: names trimmed, empty email and phone as none.</summary>
    internal static Guardian Stored(Guid id, AddGuardianRequest body) => new()
    {
        Id = id.ToString("D"),
        GivenName = body.GivenName.Trim(),
        FamilyName = body.FamilyName.Trim(),
        Email = AddressColumns.Normalize(body.Email),
        Phone = AddressColumns.Normalize(body.Phone),
        Relationship = body.Relationship,
        PreferredLanguage = body.PreferredLanguage,
    };

    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapGet("/{id:guid}/guardians", async Task<Answer<Ok<List<Guardian>>, Fails.NotFound>> (Guid id, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new ListQuery(caller, id), ct)).Match(list => TypedResults.Ok(list)))
            .WithName("listGuardians")
            .WithSummary("A student's parents and guardians");
        group.MapPost("/{id:guid}/guardians", async Task<Answer<Created<Guardian>, Fails.Invalid, Fails.Forbidden, Fails.NotFound>> (Guid id, AddGuardianRequest body, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new AddCommand(caller, id, body), ct)).Match(guardian => TypedResults.Created($"/api/v1/students/{id}/guardians", guardian)))
            .Validate<AddGuardianRequest>()
            .WithName("addGuardian")
            .WithSummary("Add a parent or guardian to a student");
    }

    private sealed class Row
    {
        public Guid Id { get; set; }
        public string GivenName { get; set; } = "";
        public string FamilyName { get; set; } = "";
        public string? Email { get; set; }
        public string? Phone { get; set; }
        public string Relationship { get; set; } = "";
        public string? PreferredLanguage { get; set; }
        public string? Account { get; set; }

        public Guardian ToContract() => new()
        {
            Id = Id.ToString("D"),
            GivenName = GivenName,
            FamilyName = FamilyName,
            Email = Email,
            Phone = Phone,
            Relationship = DbEnum.Parse<GuardianRelationship>(Relationship),
            PreferredLanguage = PreferredLanguage,
            Account = Account is null ? null : DbEnum.Parse<GuardianAccountStatus>(Account),
        };
    }
}
