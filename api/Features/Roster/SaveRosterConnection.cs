using Dapper;
using FluentValidation;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Roster;
using Mediator;
using Microsoft.AspNetCore.DataProtection;

namespace LaunchPath.Api.Features.Roster;

/// <summary>
/// PUT /api/v1/districts/{id}/roster-connection — a district admin registers (or changes) the district SIS's OneRoster
/// 1.2 REST service: base URL, token URL, client id and secret. The secret is encrypted with ASP.NET Core Data
/// Protection and never returned; omitted on a change, the stored one stays. Changing the service forgets the watermark,
/// so the next pull is a full one.
/// </summary>
public static class SaveRosterConnection
{
    public sealed record Command(Caller Caller, Guid DistrictId, RosterConnectionRequest Body) : IRequest<Result<RosterConnection>>;

    public sealed class Validator : AbstractValidator<RosterConnectionRequest>
    {
        public Validator(IConfiguration configuration)
        {
            var allowHttp = configuration.GetValue("Roster:AllowHttpConnections", false);
            RuleFor(r => r.BaseUrl).NotEmpty().MaximumLength(2000).Must(url => IsServiceUrl(url, allowHttp))
                .WithMessage(allowHttp ? "Must be an absolute http(s) URL." : "Must be an absolute https URL.");
            RuleFor(r => r.TokenUrl).NotEmpty().MaximumLength(2000).Must(url => IsServiceUrl(url, allowHttp))
                .WithMessage(allowHttp ? "Must be an absolute http(s) URL." : "Must be an absolute https URL.");
            RuleFor(r => r.ClientId).NotEmpty().MaximumLength(400);
            RuleFor(r => r.ClientSecret).MaximumLength(2000).Must(s => s is null || s.Trim().Length > 0).WithMessage("Leave the secret out to keep it, or give one.");
            RuleFor(r => r.PullHourUtc).InclusiveBetween(0, 23);
        }

        private static bool IsServiceUrl(string? url, bool allowHttp) =>
            Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || (allowHttp && uri.Scheme == Uri.UriSchemeHttp))
            && string.IsNullOrEmpty(uri.UserInfo) && string.IsNullOrEmpty(uri.Fragment);
    }

    private const string Insert =
        "INSERT INTO roster_connections (district_id, base_url, token_url, client_id, client_secret, enabled, pull_hour_utc, next_pull_at, version, created_at, updated_at) " +
        "VALUES (@DistrictId, @BaseUrl, @TokenUrl, @ClientId, @Secret, @Enabled, @Hour, @Next, 1, @Now, @Now)";

    private const string Update =
        "UPDATE roster_connections SET base_url = @BaseUrl, token_url = @TokenUrl, client_id = @ClientId, client_secret = @Secret, enabled = @Enabled, " +
        "pull_hour_utc = @Hour, next_pull_at = @Next, watermark = CASE WHEN base_url = @BaseUrl THEN watermark ELSE NULL END, version = version + 1, updated_at = @Now " +
        "WHERE district_id = @DistrictId";

    public sealed class Handler(Db db, IDataProtectionProvider protection, TimeProvider clock) : IRequestHandler<Command, Result<RosterConnection>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [Insert, Update, .. RosterConnectionRecord.Statements];

        public async ValueTask<Result<RosterConnection>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var (_, refused) = await RosterDistrict.FindAsync(connection, command.Caller, command.DistrictId, cancellationToken);
            if (refused is not null)
            {
                return refused;
            }

            var existing = await RosterConnectionRecord.FindAsync(connection, command.DistrictId, cancellationToken);
            var body = command.Body;
            if (existing is null && body.ClientSecret is null)
            {
                return Error.Validation("clientSecret", "The client secret is required when connecting a service.");
            }

            var now = clock.GetUtcNow();
            var secret = body.ClientSecret is { } plain ? protection.CreateProtector(RosterConnectionRecord.SecretPurpose).Protect(plain.Trim()) : existing!.ClientSecret;
            await connection.ExecuteAsync(new CommandDefinition(existing is null ? Insert : Update, new
            {
                command.DistrictId,
                BaseUrl = body.BaseUrl.Trim(),
                TokenUrl = body.TokenUrl.Trim(),
                ClientId = body.ClientId.Trim(),
                Secret = secret,
                body.Enabled,
                Hour = body.PullHourUtc,
                Next = body.Enabled ? RosterConnectionRecord.NextPull(now, body.PullHourUtc) : (DateTimeOffset?)null,
                Now = now,
            }, cancellationToken: cancellationToken));
            return (await RosterConnectionRecord.FindAsync(connection, command.DistrictId, cancellationToken))!.ToContract();
        }
    }

    public static void Map(IEndpointRouteBuilder group) =>
        group.MapPut("/districts/{id:guid}/roster-connection", async Task<Answer<Ok<RosterConnection>, Fails.Invalid, Fails.Forbidden, Fails.NotFound>> (Guid id, RosterConnectionRequest body, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Command(caller, id, body), ct)).Match(saved => TypedResults.Ok(saved)))
            .Validate<RosterConnectionRequest>()
            .WithName("saveRosterConnection")
            .WithSummary("Connect the district's OneRoster 1.2 REST service (or change the connection)");
}
