using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using FluentValidation;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Placements;
using Mediator;

namespace LaunchPath.Api.Features.Placements;

/// <summary>
/// Hours: the student (or school staff) logs entries on an active placement — POST /placements/{id}/hours — checked
/// against the child-labor rules for 14–15-year-olds; the supervisor approves or rejects with a reason —
/// POST /hours/{id}/decision, or through a one-time link (POST /hours/{id}/link, GET/POST /links/{token}/hours);
/// approved entries are locked. Totals per placement (GET /placements/{id}/hours) and per student (GET /students/{id}/hours).
/// </summary>
public static class Hours
{
    public sealed record Log(Caller Caller, Guid PlacementId, LogHoursRequest Body) : IRequest<Result<HoursEntry>>;

    public sealed record Edit(Caller Caller, Guid EntryId, LogHoursRequest Body) : IRequest<Result<HoursEntry>>;

    public sealed record Remove(Caller Caller, Guid EntryId) : IRequest<Result<bool>>;

    public sealed record ForPlacement(Caller Caller, Guid PlacementId) : IRequest<Result<HoursLog>>;

    public sealed record ForStudent(Caller Caller, Guid StudentId) : IRequest<Result<StudentHours>>;

    public sealed record Decide(Caller Caller, Guid EntryId, HoursDecisionRequest Body) : IRequest<Result<HoursEntry>>;

    public sealed record IssueLink(Caller Caller, Guid EntryId, string BaseUrl) : IRequest<Result<ActionLink>>;

    public sealed record ReadLink(string Token) : IRequest<Result<LinkedHoursEntry>>;

    public sealed record UseLink(string Token, HoursDecisionRequest Body) : IRequest<Result<LinkedHoursEntry>>;

