using Dapper;
using FluentValidation;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Matching;
using LaunchPath.Contracts.Organizations;
using Mediator;

namespace LaunchPath.Api.Features.Matching.Settings;

/// <summary>
/// PUT /api/v1/regions/{id}/matching-settings — a region's curators set its recommendation weights and round defaults
/// (If-Match: the version read).
/// </summary>
public static class PutMatchingSettings
{
    /// <summary>ExpectedVersion is the If-Match version; null for If-Match: * (any version).</summary>
    public sealed record Command(Caller Caller, Guid RegionId, int? ExpectedVersion, UpdateMatchingSettingsRequest Body) : IRequest<Result<MatchingSettings>>;

    public sealed class MatchingSettingsValidator : AbstractValidator<UpdateMatchingSettingsRequest>
    {
        public MatchingSettingsValidator()
        {
            RuleFor(r => r.MaxChoices).InclusiveBetween(1, 20);
            RuleFor(r => r.Weights).NotNull();
            foreach (var (name, get) in new (string, Func<MatchingWeights, double>)[]
                     {
                         ("interest", w => w.Interest), ("pathway", w => w.Pathway), ("sequencing", w => w.Sequencing), ("schedule", w => w.Schedule),
                         ("travel", w => w.Travel), ("pay", w => w.Pay), ("credit", w => w.Credit), ("seats", w => w.Seats),
                     })
            {
                RuleFor(r => get(r.Weights)).InclusiveBetween(0, 100).OverridePropertyName("weights." + name).When(r => r.Weights is not null);
            }
        }
    }

    private const string Insert =
        "INSERT INTO matching_settings (region_id, weights, max_choices, version, updated_at) VALUES (@RegionId, @Weights, @MaxChoices, @Version, @Now)";
    private const string Update =
        "UPDATE matching_settings SET weights = @Weights, max_choices = @MaxChoices, version = @Version, updated_at = @Now " +
        "WHERE region_id = @RegionId AND version = @Current";

    public sealed class Handler(Db db, TimeProvider clock) : IRequestHandler<Command, Result<MatchingSettings>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [Insert, Update, .. MatchingFacts.Statements];

        public async ValueTask<Result<MatchingSettings>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            if (await RegionSettings.CheckCuratorAsync(connection, command.Caller, command.RegionId, cancellationToken) is { } denied)
            {
                return denied;
            }

            var current = await MatchingFacts.SettingsAsync(connection, command.RegionId, cancellationToken);
            if (!await VersionedSave.SaveAsync(connection, db.Dialect, Insert, Update, command.ExpectedVersion, current.Version,
                    new { command.RegionId, Weights = DbJson.Write(command.Body.Weights), command.Body.MaxChoices }, clock.GetUtcNow(), cancellationToken))
            {
                return Error.VersionMismatch;
            }

            return await MatchingFacts.SettingsAsync(connection, command.RegionId, cancellationToken);
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPut("/regions/{id:guid}/matching-settings", async Task<Answer<Ok<MatchingSettings>, Fails.Forbidden, Fails.NotFound, Fails.Versioned>> (Guid id, UpdateMatchingSettingsRequest body, Caller caller, HttpRequest request, IMediator mediator, CancellationToken ct) =>
                await Concurrency.VersionedUpdate(request, expected => mediator.Send(new Command(caller, id, expected, body), ct), s => s.Version))
            .Validate<UpdateMatchingSettingsRequest>()
            .WithName("updateMatchingSettings")
            .WithSummary("Set the region's matching weights and round defaults")
            .WithDescription("Send the ETag from GET in If-Match. 412 when it is stale, 428 when it is missing.");
}
