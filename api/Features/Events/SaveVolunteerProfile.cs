using Dapper;
using FluentValidation;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Common;
using LaunchPath.Contracts.Events;
using LaunchPath.Contracts.Organizations;
using Mediator;

namespace LaunchPath.Api.Features.Events;

/// <summary>
/// PUT /api/v1/me/volunteer — an employer's staff member lists themself as a volunteer speaker or mentor: the career
/// clusters they speak on, topics, when they are free, in person or online. GET reads it back (404 when none).
/// </summary>
public static class SaveVolunteerProfile
{
    public sealed record Command(Caller Caller, VolunteerRequest Body) : IRequest<Result<Volunteer>>;

    public sealed record Query(Caller Caller) : IRequest<Result<Volunteer>>;

    public sealed class Validator : AbstractValidator<VolunteerRequest>
    {
        public Validator()
        {
            RuleFor(r => r.EmployerId).NotEmpty().MustBeId();
            RuleFor(r => r.CareerClusters).NotEmpty().Must(c => c.Count <= 16 && c.Distinct().Count() == c.Count).WithMessage("Name each career cluster once.");
            RuleFor(r => r.Topics).NotEmpty().MaximumLength(1000);
            RuleFor(r => r.Availability).MaximumLength(1000);
            RuleFor(r => r).Must(r => r.InPerson || r.Virtual).WithName("inPerson").WithMessage("Say whether you can come in person, join online, or both.");
        }
    }

    private static string Save(SqlDialect dialect) =>
        dialect.Upsert("volunteers", ["user_id"], ["employer_id", "clusters", "topics", "availability", "in_person", "virtual", "active", "updated_at"]);

    private const string SelectMine = $"{VolunteerRow.Select} WHERE v.user_id = @UserId";

    public sealed class Handler(Db db, TimeProvider clock) : IRequestHandler<Command, Result<Volunteer>>, IRequestHandler<Query, Result<Volunteer>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [Save(dialect), SelectMine];

        public async ValueTask<Result<Volunteer>> Handle(Command command, CancellationToken cancellationToken)
        {
            var employerId = Guid.Parse(command.Body.EmployerId);
            if (command.Caller.UserId is not { } userId
                || !command.Caller.Grants.Any(g => g.Organization.Type == OrganizationType.Employer && g.Organization.Id == employerId))
            {
                return Error.Forbidden("Volunteers are the staff of the employer they volunteer for.");
            }

            var body = command.Body;
            await using var connection = await db.OpenAsync(cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(Save(db.Dialect), new
            {
                user_id = userId, employer_id = employerId, clusters = DbJson.Write(body.CareerClusters.Select(DbEnum.ToText).ToList()), topics = body.Topics.Trim(),
                availability = string.IsNullOrWhiteSpace(body.Availability) ? null : body.Availability.Trim(), in_person = body.InPerson, @virtual = body.Virtual,
                active = body.Active ?? true, updated_at = clock.GetUtcNow(),
            }, cancellationToken: cancellationToken));
            return (await ReadAsync(connection, userId, cancellationToken))!;
        }

        public async ValueTask<Result<Volunteer>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            return query.Caller.UserId is { } userId && await ReadAsync(connection, userId, cancellationToken) is { } volunteer
                ? volunteer
                : Error.NotFound("Your volunteer profile");
        }

        private static async Task<Volunteer?> ReadAsync(System.Data.Common.DbConnection connection, Guid userId, CancellationToken cancellationToken) =>
            (await connection.QuerySingleOrDefaultAsync<VolunteerRow>(new CommandDefinition(SelectMine, new { UserId = userId }, cancellationToken: cancellationToken)))?.ToContract();
    }

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPut("/me/volunteer", async Task<Answer<Ok<Volunteer>, Fails.Invalid, Fails.Forbidden>> (VolunteerRequest body, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Command(caller, body), ct)).Match(v => TypedResults.Ok(v)))
            .Validate<VolunteerRequest>()
            .WithName("saveVolunteerProfile")
            .WithSummary("List yourself as a volunteer speaker or mentor for your employer");
        api.MapGet("/me/volunteer", async Task<Answer<Ok<Volunteer>, Fails.NotFound>> (Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Query(caller), ct)).Match(v => TypedResults.Ok(v)))
            .WithName("getVolunteerProfile")
            .WithSummary("Your volunteer profile");
    }
}

/// <summary>A volunteer as stored (shared by the area's readers).</summary>
internal sealed class VolunteerRow
{
    public const string Select =
        "SELECT v.user_id, u.display_name AS name, v.employer_id, e.name AS employer_name, v.clusters, v.topics, v.availability, v.in_person, v.virtual, v.active " +
        "FROM volunteers v JOIN users u ON u.id = v.user_id JOIN organizations e ON e.id = v.employer_id";

    public Guid UserId { get; set; }
    public string Name { get; set; } = "";
    public Guid EmployerId { get; set; }
    public string EmployerName { get; set; } = "";
    public string Clusters { get; set; } = "[]";
    public string Topics { get; set; } = "";
    public string? Availability { get; set; }
    public bool InPerson { get; set; }
    public bool Virtual { get; set; }
    public bool Active { get; set; }

    public Volunteer ToContract() => new()
    {
        UserId = UserId.ToString("D"),
        Name = Name,
        EmployerId = EmployerId.ToString("D"),
        EmployerName = EmployerName,
        CareerClusters = DbJson.Read<List<string>>(Clusters, []).Select(DbEnum.Parse<CareerCluster>).ToList(),
        Topics = Topics,
        Availability = Availability,
        InPerson = InPerson,
        Virtual = Virtual,
        Active = Active,
    };
}