    public sealed class Validator : AbstractValidator<LogHoursRequest>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(r => r.Date).LessThanOrEqualTo(_ => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(1)).WithMessage("Log hours once they are worked.");
            RuleFor(r => r.Start).Must(s => TimeOnly.TryParseExact(s, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)).WithMessage("Use 24-hour HH:mm.");
            RuleFor(r => r.Minutes).InclusiveBetween(1, 16 * 60);
            RuleFor(r => r.Activity).NotEmpty().MaximumLength(1000);
        }
    }

    public sealed class DecisionValidator : AbstractValidator<HoursDecisionRequest>
    {
        public DecisionValidator()
        {
            RuleFor(r => r.Reason).NotEmpty().When(r => !r.Approve).WithMessage("Say why the hours are rejected.");
            RuleFor(r => r.Reason).MaximumLength(1000);
            RuleFor(r => r.Name).MaximumLength(200);
        }
    }

    private const string SelectEntry = "SELECT " + PlacementEvidence.HoursColumns + " FROM hours_entries WHERE id = @Id";

    private const string SelectForPlacement = "SELECT " + PlacementEvidence.HoursColumns + " FROM hours_entries WHERE placement_id = @Id ORDER BY work_date, start_time, id";

    private const string SelectOthers =
        "SELECT work_date, start_time, minutes FROM hours_entries WHERE student_id = @StudentId AND status <> 'rejected' AND id <> @Except " +
        "AND work_date >= @From AND work_date <= @To";

    private const string Insert =
        "INSERT INTO hours_entries (id, placement_id, student_id, work_date, start_time, minutes, activity, status, version, created_at, updated_at) " +
        "VALUES (@Id, @PlacementId, @StudentId, @Date, @Start, @Minutes, @Activity, 'submitted', 1, @Now, @Now)";

    private const string Update =
        "UPDATE hours_entries SET work_date = @Date, start_time = @Start, minutes = @Minutes, activity = @Activity, status = 'submitted', reason = NULL, " +
        "version = version + 1, updated_at = @Now WHERE id = @Id AND status IN ('submitted', 'rejected')";

    private const string Delete = "DELETE FROM hours_entries WHERE id = @Id AND status <> 'approved'";

    private const string Decision =
        "UPDATE hours_entries SET status = @Status, reason = @Reason, decided_by_user_id = @UserId, decided_by_name = @Name, decided_at = @Now, " +
        "version = version + 1, updated_at = @Now WHERE id = @Id AND status = 'submitted'";

    private const string StudentTotals =
        "SELECT h.placement_id, op.title AS opportunity_title, SUM(CASE WHEN h.status = 'approved' THEN h.minutes ELSE 0 END) AS approved_minutes, " +
        "SUM(CASE WHEN h.status = 'submitted' THEN h.minutes ELSE 0 END) AS submitted_minutes FROM hours_entries h " +
        "JOIN placements pl ON pl.id = h.placement_id JOIN opportunities op ON op.id = pl.opportunity_id WHERE h.student_id = @StudentId " +
        "GROUP BY h.placement_id, op.title ORDER BY op.title";


    public sealed class Handler(Db db, TimeProvider clock) : IRequestHandler<Log, Result<HoursEntry>>, IRequestHandler<Edit, Result<HoursEntry>>,
        IRequestHandler<Remove, Result<bool>>, IRequestHandler<ForPlacement, Result<HoursLog>>, IRequestHandler<ForStudent, Result<StudentHours>>,
        IRequestHandler<Decide, Result<HoursEntry>>, IRequestHandler<IssueLink, Result<ActionLink>>, IRequestHandler<ReadLink, Result<LinkedHoursEntry>>,
        IRequestHandler<UseLink, Result<LinkedHoursEntry>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) =>
        [
            SelectEntry, SelectForPlacement, SelectOthers, Insert, Update, Delete, Decision, StudentTotals, .. ActionLinks.Statements,
            .. PlacementRecord.Statements, .. StudentAccess.Statements,
        ];

        private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

        public async ValueTask<Result<HoursEntry>> Handle(Log command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var placement = await PlacementRecord.FindVisibleAsync(connection, command.Caller, command.PlacementId, cancellationToken);
            if (placement is null)
            {
                return Error.NotFound($"Placement {command.PlacementId}");
            }

            var part = await PlacementRules.PartOfAsync(connection, command.Caller, placement, cancellationToken, askGuardian: false);
            if (!PlacementRules.MayTake(PlacementAction.LogHours, part))
            {
                return LoggerOnly;
            }

            if (placement.PlacementStatus != PlacementStatus.Active)
            {
                return Error.Conflict($"Hours are logged on active placements; this one is {placement.Status}.");
            }

            if (await RuleViolationAsync(connection, placement, command.Body, Guid.Empty, cancellationToken) is { } rule)
            {
                return Error.Unprocessable(rule);
            }

            var id = Guid.CreateVersion7();
            await connection.ExecuteAsync(new CommandDefinition(Insert, new
            {
                Id = id, PlacementId = placement.Id, placement.StudentId, command.Body.Date, command.Body.Start, command.Body.Minutes,
                Activity = command.Body.Activity.Trim(), Now = clock.GetUtcNow(),
            }, cancellationToken: cancellationToken));
            return await EntryAsync(connection, id, part, cancellationToken);
        }

        public async ValueTask<Result<HoursEntry>> Handle(Edit command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var (entry, placement, error) = await FindAsync(connection, command.Caller, command.EntryId, cancellationToken);
            if (error is not null)
            {
                return error;
            }

            var part = await PlacementRules.PartOfAsync(connection, command.Caller, placement!, cancellationToken, askGuardian: false);
            if (!PlacementRules.MayTake(PlacementAction.LogHours, part))
            {
                return LoggerOnly;
            }

            if (entry!.Status == "approved")
            {
                return Locked;
            }

            if (await RuleViolationAsync(connection, placement!, command.Body, entry.Id, cancellationToken) is { } rule)
            {
                return Error.Unprocessable(rule);
            }

            if (await connection.ExecuteAsync(new CommandDefinition(Update, new
                {
                    entry.Id, command.Body.Date, command.Body.Start, command.Body.Minutes, Activity = command.Body.Activity.Trim(), Now = clock.GetUtcNow(),
                }, cancellationToken: cancellationToken)) == 0)
            {
                return Locked;
            }

            return await EntryAsync(connection, entry.Id, part, cancellationToken);
        }

        public async ValueTask<Result<bool>> Handle(Remove command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var (entry, placement, error) = await FindAsync(connection, command.Caller, command.EntryId, cancellationToken);
            if (error is not null)
            {
                return error;
            }

            var part = await PlacementRules.PartOfAsync(connection, command.Caller, placement!, cancellationToken, askGuardian: false);
            if (!PlacementRules.MayTake(PlacementAction.LogHours, part))
            {
                return LoggerOnly;
            }

            return await connection.ExecuteAsync(new CommandDefinition(Delete, new { entry!.Id }, cancellationToken: cancellationToken)) == 0 ? Locked : true;
        }

        public async ValueTask<Result<HoursLog>> Handle(ForPlacement query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var placement = await PlacementRecord.FindVisibleAsync(connection, query.Caller, query.PlacementId, cancellationToken);
            if (placement is null)
            {
                return Error.NotFound($"Placement {query.PlacementId}");
            }

            var part = await PlacementRules.PartOfAsync(connection, query.Caller, placement, cancellationToken, askGuardian: false);
            var entries = (await connection.QueryAsync<PlacementEvidence.HoursRow>(new CommandDefinition(SelectForPlacement, new { Id = query.PlacementId }, cancellationToken: cancellationToken)))
                .Select(r => r.ToContract(part)).ToList();
            return new HoursLog
            {
                PlacementId = query.PlacementId.ToString("D"),
                Entries = entries,
                ApprovedMinutes = entries.Where(e => e.Status == HoursStatus.Approved).Sum(e => e.Minutes),
                SubmittedMinutes = entries.Where(e => e.Status == HoursStatus.Submitted).Sum(e => e.Minutes),
            };
        }

        public async ValueTask<Result<StudentHours>> Handle(ForStudent query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            if (await StudentAccess.FindVisibleAsync(connection, query.Caller, query.StudentId, cancellationToken) is null)
            {
                return Error.NotFound($"Student {query.StudentId}");
            }

            var rows = (await connection.QueryAsync<TotalRow>(new CommandDefinition(StudentTotals, new { query.StudentId }, cancellationToken: cancellationToken))).ToList();
            return new StudentHours
            {
                StudentId = query.StudentId.ToString("D"),
                ApprovedMinutes = rows.Sum(r => r.ApprovedMinutes),
                Placements = rows.Select(r => new PlacementHoursTotal
                {
                    PlacementId = r.PlacementId.ToString("D"), OpportunityTitle = r.OpportunityTitle, ApprovedMinutes = r.ApprovedMinutes, SubmittedMinutes = r.SubmittedMinutes,
                }).ToList(),
            };
        }

        public async ValueTask<Result<HoursEntry>> Handle(Decide command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var (entry, placement, error) = await FindAsync(connection, command.Caller, command.EntryId, cancellationToken);
            if (error is not null)
            {
                return error;
            }

            var part = await PlacementRules.PartOfAsync(connection, command.Caller, placement!, cancellationToken, askGuardian: false);
            if (!PlacementRules.MayDecideHours(part))
            {
                return Error.Forbidden("The employer's supervisor approves or rejects hours.");
            }

            return await DecideAsync(connection, entry!.Id, command.Body, command.Caller.UserId, command.Caller.DisplayName, part, cancellationToken);
        }

        public async ValueTask<Result<ActionLink>> Handle(IssueLink command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var (entry, placement, error) = await FindAsync(connection, command.Caller, command.EntryId, cancellationToken);
            if (error is not null)
            {
                return error;
            }

            if (!PlacementRules.MaySendHoursLink(await PlacementRules.PartOfAsync(connection, command.Caller, placement!, cancellationToken, askGuardian: false)))
            {
                return Error.Forbidden("The school or the employer's admin sends approval links.");
            }

            if (entry!.Status != "submitted")
            {
                return Error.Conflict($"The entry is {entry.Status}; only submitted hours await a decision.");
            }

            var (token, expires) = await ActionLinks.IssueAsync(connection, ActionLinks.ApproveHours, placement!.Id, "supervisor", entry.Id, command.Caller.UserId,
                clock.GetUtcNow(), cancellationToken);
            return new ActionLink { Token = token, Url = $"{command.BaseUrl.TrimEnd('/')}/hours/{token}", ExpiresAt = expires };
        }

        public async ValueTask<Result<LinkedHoursEntry>> Handle(ReadLink query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var (link, error) = await LinkAsync(connection, query.Token, cancellationToken);
            return error ?? (Result<LinkedHoursEntry>)await LinkedAsync(connection, link!, clock.GetUtcNow(), cancellationToken);
        }

        public async ValueTask<Result<LinkedHoursEntry>> Handle(UseLink command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var (link, error) = await LinkAsync(connection, command.Token, cancellationToken);
            if (error is not null)
            {
                return error;
            }

            if (string.IsNullOrWhiteSpace(command.Body.Name))
            {
                return Error.Validation("name", "Say who is deciding.");
            }

            if (!await ActionLinks.UseOnceAsync(connection, link!.Id, clock.GetUtcNow(), cancellationToken))
            {
                return ActionLinks.UsedOrExpired;
            }

            var decided = await DecideAsync(connection, link.HoursEntryId!.Value, command.Body, null, command.Body.Name.Trim(), null, cancellationToken);
            return decided.IsSuccess ? await LinkedAsync(connection, link, clock.GetUtcNow(), cancellationToken) : decided.Error!;
        }

        private async Task<Result<HoursEntry>> DecideAsync(DbConnection connection, Guid entryId, HoursDecisionRequest body, Guid? userId, string? name, PlacementRules.Part? part,
            CancellationToken cancellationToken)
        {
            var changed = await connection.ExecuteAsync(new CommandDefinition(Decision, new
            {
                Id = entryId,
                Status = body.Approve ? "approved" : "rejected",
                Reason = body.Approve ? AddressColumns.Normalize(body.Reason) : body.Reason!.Trim(),
                UserId = userId,
                Name = name,
                Now = clock.GetUtcNow(),
            }, cancellationToken: cancellationToken));
            return changed == 0 ? Error.Conflict("The entry was already decided.") : await EntryAsync(connection, entryId, part, cancellationToken);
        }

        /// <summary>The student themself or school staff log hours (and correct or delete them).</summary>
        private static readonly Error LoggerOnly = Error.Forbidden("The student (or school staff) logs hours.");

        private async Task<string?> RuleViolationAsync(DbConnection connection, PlacementRecord placement, LogHoursRequest body, Guid except, CancellationToken cancellationToken)
        {
            int? age = placement.BirthDate is { } birth ? StudentRecord.AgeOn(birth, body.Date) : null;
            if (age is not (14 or 15))
            {
                return null;
            }

            var others = await connection.QueryAsync<OtherRow>(new CommandDefinition(SelectOthers, new
            {
                placement.StudentId, Except = except, From = body.Date.AddDays(-7), To = body.Date.AddDays(7),
            }, cancellationToken: cancellationToken));
            var start = TimeOnly.ParseExact(body.Start, "HH:mm", CultureInfo.InvariantCulture);
            return ChildLaborRules.Violation(age, new ChildLaborRules.Entry(body.Date, start, body.Minutes),
                others.Select(o => new ChildLaborRules.Entry(o.WorkDate, TimeOnly.ParseExact(o.StartTime, "HH:mm", CultureInfo.InvariantCulture), o.Minutes)));
        }

        private static async Task<(PlacementEvidence.HoursRow? Entry, PlacementRecord? Placement, Error? Error)> FindAsync(DbConnection connection, Caller caller, Guid entryId, CancellationToken cancellationToken)
        {
            var entry = await connection.QuerySingleOrDefaultAsync<PlacementEvidence.HoursRow>(new CommandDefinition(SelectEntry, new { Id = entryId }, cancellationToken: cancellationToken));
            var placement = entry is null ? null : await PlacementRecord.FindVisibleAsync(connection, caller, entry.PlacementId, cancellationToken);
            return placement is null ? (null, null, Error.NotFound($"Hours entry {entryId}")) : (entry, placement, null);
        }

        private static async Task<HoursEntry> EntryAsync(DbConnection connection, Guid id, PlacementRules.Part? part, CancellationToken cancellationToken) =>
            (await connection.QuerySingleAsync<PlacementEvidence.HoursRow>(new CommandDefinition(SelectEntry, new { Id = id }, cancellationToken: cancellationToken))).ToContract(part);

        private Task<(ActionLinks.Link? Link, Error? Error)> LinkAsync(DbConnection connection, string token, CancellationToken cancellationToken) =>
            ActionLinks.FindAsync(connection, token, ActionLinks.ApproveHours, clock.GetUtcNow(), cancellationToken);

        private static async Task<LinkedHoursEntry> LinkedAsync(DbConnection connection, ActionLinks.Link link, DateTimeOffset now, CancellationToken cancellationToken)
        {
            var entry = await EntryAsync(connection, link.HoursEntryId!.Value, null, cancellationToken);
            var placement = (await PlacementRecord.FindVisibleAsync(connection, Caller.System, Guid.Parse(entry.PlacementId), cancellationToken))!;
            await placement.RecordLinkDisclosureAsync(connection, "hours approval link", now, cancellationToken);
            return new LinkedHoursEntry
            {
                StudentFirstName = placement.PreferredName ?? placement.GivenName,
                OpportunityTitle = placement.OpportunityTitle,
                Entry = entry,
                ExpiresAt = link.ExpiresAt,
            };
        }

        private static readonly Error Locked = Error.Conflict("Approved hours are locked; they cannot be changed or deleted.");


    }

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/placements/{id:guid}/hours", async (Guid id, LogHoursRequest body, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Log(caller, id, body), ct)).Match(entry => TypedResults.Created($"/api/v1/hours/{entry.Id}", entry)))
            .Validate<LogHoursRequest>().WithTags("Hours").WithName("logHours")
            .WithSummary("Log hours on an active placement (child-labor rules for 14–15-year-olds apply)")
            .Produces<HoursEntry>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/placements/{id:guid}/hours", async (Guid id, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new ForPlacement(caller, id), ct)).Match(log => TypedResults.Ok(log)))
            .WithTags("Hours").WithName("listHours").WithSummary("A placement's hours and totals")
            .Produces<HoursLog>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/students/{id:guid}/hours", async (Guid id, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new ForStudent(caller, id), ct)).Match(hours => TypedResults.Ok(hours)))
            .WithTags("Hours").WithName("getStudentHours").WithSummary("A student's hours by placement")
            .Produces<StudentHours>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut("/hours/{id:guid}", async (Guid id, LogHoursRequest body, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Edit(caller, id, body), ct)).Match(entry => TypedResults.Ok(entry)))
            .Validate<LogHoursRequest>().WithTags("Hours").WithName("editHours")
            .WithSummary("Correct a submitted or rejected entry (resubmits it)")
            .Produces<HoursEntry>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        api.MapDelete("/hours/{id:guid}", async (Guid id, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Remove(caller, id), ct)).Match(_ => TypedResults.NoContent()))
            .WithTags("Hours").WithName("deleteHours").WithSummary("Delete an entry that is not approved")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/hours/{id:guid}/decision", async (Guid id, HoursDecisionRequest body, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Decide(caller, id, body), ct)).Match(entry => TypedResults.Ok(entry)))
            .Validate<HoursDecisionRequest>().WithTags("Hours").WithName("decideHours")
            .WithSummary("The supervisor approves (locks) or rejects (with a reason) an entry")
            .Produces<HoursEntry>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/hours/{id:guid}/link", async (Guid id, Caller caller, HttpRequest request, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new IssueLink(caller, id, $"{request.Scheme}://{request.Host}"), ct)).Match(link => TypedResults.Created($"/api/v1/links/{link.Token}/hours", link)))
            .WithTags("Hours").WithName("createHoursLink")
            .WithSummary("A one-time link for a supervisor without an account to decide an entry")
            .Produces<ActionLink>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/links/{token}/hours", async (string token, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new ReadLink(token), ct)).Match(entry => TypedResults.Ok(entry)))
            .AllowAnonymous().WithTags("Links").WithName("getLinkedHours").WithSummary("The entry a supervisor's link is for")
            .Produces<LinkedHoursEntry>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status410Gone);
        api.MapPost("/links/{token}/hours", async (string token, HoursDecisionRequest body, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new UseLink(token, body), ct)).Match(entry => TypedResults.Ok(entry)))
            .Validate<HoursDecisionRequest>().AllowAnonymous().RequireRateLimiting(SecurityServices.SignInPolicy).WithTags("Links").WithName("decideHoursByLink")
            .WithSummary("Approve or reject through a one-time link (works once)")
            .Produces<LinkedHoursEntry>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status410Gone);
    }

    private sealed class OtherRow
    {
        public DateOnly WorkDate { get; set; }
        public string StartTime { get; set; } = "";
        public int Minutes { get; set; }
    }

    private sealed class TotalRow
    {
        public Guid PlacementId { get; set; }
        public string OpportunityTitle { get; set; } = "";
        public int ApprovedMinutes { get; set; }
        public int SubmittedMinutes { get; set; }
    }
}
