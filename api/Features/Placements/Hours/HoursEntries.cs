using System.Data.Common;
using System.Globalization;
using Dapper;
using FluentValidation;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Messaging;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Placements;
using Mediator;

namespace LaunchPath.Api.Features.Placements.Hours;

/// <summary>
/// What the hours use cases share: the entry's validation, its SQL, finding an entry the caller may see with its
/// placement, the child-labor check, and a decision (by the supervisor signed in, or through a one-time link).
/// Approved entries are locked.
/// </summary>
internal static class HoursEntries
{
    internal const string SelectEntry = "SELECT " + PlacementEvidence.HoursColumns + " FROM hours_entries WHERE id = @Id";

    internal const string SelectOthers =
        "SELECT work_date, start_time, minutes FROM hours_entries WHERE student_id = @StudentId AND status <> 'rejected' AND id <> @Except " +
        "AND work_date >= @From AND work_date <= @To";

    private const string Decision =
        "UPDATE hours_entries SET status = @Status, reason = @Reason, decided_by_user_id = @UserId, decided_by_name = @Name, decided_at = @Now, " +
        "version = version + 1, updated_at = @Now WHERE id = @Id AND status = 'submitted'";

    private const string SelectTerms = "SELECT terms FROM agreements WHERE placement_id = @Id";

    public static IEnumerable<string> Statements => [SelectEntry, SelectOthers, SelectTerms, Decision, SelectForStudent, .. WorkRulesRecord.Statements, .. MessageSettingsRecord.Statements, .. Outbox.Statements, .. ActionLinks.Statements, .. PlacementRecord.Statements, .. StudentAccess.Statements];

    public static readonly Error Locked = Error.Conflict("Approved hours are locked; they cannot be changed or deleted.");

    /// <summary>The student themself or school staff log hours (and correct or delete them).</summary>
    public static readonly Error LoggerOnly = Error.Forbidden("The student (or school staff) logs hours.");

    /// <summary>
    /// The rule an entry would break, in words (for a 422), or null: a day that has not come yet (in the region's time
    /// zone), a day outside the agreement's dates, a time outside its weekly schedule, or the hours a minor may work
    /// (<see cref="ChildLaborRules"/>, with the region's <see cref="MinorHoursRule"/>).
    /// </summary>
    public static async Task<string?> RuleViolationAsync(DbConnection connection, PlacementRecord placement, LogHoursRequest body, Guid except, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var zone = MessageDates.Zone((await MessageSettingsRecord.ReadAsync(connection, placement.RegionId, cancellationToken)).TimeZone);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        if (body.Date > today)
        {
            return $"Hours are logged once worked: {body.Date:yyyy-MM-dd} is after today ({today:yyyy-MM-dd}).";
        }

        var start = TimeOnly.ParseExact(body.Start, "HH:mm", CultureInfo.InvariantCulture);
        var terms = DbJson.Read<AgreementRequest?>(await connection.ExecuteScalarAsync<string?>(new CommandDefinition(SelectTerms, new { placement.Id }, cancellationToken: cancellationToken)), null);
        if (terms is not null && AgreementViolation(terms, body.Date, start, body.Minutes) is { } outside)
        {
            return outside;
        }

        int? age = placement.BirthDate is { } birth ? StudentRecord.AgeOn(birth, body.Date) : null;
        if (age is not (14 or 15 or 16 or 17))
        {
            return null;
        }

        var california = (await WorkRulesRecord.ReadAsync(connection, placement.RegionId, cancellationToken)).MinorHoursRule == MinorHoursRule.California;
        var others = await connection.QueryAsync<OtherRow>(new CommandDefinition(SelectOthers, new
        {
            placement.StudentId, Except = except, From = body.Date.AddDays(-7), To = body.Date.AddDays(7),
        }, cancellationToken: cancellationToken));
        return ChildLaborRules.Violation(age, new ChildLaborRules.Entry(body.Date, start, body.Minutes),
            others.Select(o => new ChildLaborRules.Entry(o.WorkDate, TimeOnly.ParseExact(o.StartTime, "HH:mm", CultureInfo.InvariantCulture), o.Minutes)),
            california, terms?.WorkExperienceEducation == true);
    }

