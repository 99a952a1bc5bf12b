using Dapper;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Partners;
using Mediator;

namespace LaunchPath.Api.Features.Partners.Worksites;

/// <summary>
/// POST /api/v1/partners/{id}/worksites adds a worksite to an employer; PUT /api/v1/worksites/{id} changes one
/// (If-Match). The employer's admins or the region's side. A worksite that moves (another address, or to or from
/// remote) needs its safety checklist again: an approved or submitted checklist goes back to none.
/// </summary>
public static class SaveWorksite
{
    public sealed record Create(Caller Caller, Guid EmployerId, WorksiteRequest Body) : IRequest<Result<Worksite>>;

    public sealed record Change(Caller Caller, Guid WorksiteId, int? ExpectedVersion, WorksiteRequest Body) : IRequest<Result<Worksite>>;

    private static readonly string Update =
        "UPDATE worksites SET name = @Name, address_line1 = @address_line1, address_line2 = @address_line2, address_city = @address_city, address_state = @address_state, " +
        "address_postal_code = @address_postal_code, address_country = @address_country, latitude = @Latitude, longitude = @Longitude, remote = @Remote, " +
        "accessibility = @Accessibility, transit = @Transit, checklist_status = CASE WHEN @Moved = 1 THEN 'none' ELSE checklist_status END, " +
        "version = version + 1, updated_at = @Now WHERE id = @Id AND version = @Version";

    public sealed class Handler(Db db, TimeProvider clock) : IRequestHandler<Create, Result<Worksite>>, IRequestHandler<Change, Result<Worksite>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [PartnerRules.InsertWorksite, Update, .. PartnerRecords.Statements];

        public async ValueTask<Result<Worksite>> Handle(Create command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var (standing, refused) = await PartnerRecords.OpenAsync(connection, command.Caller, command.EmployerId, cancellationToken);
            if (refused is not null)
            {
                return refused;
            }

            var id = Guid.CreateVersion7();
            var parameters = PartnerRules.WorksiteParameters(command.Body);
            parameters.AddDynamicParams(new { Id = id, EmployerId = command.EmployerId, standing!.Employer.Ref.RegionId, Now = clock.GetUtcNow() });
            await connection.ExecuteAsync(new CommandDefinition(PartnerRules.InsertWorksite, parameters, cancellationToken: cancellationToken));
            return (await PartnerRecords.FindWorksiteAsync(connection, id, cancellationToken))!.ToContract();
        }

        public async ValueTask<Result<Worksite>> Handle(Change command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var (current, _, refused) = await PartnerRecords.OpenOwnedAsync(connection, command.Caller,
                await PartnerRecords.FindWorksiteAsync(connection, command.WorksiteId, cancellationToken), w => w.EmployerId, $"Worksite {command.WorksiteId}", cancellationToken);
            if (refused is not null)
            {
                return refused;
            }

            if (command.ExpectedVersion is { } expected && expected != current!.Version)
            {
                return Error.VersionMismatch;
            }

            var body = command.Body;
            var before = current!.ToContract();
            var moved = body.Remote != current.Remote || DbJson.Write(body.Remote ? null : body.Address) != DbJson.Write(before.Address);
            var parameters = PartnerRules.WorksiteParameters(body);
            parameters.AddDynamicParams(new { Id = current.Id, current.Version, Moved = moved ? 1 : 0, Now = clock.GetUtcNow() });
            if (await connection.ExecuteAsync(new CommandDefinition(Update, parameters, cancellationToken: cancellationToken)) == 0)
            {
                return Error.VersionMismatch;
            }

            return (await PartnerRecords.FindWorksiteAsync(connection, current.Id, cancellationToken))!.ToContract();
        }
    }

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/partners/{id:guid}/worksites", async Task<Answer<Created<Worksite>, Fails.Invalid, Fails.Forbidden, Fails.NotFound>> (Guid id, WorksiteRequest body, Caller caller,
                    HttpResponse response, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Create(caller, id, body), ct)).Match(site =>
                {
                    response.SetETag(site.Version);
                    return TypedResults.Created($"/api/v1/worksites/{site.Id}", site);
                }))
            .Validate<WorksiteRequest>()
            .WithTags("Partners")
            .WithName("createWorksite")
            .WithSummary("Add a worksite to an employer");
        api.MapPut("/worksites/{id:guid}", async Task<Answer<Ok<Worksite>, Fails.Invalid, Fails.Forbidden, Fails.NotFound, Fails.Versioned>> (Guid id, WorksiteRequest body,
                    Caller caller, HttpRequest request, IMediator mediator, CancellationToken ct) =>
                await Concurrency.VersionedUpdate(request, expected => mediator.Send(new Change(caller, id, expected, body), ct), w => w.Version))
            .Validate<WorksiteRequest>()
            .WithTags("Partners")
            .WithName("updateWorksite")
            .WithSummary("Change a worksite")
            .WithDescription("Send the ETag in If-Match. A worksite that moves (address, or remote) needs its safety checklist again.");
    }
}
