using FluentValidation;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Placements;
using Mediator;

namespace LaunchPath.Api.Features.Placements.WorkRules;

/// <summary>
/// GET and PUT /api/v1/regions/{id}/work-rules — which rule for the hours minors may work the region applies when hours
/// are logged: federal (29 CFR 570.35 for 14–15-year-olds) or California (that, and Labor Code 1391 for 16–17-year-olds).
/// Anyone who sees the region reads it; its curators change it (If-Match: the version read).
/// </summary>
public static class RegionWorkRules
{
    public sealed record Query(Caller Caller, Guid RegionId) : IRequest<Result<Contracts.Placements.WorkRules>>;

    public sealed record Command(Caller Caller, Guid RegionId, int? ExpectedVersion, UpdateWorkRulesRequest Body) : IRequest<Result<Contracts.Placements.WorkRules>>;

    public sealed class Validator : AbstractValidator<UpdateWorkRulesRequest>
    {
        public Validator() => RuleFor(r => r.MinorHoursRule).IsInEnum();
    }

    private const string Insert = "INSERT INTO work_rules (region_id, minor_hours_rule, version, updated_at) VALUES (@RegionId, @MinorHoursRule, @Version, @Now)";

    private const string Update =
        "UPDATE work_rules SET minor_hours_rule = @MinorHoursRule, version = @Version, updated_at = @Now WHERE region_id = @RegionId AND version = @Current";

    public sealed class Handler(Db db, TimeProvider clock)
        : IRequestHandler<Query, Result<Contracts.Placements.WorkRules>>, IRequestHandler<Command, Result<Contracts.Placements.WorkRules>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [Insert, Update, .. WorkRulesRecord.Statements];

        public async ValueTask<Result<Contracts.Placements.WorkRules>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            return await RegionSettings.CheckReaderAsync(connection, query.Caller, query.RegionId, cancellationToken) is { } unseen
                ? unseen
                : await WorkRulesRecord.ReadAsync(connection, query.RegionId, cancellationToken);
        }

        public async ValueTask<Result<Contracts.Placements.WorkRules>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            if (await RegionSettings.CheckCuratorAsync(connection, command.Caller, command.RegionId, cancellationToken) is { } denied)
            {
                return denied;
            }

            var current = await WorkRulesRecord.ReadAsync(connection, command.RegionId, cancellationToken);
            if (!await VersionedSave.SaveAsync(connection, db.Dialect, Insert, Update, command.ExpectedVersion, current.Version,
                    new { command.RegionId, MinorHoursRule = DbEnum.ToText(command.Body.MinorHoursRule) }, clock.GetUtcNow(), cancellationToken))
            {
                return Error.VersionMismatch;
            }

            return await WorkRulesRecord.ReadAsync(connection, command.RegionId, cancellationToken);
        }
    }

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/regions/{id:guid}/work-rules", async Task<Answer<Ok<Contracts.Placements.WorkRules>, Fails.NotFound>> (Guid id, Caller caller, HttpResponse response,
                    IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Query(caller, id), ct)).Match(rules =>
                {
                    response.SetETag(rules.Version);
                    return TypedResults.Ok(rules);
                }))
            .WithTags("Placements")
            .WithName("getWorkRules")
            .WithSummary("The region's rule for the hours minors may work");
        api.MapPut("/regions/{id:guid}/work-rules", async Task<Answer<Ok<Contracts.Placements.WorkRules>, Fails.Forbidden, Fails.NotFound, Fails.Versioned>> (Guid id,
                    UpdateWorkRulesRequest body, Caller caller, HttpRequest request, IMediator mediator, CancellationToken ct) =>
                await Concurrency.VersionedUpdate(request, expected => mediator.Send(new Command(caller, id, expected, body), ct), r => r.Version))
            .Validate<UpdateWorkRulesRequest>()
            .WithTags("Placements")
            .WithName("updateWorkRules")
            .WithSummary("Choose the region's rule for the hours minors may work")
            .WithDescription("Send the ETag from GET in If-Match. 412 when it is stale, 428 when it is missing.");
    }
}
