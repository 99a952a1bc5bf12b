using Dapper;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Partners;
using Mediator;

namespace LaunchPath.Api.Features.Partners;

/// <summary>
/// PUT /api/v1/partners/{id}/profile — the employer's admin changes what it said of itself. An application sent back
/// for changes goes back to the region's review with it; a declined one stays declined.
/// </summary>
public static class UpdatePartnerProfile
{
    public sealed record Command(Caller Caller, Guid EmployerId, PartnerProfile Body) : IRequest<Result<Partnership>>;

    private const string Update =
        "UPDATE organizations SET name = @Name, industry = @Industry, partner_profile = @Profile, " +
        "partner_status = CASE WHEN partner_status = 'changesRequested' THEN 'pending' ELSE partner_status END, " +
        "partner_applied_at = CASE WHEN partner_status = 'changesRequested' THEN @Now ELSE partner_applied_at END, version = version + 1, updated_at = @Now " +
        "WHERE id = @Id AND type = 'employer' AND partner_status <> 'declined'";

    public sealed class Handler(Db db, TimeProvider clock) : IRequestHandler<Command, Result<Partnership>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [Update, .. PartnerRecords.Statements];

        public async ValueTask<Result<Partnership>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var (standing, refused) = await PartnerRecords.OpenAsync(connection, command.Caller, command.EmployerId, cancellationToken);
            if (refused is not null)
            {
                return refused;
            }

            if (!standing!.EmployerAdmin)
            {
                return Error.Forbidden("The employer's admins keep its profile.");
            }

            var now = clock.GetUtcNow();
            if (await connection.ExecuteAsync(new CommandDefinition(Update, new
                {
                    Id = command.EmployerId, Name = command.Body.OrganizationName.Trim(), Industry = command.Body.Industry.Trim(), Profile = DbJson.Write(command.Body), Now = now,
                }, cancellationToken: cancellationToken)) == 0)
            {
                return Error.Conflict("The application was declined; ask the region's convener to review it again.");
            }

            var renamed = standing with { Employer = standing.Employer with { Name = command.Body.OrganizationName.Trim() } };
            return await PartnerRecords.LoadAsync(connection, renamed, DateOnly.FromDateTime(now.UtcDateTime), cancellationToken);
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapPut("/partners/{id:guid}/profile", async Task<Answer<Ok<Partnership>, Fails.Invalid, Fails.Forbidden, Fails.NotFound, Fails.Conflict>> (Guid id, PartnerProfile body,
                    Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Command(caller, id, body), ct)).Match(p => TypedResults.Ok(p)))
            .Validate<PartnerProfile>()
            .WithTags("Partners")
            .WithName("updatePartnerProfile")
            .WithSummary("Change the employer's partner profile (its admins)")
            .WithDescription("An application sent back for changes returns to the region's review.");
}
