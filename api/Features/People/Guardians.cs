using Dapper;
using FluentValidation;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Messaging;
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
            RuleFor(r => r.PreferredLanguage).Must(l => l is null || MessageTemplates.Languages.Contains(l))
                .WithMessage($"Preferred language must be one of: {string.Join(", ", MessageTemplates.Languages)}.");
        }
    }

    private const string Select =
        "SELECT gp.id, gp.given_name, gp.family_name, gp.email, gp.phone, gp.preferred_language, g.relationship FROM guardianships g " +
        "JOIN people gp ON gp.id = g.guardian_id WHERE g.student_id = @StudentId ORDER BY gp.family_name, gp.given_name, gp.id";

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

            var rows = await connection.QueryAsync<Row>(new CommandDefinition(Select, new { query.StudentId }, cancellationToken: cancellationToken));
            return rows.Select(r => r.ToContract()).ToList();
        }
    }

    public sealed class AddHandler(Db db, TimeProvider clock) : IRequestHandler<AddCommand, Result<Guardian>>
    {
        public async ValueTask<Result<Guardian>> Handle(AddCommand command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var student = await StudentAccess.FindVisibleAsync(connection, command.Caller, command.StudentId, cancellationToken);
            if (student is null)
            {
                return Error.NotFound($"Student {command.StudentId}");
            }

            if (!StudentAccess.CanWriteRecord(command.Caller, student))
            {
                return Error.Forbidden("Your role does not allow changing this student's guardians.");
            }

            var body = command.Body;
            var id = Guid.CreateVersion7();
            await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
            {
                await connection.ExecuteAsync(new CommandDefinition(InsertPerson, new
                {
                    Id = id,
                    student.RegionId,
                    student.DistrictId,
                    student.SchoolId,
                    GivenName = body.GivenName.Trim(),
                    FamilyName = body.FamilyName.Trim(),
                    Email = AddressColumns.Normalize(body.Email),
                    Phone = AddressColumns.Normalize(body.Phone),
                    body.PreferredLanguage,
                    Now = clock.GetUtcNow(),
                }, transaction, cancellationToken: cancellationToken));
                await connection.ExecuteAsync(new CommandDefinition(InsertLink,
                    new { command.StudentId, Id = id, Relationship = DbEnum.ToText(body.Relationship) }, transaction, cancellationToken: cancellationToken));
                await transaction.CommitAsync(cancellationToken);
            }

            return new Guardian
            {
                Id = id.ToString("D"),
                GivenName = body.GivenName.Trim(),
                FamilyName = body.FamilyName.Trim(),
                Email = AddressColumns.Normalize(body.Email),
                Phone = AddressColumns.Normalize(body.Phone),
                Relationship = body.Relationship,
                PreferredLanguage = body.PreferredLanguage,
            };
        }
    }

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

        public Guardian ToContract() => new()
        {
            Id = Id.ToString("D"),
            GivenName = GivenName,
            FamilyName = FamilyName,
            Email = Email,
            Phone = Phone,
            Relationship = DbEnum.Parse<GuardianRelationship>(Relationship),
            PreferredLanguage = PreferredLanguage,
        };
    }
}