    /// <summary>Whether the entry falls within the agreement's dates and, when it has one, its weekly schedule.</summary>
    internal static string? AgreementViolation(AgreementRequest terms, DateOnly date, TimeOnly start, int minutes)
    {
        if (terms.StartDate is { } first && date < first)
        {
            return $"The training agreement starts on {first:yyyy-MM-dd}; hours on {date:yyyy-MM-dd} come before it.";
        }

        if (terms.EndDate is { } last && date > last)
        {
            return $"The training agreement ended on {last:yyyy-MM-dd}; hours on {date:yyyy-MM-dd} come after it.";
        }

        if (terms.Schedule.Count == 0)
        {
            return null;
        }

        var from = start.Hour * 60 + start.Minute;
        var to = from + minutes;
        static int Minutes(string hhmm) => TimeOnly.TryParseExact(hhmm, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t.Hour * 60 + t.Minute : -1;
        var day = terms.Schedule.Where(s => s.Day == date.DayOfWeek).ToList();
        if (day.Any(s => Minutes(s.Start) <= from && to <= Minutes(s.End)))
        {
            return null;
        }

        var schedule = string.Join(", ", terms.Schedule.Select(s => $"{s.Day} {s.Start}–{s.End}"));
        return $"The training agreement's schedule is {schedule}; {date:dddd} {start:HH\\:mm}–{to / 60 % 24:00}:{to % 60:00} is outside it. Ask the school to update the agreement if the schedule changed.";
    }

    /// <summary>The entry and its placement when the caller may see them (else 404), with the caller's parts in the placement.</summary>
    public static async Task<(PlacementEvidence.HoursRow? Entry, PlacementRecord? Placement, PlacementRules.Part? Part, Error? Error)> FindAsync(DbConnection connection, Caller caller,
        Guid entryId, CancellationToken cancellationToken)
    {
        var entry = await connection.QuerySingleOrDefaultAsync<PlacementEvidence.HoursRow>(new CommandDefinition(SelectEntry, new { Id = entryId }, cancellationToken: cancellationToken));
        var placement = entry is null ? null : await PlacementRecord.FindVisibleAsync(connection, caller, entry.PlacementId, cancellationToken);
        return placement is null
            ? (null, null, null, Error.NotFound($"Hours entry {entryId}"))
            : (entry, placement, await PlacementRules.PartOfAsync(connection, caller, placement, cancellationToken, askGuardian: false), null);
    }

    public static async Task<HoursEntry> EntryAsync(DbConnection connection, Guid id, PlacementRules.Part? part, CancellationToken cancellationToken) =>
        (await connection.QuerySingleAsync<PlacementEvidence.HoursRow>(new CommandDefinition(SelectEntry, new { Id = id }, cancellationToken: cancellationToken))).ToContract(part);

    public static async Task<LinkedHoursEntry> LinkedAsync(DbConnection connection, ActionLinks.Link link, DateTimeOffset now, CancellationToken cancellationToken)
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

    /// <summary>What the student is told of a decision: their name, email and language, the entry, the opportunity.</summary>
    private const string SelectForStudent =
        "SELECT s.id AS student_id, pl.id AS placement_id, s.given_name, s.preferred_name, s.family_name, s.email, s.preferred_language, h.work_date, h.minutes, op.title AS opportunity_title, " +
        "r.name AS region_name FROM hours_entries h JOIN people s ON s.id = h.student_id JOIN placements pl ON pl.id = h.placement_id " +
        "JOIN opportunities op ON op.id = pl.opportunity_id JOIN organizations r ON r.id = op.region_id WHERE h.id = @Id";

    /// <summary>
    /// Records a decision on a submitted entry and, in the same transaction, writes the student's message about it (when
    /// the student has an email address on record).
    /// </summary>
    public static async Task<Result<HoursEntry>> DecideAsync(DbConnection connection, Outbox outbox, Guid entryId, HoursDecisionRequest body, Guid? userId, string? name,
        PlacementRules.Part? part, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            var changed = await connection.ExecuteAsync(new CommandDefinition(Decision, new
            {
                Id = entryId,
                Status = body.Approve ? "approved" : "rejected",
                Reason = body.Approve ? AddressColumns.Normalize(body.Reason) : body.Reason!.Trim(),
                UserId = userId,
                Name = name,
                Now = now,
            }, transaction, cancellationToken: cancellationToken));
            if (changed == 0)
            {
                return Error.Conflict("The entry was already decided.");
            }

            var student = await connection.QuerySingleAsync<StudentNotice>(new CommandDefinition(SelectForStudent, new { Id = entryId }, transaction, cancellationToken: cancellationToken));
            if (student.Email is { Length: > 0 } email)
            {
                var language = MessageTemplates.LanguageFor(student.PreferredLanguage);
                var recipient = PersonNames.First(student.GivenName, student.PreferredName);
                var values = new Dictionary<string, object>
                {
                    ["recipient"] = recipient,
                    ["decidedBy"] = string.IsNullOrWhiteSpace(name) ? (language == "es" ? "Su supervisor/a" : "Your supervisor") : name.Trim(),
                    ["hours"] = MessageDates.Duration(student.Minutes),
                    ["date"] = MessageDates.Day(student.WorkDate, language),
                    ["opportunity"] = student.OpportunityTitle,
                    ["region"] = student.RegionName,
                };
                if (!body.Approve)
                {
                    values["reason"] = body.Reason!.Trim();
                }

                await outbox.EnqueueAsync(connection, transaction, new Envelope(body.Approve ? "hours.approved" : "hours.rejected", language, email,
                    PersonNames.Full(student.GivenName, student.PreferredName, student.FamilyName), values, student.StudentId, student.PlacementId, HoldsSecret: false, userId), cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        outbox.Wake();
        return await EntryAsync(connection, entryId, part, cancellationToken);
    }

    private sealed class StudentNotice
    {
        public Guid StudentId { get; set; }
        public Guid PlacementId { get; set; }
        public string GivenName { get; set; } = "";
        public string? PreferredName { get; set; }
        public string FamilyName { get; set; } = "";
        public string? Email { get; set; }
        public string? PreferredLanguage { get; set; }
        public DateOnly WorkDate { get; set; }
        public int Minutes { get; set; }
        public string OpportunityTitle { get; set; } = "";
        public string RegionName { get; set; } = "";
    }

    private sealed class OtherRow
    {
        public DateOnly WorkDate { get; set; }
        public string StartTime { get; set; } = "";
        public int Minutes { get; set; }
    }
}

/// <summary>An hours entry as logged: a date on or before tomorrow, a 24-hour start, 1 minute to 16 hours, what was done.</summary>
public sealed class LogHoursValidator : AbstractValidator<LogHoursRequest>
{
    public LogHoursValidator(TimeProvider clock)
    {
        RuleFor(r => r.Date).LessThanOrEqualTo(_ => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(1)).WithMessage("Log hours once they are worked.");
        RuleFor(r => r.Start).Must(s => TimeOnly.TryParseExact(s, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)).WithMessage("Use 24-hour HH:mm.");
        RuleFor(r => r.Minutes).InclusiveBetween(1, 16 * 60);
        RuleFor(r => r.Activity).NotEmpty().MaximumLength(1000);
    }
}

public sealed class HoursDecisionValidator : AbstractValidator<HoursDecisionRequest>
{
    public HoursDecisionValidator()
    {
        RuleFor(r => r.Reason).NotEmpty().When(r => !r.Approve).WithMessage("Say why the hours are rejected.");
        RuleFor(r => r.Reason).MaximumLength(1000);
        RuleFor(r => r.Name).MaximumLength(200);
    }
}
