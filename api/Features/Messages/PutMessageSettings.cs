using Dapper;
using FluentValidation;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Messaging;
using Mediator;

namespace LaunchPath.Api.Features.Messages;

/// <summary>
/// PUT /api/v1/regions/{id}/message-settings — the region's curators set its time zone and reminder delays (If-Match:
/// the version read).
/// </summary>
public static class PutMessageSettings
{
    public sealed record Command(Caller Caller, Guid RegionId, int? ExpectedVersion, UpdateMessageSettingsRequest Body) : IRequest<Result<MessageSettings>>;

    public sealed class Validator : AbstractValidator<UpdateMessageSettingsRequest>
    {
        public Validator()
        {
            RuleFor(r => r.TimeZone).NotEmpty().MaximumLength(64)
                .Must(zone => TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _)).WithMessage("Use an IANA time zone, such as America/Los_Angeles.");
            RuleFor(r => r.AgreementReminderDays).InclusiveBetween(1, 60);
            RuleFor(r => r.HoursReminderDays).InclusiveBetween(1, 60);
            RuleFor(r => r.ExpiryWarningDays).InclusiveBetween(1, 90);
        }
    }

    private const string Insert =
        "INSERT INTO message_settings (region_id, agreement_reminder_days, hours_reminder_days, expiry_warning_days, version, updated_at) " +
        "VALUES (@RegionId, @AgreementReminderDays, @HoursReminderDays, @ExpiryWarningDays, @Version, @Now)";

    private const string Update =
        "UPDATE message_settings SET agreement_reminder_days = @AgreementReminderDays, hours_reminder_days = @HoursReminderDays, " +
        "expiry_warning_days = @ExpiryWarningDays, version = @Version, updated_at = @Now WHERE region_id = @RegionId AND version = @Current";

    private const string SetTimeZone = "UPDATE organizations SET time_zone = @TimeZone WHERE id = @RegionId";

    public sealed class Handler(Db db, TimeProvider clock) : IRequestHandler<Command, Result<MessageSettings>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [Insert, Update, SetTimeZone, .. MessageSettingsRecord.Statements];

        public async ValueTask<Result<MessageSettings>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            if (await RegionSettings.CheckCuratorAsync(connection, command.Caller, command.RegionId, cancellationToken) is { } denied)
            {
                return denied;
            }

            var body = command.Body;
            var current = await MessageSettingsRecord.ReadAsync(connection, command.RegionId, cancellationToken);
            if (!await VersionedSave.SaveAsync(connection, db.Dialect, Insert, Update, command.ExpectedVersion, current.Version,
                    new { command.RegionId, body.AgreementReminderDays, body.HoursReminderDays, body.ExpiryWarningDays }, clock.GetUtcNow(), cancellationToken))
            {
                return Error.VersionMismatch;
            }

            await connection.ExecuteAsync(new CommandDefinition(SetTimeZone, new { command.RegionId, TimeZone = body.TimeZone.Trim() }, cancellationToken: cancellationToken));
            return await MessageSettingsRecord.ReadAsync(connection, command.RegionId, cancellationToken);
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPut("/regions/{id:guid}/message-settings", async Task<Answer<Ok<MessageSettings>, Fails.Forbidden, Fails.NotFound, Fails.Versioned>> (Guid id,
                    UpdateMessageSettingsRequest body, Caller caller, HttpRequest request, IMediator mediator, CancellationToken ct) =>
                await Concurrency.VersionedUpdate(request, expected => mediator.Send(new Command(caller, id, expected, body), ct), s => s.Version))
            .Validate<UpdateMessageSettingsRequest>()
            .WithName("updateMessageSettings")
            .WithSummary("Set the region's time zone and reminder delays")
            .WithDescription("Send the ETag from GET in If-Match. 412 when it is stale, 428 when it is missing.");
}
