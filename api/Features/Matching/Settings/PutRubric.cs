using System.Data.Common;
using Dapper;
using FluentValidation;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Organizations;
using LaunchPath.Contracts.Placements;
using Mediator;

namespace LaunchPath.Api.Features.Matching.Settings;

/// <summary>
/// PUT /api/v1/regions/{id}/rubric — a region's curators define its own evaluation rubric (If-Match: the version read).
/// </summary>
public static class PutRubric
{
    /// <summary>ExpectedVersion is the If-Match version; null for If-Match: * (any version).</summary>
    public sealed record Command(Caller Caller, Guid RegionId, int? ExpectedVersion, Rubric Body) : IRequest<Result<Rubric>>;

    public sealed class RubricValidator : AbstractValidator<Rubric>
    {
        public RubricValidator()
        {
            RuleFor(r => r.Name).NotEmpty().MaximumLength(200);
            RuleFor(r => r.Levels).Must(l => l.Count is >= 2 and <= 6 && l.Select(x => x.Level).Order().SequenceEqual(Enumerable.Range(1, l.Count)))
                .WithMessage("Levels are numbered 1..n (2 to 6 levels).");
            RuleForEach(r => r.Levels).ChildRules(l => l.RuleFor(x => x.Label).NotEmpty().MaximumLength(100));
            RuleFor(r => r.Criteria).NotEmpty().Must(c => c.Count <= 50 && c.Select(x => x.Id).Distinct().Count() == c.Count)
                .WithMessage("1 to 50 criteria with distinct ids.");
            RuleForEach(r => r.Criteria).ChildRules(c =>
            {
                c.RuleFor(x => x.Id).NotEmpty().MaximumLength(64);
                c.RuleFor(x => x.Category).NotEmpty().MaximumLength(100);
                c.RuleFor(x => x.Description).NotEmpty().MaximumLength(300);
            });
        }
    }

    private const string InsertRubric = "INSERT INTO rubrics (region_id, definition, version, updated_at) VALUES (@RegionId, @Definition, @Version, @Now)";

    private const string UpdateRubric =
        "UPDATE rubrics SET definition = @Definition, version = @Version, updated_at = @Now WHERE region_id = @RegionId AND version = @Current";

    public sealed class Handler(Db db, TimeProvider clock) : IRequestHandler<Command, Result<Rubric>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [InsertRubric, UpdateRubric, .. Rubrics.Statements];

        public async ValueTask<Result<Rubric>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            if (await RegionSettings.CheckCuratorAsync(connection, command.Caller, command.RegionId, cancellationToken) is { } denied)
            {
                return denied;
            }

            var current = await Rubrics.ForRegionAsync(connection, command.RegionId, cancellationToken);
            if (!await VersionedSave.SaveAsync(connection, db.Dialect, InsertRubric, UpdateRubric, command.ExpectedVersion, current.Version,
                    new { command.RegionId, Definition = DbJson.Write(command.Body with { Version = 0 }) }, clock.GetUtcNow(), cancellationToken))
            {
                return Error.VersionMismatch;
            }

            return await Rubrics.ForRegionAsync(connection, command.RegionId, cancellationToken);
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapPut("/regions/{id:guid}/rubric", async Task<Answer<Ok<Rubric>, Fails.Forbidden, Fails.NotFound, Fails.Versioned>> (Guid id, Rubric body, Caller caller, HttpRequest request, IMediator mediator, CancellationToken ct) =>
                await Concurrency.VersionedUpdate(request, expected => mediator.Send(new Command(caller, id, expected, body), ct), r => r.Version))
            .Validate<Rubric>().WithTags("Evaluations").WithName("putRubric").WithSummary("Define the region's own evaluation rubric")
            .WithDescription("Send the ETag (or version) from GET in If-Match. 412 when it is stale, 428 when it is missing.");
}
