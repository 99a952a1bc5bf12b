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

namespace LaunchPath.Api.Features.Placements;

/// <summary>
/// Skills validated by the employer and the student's own reflection:
/// GET/PUT /regions/{id}/rubric (the region's rubric; default: the California internship template),
/// POST/GET /placements/{id}/evaluations (the employer's staff, midpoint and final, once each, on active or completed placements),
/// POST/GET /placements/{id}/reflections (the student writes; the student, guardians and school staff read).
/// </summary>
public static class Evaluations
{
    public static readonly Rubric Default = new()
    {
        Name = "California internship evaluation (CDE template)",
        Levels =
        [
            new RubricLevel { Level = 1, Label = "Does not meet expectations" },
            new RubricLevel { Level = 2, Label = "Approaching expectations" },
            new RubricLevel { Level = 3, Label = "Meets expectations" },
            new RubricLevel { Level = 4, Label = "Above expectations" },
        ],
        Criteria =
        [
            new RubricCriterion { Id = "foundational-communication", Category = "Foundational Skills", Description = "Communicates clearly in speaking and writing" },
            new RubricCriterion { Id = "foundational-academics", Category = "Foundational Skills", Description = "Applies reading, writing and math to work tasks" },
            new RubricCriterion { Id = "foundational-technology", Category = "Foundational Skills", Description = "Uses technology and tools appropriately" },
            new RubricCriterion { Id = "applied-problem-solving", Category = "Applied Workplace Skills", Description = "Solves problems and thinks critically" },
            new RubricCriterion { Id = "applied-teamwork", Category = "Applied Workplace Skills", Description = "Works well with others" },
            new RubricCriterion { Id = "applied-safety", Category = "Applied Workplace Skills", Description = "Follows workplace procedures and safety rules" },
            new RubricCriterion { Id = "self-dependability", Category = "Self-Management & Personal Responsibility", Description = "Is punctual and dependable" },
            new RubricCriterion { Id = "self-initiative", Category = "Self-Management & Personal Responsibility", Description = "Takes initiative and manages time" },
            new RubricCriterion { Id = "self-feedback", Category = "Self-Management & Personal Responsibility", Description = "Accepts feedback and acts on it" },
        ],
    };

    public sealed record GetRubric(Caller Caller, Guid RegionId) : IRequest<Result<Rubric>>;

    /// <summary>ExpectedVersion is the If-Match version; null for If-Match: * (any version).</summary>
    public sealed record PutRubric(Caller Caller, Guid RegionId, int? ExpectedVersion, Rubric Body) : IRequest<Result<Rubric>>;

    public sealed record Evaluate(Caller Caller, Guid PlacementId, SubmitEvaluationRequest Body) : IRequest<Result<Evaluation>>;

    public sealed record ListEvaluations(Caller Caller, Guid PlacementId) : IRequest<Result<List<Evaluation>>>;

    public sealed record Reflect(Caller Caller, Guid PlacementId, SubmitReflectionRequest Body) : IRequest<Result<Reflection>>;

    public sealed record ListReflections(Caller Caller, Guid PlacementId) : IRequest<Result<List<Reflection>>>;

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

    public sealed class EvaluationValidator : AbstractValidator<SubmitEvaluationRequest>
    {
        public EvaluationValidator()
        {
            RuleFor(r => r.Kind).IsInEnum();
            RuleFor(r => r.Ratings).NotEmpty();
            RuleFor(r => r.Comments).MaximumLength(4000);
        }
    }

    public sealed class ReflectionValidator : AbstractValidator<SubmitReflectionRequest>
    {
        public ReflectionValidator()
        {
            RuleFor(r => r.Text).NotEmpty().MaximumLength(4000);
            RuleFor(r => r.Rating).InclusiveBetween(1, 5);
            RuleFor(r => r.ClassId).MustBeId();
        }
    }

    private const string SelectRubric = "SELECT definition, version FROM rubrics WHERE region_id = @RegionId";

    private const string InsertEvaluation =
        "INSERT INTO evaluations (id, placement_id, kind, rubric_name, ratings, average_level, comments, evaluator_id, evaluator_name, submitted_at) " +
        "VALUES (@Id, @PlacementId, @Kind, @RubricName, @Ratings, @Average, @Comments, @UserId, @Name, @Now)";

    private const string InsertReflection =
        "INSERT INTO reflections (id, placement_id, student_id, text, rating, class_id, created_at) VALUES (@Id, @PlacementId, @StudentId, @Text, @Rating, @ClassId, @Now)";

    private const string InsertRubric = "INSERT INTO rubrics (region_id, definition, version, updated_at) VALUES (@RegionId, @Definition, @Version, @Now)";

    private const string UpdateRubric =
        "UPDATE rubrics SET definition = @Definition, version = @Version, updated_at = @Now WHERE region_id = @RegionId AND version = @Current";

    public sealed class Handler(Db db, TimeProvider clock) : IRequestHandler<GetRubric, Result<Rubric>>, IRequestHandler<PutRubric, Result<Rubric>>,
        IRequestHandler<Evaluate, Result<Evaluation>>, IRequestHandler<ListEvaluations, Result<List<Evaluation>>>,
        IRequestHandler<Reflect, Result<Reflection>>, IRequestHandler<ListReflections, Result<List<Reflection>>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) =>
            [SelectRubric, InsertRubric, UpdateRubric, InsertEvaluation, InsertReflection, .. PlacementRecord.Statements];

        public async ValueTask<Result<Rubric>> Handle(GetRubric query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var region = await Authorize.FindOrgAsync(connection, query.RegionId, cancellationToken);
            if (region is null || region.Ref.Type != OrganizationType.Region || !Authorize.CanSee(query.Caller, region.Ref))
            {
                return Error.NotFound($"Region {query.RegionId}");
            }

            return await RubricAsync(connection, query.RegionId, cancellationToken);
        }

        public async ValueTask<Result<Rubric>> Handle(PutRubric command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var region = await Authorize.FindOrgAsync(connection, command.RegionId, cancellationToken);
            if (region is null || region.Ref.Type != OrganizationType.Region)
            {
                return Error.NotFound($"Region {command.RegionId}");
            }

            if (Authorize.Check(command.Caller, Permission.OpportunitiesCurate, region.Ref, $"Region {command.RegionId}") is { } denied)
            {
                return denied;
            }

            var current = await RubricAsync(connection, command.RegionId, cancellationToken);
            if (!await VersionedSave.SaveAsync(connection, db.Dialect, InsertRubric, UpdateRubric, command.ExpectedVersion, current.Version,
                    new { command.RegionId, Definition = DbJson.Write(command.Body with { Version = 0 }) }, clock.GetUtcNow(), cancellationToken))
            {
                return Error.VersionMismatch;
            }

            return await RubricAsync(connection, command.RegionId, cancellationToken);
        }

        public async ValueTask<Result<Evaluation>> Handle(Evaluate command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var placement = await PlacementRecord.FindVisibleAsync(connection, command.Caller, command.PlacementId, cancellationToken);
            if (placement is null)
            {
                return Error.NotFound($"Placement {command.PlacementId}");
            }

            if (!PlacementRules.MayTake(PlacementAction.Evaluate, await PlacementRules.PartOfAsync(connection, command.Caller, placement, cancellationToken, askGuardian: false)))
            {
                return Error.Forbidden("The employer's staff evaluate the student.");
            }

            if (placement.PlacementStatus is not (PlacementStatus.Active or PlacementStatus.Completed))
            {
                return Error.Conflict($"Evaluations are for active or completed placements; this one is {placement.Status}.");
            }

            var rubric = await RubricAsync(connection, placement.RegionId, cancellationToken);
            var criteria = rubric.Criteria.Select(c => c.Id).ToHashSet();
            var maxLevel = rubric.Levels.Max(l => l.Level);
            var problems = command.Body.Ratings.Where(r => !criteria.Contains(r.CriterionId)).Select(r => $"'{r.CriterionId}' is not in the rubric")
                .Concat(command.Body.Ratings.Where(r => r.Level is { } level && (level < 1 || level > maxLevel)).Select(r => $"'{r.CriterionId}' must be rated 1–{maxLevel} or N/A"))
                .Concat(criteria.Except(command.Body.Ratings.Select(r => r.CriterionId)).Select(id => $"'{id}' is not rated"))
                .ToList();
            if (problems.Count > 0)
            {
                return Error.Validation("ratings", string.Join("; ", problems) + ".");
            }

            var rated = command.Body.Ratings.Where(r => r.Level is not null).Select(r => (double)r.Level!.Value).ToList();
            var id = Guid.CreateVersion7();
            try
            {
                await connection.ExecuteAsync(new CommandDefinition(InsertEvaluation, new
                {
                    Id = id, PlacementId = placement.Id, Kind = DbEnum.ToText(command.Body.Kind), RubricName = rubric.Name, Ratings = DbJson.Write(command.Body.Ratings),
                    Average = rated.Count == 0 ? (double?)null : Math.Round(rated.Average(), 2), Comments = AddressColumns.Normalize(command.Body.Comments),
                    command.Caller.UserId, Name = command.Caller.DisplayName ?? command.Caller.Email ?? "employer", Now = clock.GetUtcNow(),
                }, cancellationToken: cancellationToken));
            }
            catch (DbException exception) when (db.Dialect.IsUniqueViolation(exception))
            {
                return Error.Conflict($"The {DbEnum.ToText(command.Body.Kind)} evaluation was already submitted.");
            }

            return (await PlacementEvidence.EvaluationsAsync(connection, placement.Id, cancellationToken)).Single(e => e.Id == id.ToString("D"));
        }

        public async ValueTask<Result<List<Evaluation>>> Handle(ListEvaluations query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            return await PlacementRecord.FindVisibleAsync(connection, query.Caller, query.PlacementId, cancellationToken) is null
                ? Error.NotFound($"Placement {query.PlacementId}")
                : await PlacementEvidence.EvaluationsAsync(connection, query.PlacementId, cancellationToken);
        }

        public async ValueTask<Result<Reflection>> Handle(Reflect command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var placement = await PlacementRecord.FindVisibleAsync(connection, command.Caller, command.PlacementId, cancellationToken);
            if (placement is null)
            {
                return Error.NotFound($"Placement {command.PlacementId}");
            }

            if (!PlacementRules.MayTake(PlacementAction.Reflect, await PlacementRules.PartOfAsync(connection, command.Caller, placement, cancellationToken, askGuardian: false)))
            {
                return Error.Forbidden("Reflections are written by the student.");
            }

            if (placement.PlacementStatus is not (PlacementStatus.Active or PlacementStatus.Completed))
            {
                return Error.Conflict($"Reflections are for active or completed placements; this one is {placement.Status}.");
            }

            Guid? classId = command.Body.ClassId is { } named ? Guid.Parse(named) : null;
            if (!await PlacementRecord.MayNameClassAsync(connection, classId, placement.StudentId, cancellationToken))
            {
                return Error.Unprocessable($"You are not enrolled in class {command.Body.ClassId}.");
            }

            var id = Guid.CreateVersion7();
            await connection.ExecuteAsync(new CommandDefinition(InsertReflection, new
            {
                Id = id, PlacementId = placement.Id, placement.StudentId, Text = command.Body.Text.Trim(), command.Body.Rating, ClassId = classId, Now = clock.GetUtcNow(),
            }, cancellationToken: cancellationToken));
            return (await PlacementEvidence.ReflectionsAsync(connection, placement.Id, cancellationToken)).Single(r => r.Id == id.ToString("D"));
        }

        public async ValueTask<Result<List<Reflection>>> Handle(ListReflections query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var placement = await PlacementRecord.FindVisibleAsync(connection, query.Caller, query.PlacementId, cancellationToken);
            if (placement is null || placement.ViewedAsEmployer(query.Caller))
            {
                return Error.NotFound($"Placement {query.PlacementId}");
            }

            return await PlacementEvidence.ReflectionsAsync(connection, placement.Id, cancellationToken);
        }

        private static async Task<Rubric> RubricAsync(DbConnection connection, Guid regionId, CancellationToken cancellationToken)
        {
            var stored = await connection.QuerySingleOrDefaultAsync<(string Definition, int Version)?>(
                new CommandDefinition(SelectRubric, new { RegionId = regionId }, cancellationToken: cancellationToken));
            return stored is { } row ? DbJson.Read(row.Definition, Default) with { Version = row.Version } : Default;
        }
    }

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/regions/{id:guid}/rubric", async (Guid id, Caller caller, HttpResponse response, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new GetRubric(caller, id), ct)).Match(r =>
                {
                    response.SetETag(r.Version);
                    return TypedResults.Ok(r);
                }))
            .WithTags("Evaluations").WithName("getRubric").WithSummary("The region's evaluation rubric")
            .Produces<Rubric>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut("/regions/{id:guid}/rubric", (Guid id, Rubric body, Caller caller, HttpRequest request, IMediator mediator, CancellationToken ct) =>
                Concurrency.VersionedUpdate(request, expected => mediator.Send(new PutRubric(caller, id, expected, body), ct), r => r.Version))
            .Validate<Rubric>().WithTags("Evaluations").WithName("putRubric").WithSummary("Define the region's own evaluation rubric")
            .WithDescription("Send the ETag (or version) from GET in If-Match. 412 when it is stale, 428 when it is missing.")
            .Produces<Rubric>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status428PreconditionRequired);
        api.MapPost("/placements/{id:guid}/evaluations", async (Guid id, SubmitEvaluationRequest body, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Evaluate(caller, id, body), ct)).Match(e => TypedResults.Created($"/api/v1/placements/{id}/evaluations", e)))
            .Validate<SubmitEvaluationRequest>().WithTags("Evaluations").WithName("submitEvaluation")
            .WithSummary("The employer's midpoint or final evaluation against the rubric")
            .Produces<Evaluation>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/placements/{id:guid}/evaluations", async (Guid id, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new ListEvaluations(caller, id), ct)).Match(list => TypedResults.Ok(list)))
            .WithTags("Evaluations").WithName("listEvaluations").WithSummary("A placement's evaluations")
            .Produces<List<Evaluation>>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/placements/{id:guid}/reflections", async (Guid id, SubmitReflectionRequest body, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Reflect(caller, id, body), ct)).Match(r => TypedResults.Created($"/api/v1/placements/{id}/reflections", r)))
            .Validate<SubmitReflectionRequest>().WithTags("Evaluations").WithName("submitReflection").WithSummary("The student's reflection")
            .Produces<Reflection>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/placements/{id:guid}/reflections", async (Guid id, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new ListReflections(caller, id), ct)).Match(list => TypedResults.Ok(list)))
            .WithTags("Evaluations").WithName("listReflections").WithSummary("A placement's reflections (not shown to employers)")
            .Produces<List<Reflection>>().ProducesProblem(StatusCodes.Status404NotFound);
    }
}
