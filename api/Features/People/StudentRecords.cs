using Dapper;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.People;
using LaunchPath.Contracts.Placements;
using Mediator;

namespace LaunchPath.Api.Features.People;

/// <summary>
/// A student's records on request, by district staff (district admins and conveners: PeopleWrite and SubgroupsRead
/// where the student is): GET /api/v1/students/{id}/records exports everything LaunchPath holds, including every
/// disclosure to employers; DELETE /api/v1/students/{id} erases it (the account is anonymised and disabled) and leaves
/// only an audit entry without personal data.
/// </summary>
public static class StudentRecords
{
    public sealed record Export(Caller Caller, Guid StudentId) : IRequest<Result<StudentRecordsExport>>;

    public sealed record Erase(Caller Caller, Guid StudentId) : IRequest<Result<bool>>;

    private const string SelectDisclosures =
        "SELECT o.name AS disclosed_to, d.fields, d.basis, d.context, d.at FROM disclosures d JOIN organizations o ON o.id = d.disclosed_to_org WHERE d.student_id = @Id ORDER BY d.at";

    private const string SelectSoleGuardians =
        "SELECT g.guardian_id FROM guardianships g WHERE g.student_id = @Id AND NOT EXISTS (SELECT 1 FROM guardianships o WHERE o.guardian_id = g.guardian_id AND o.student_id <> @Id)";

    private const string SelectUser = "SELECT user_id FROM people WHERE id = @Id";

    private static readonly string[] Erasure =
    [
        "DELETE FROM reflections WHERE student_id = @Id",
        "DELETE FROM evaluations WHERE placement_id IN (SELECT id FROM placements WHERE student_id = @Id)",
        "DELETE FROM hours_entries WHERE student_id = @Id",
        "DELETE FROM acknowledgements WHERE placement_id IN (SELECT id FROM placements WHERE student_id = @Id)",
        "DELETE FROM agreements WHERE placement_id IN (SELECT id FROM placements WHERE student_id = @Id)",
        "DELETE FROM action_links WHERE placement_id IN (SELECT id FROM placements WHERE student_id = @Id)",
        "DELETE FROM messages WHERE placement_id IN (SELECT id FROM placements WHERE student_id = @Id)",
        "DELETE FROM messages WHERE recipient_person_id = @Id",
        "DELETE FROM placements WHERE student_id = @Id",
        "DELETE FROM match_round_choices WHERE student_id = @Id",
        "DELETE FROM match_round_choice_lists WHERE student_id = @Id",
        "DELETE FROM match_round_rankings WHERE student_id = @Id",
        // A seat the student held is given back (the waiting list moves when someone next cancels or registers).
        "UPDATE event_sessions SET registered = registered - 1 WHERE registered > 0 AND id IN (SELECT session_id FROM event_registrations WHERE student_id = @Id AND status = 'registered')",
        "DELETE FROM event_permission_links WHERE student_id = @Id",
        "DELETE FROM event_registrations WHERE student_id = @Id",
        "DELETE FROM disclosures WHERE student_id = @Id",
        "DELETE FROM guardianships WHERE student_id = @Id",
        "DELETE FROM enrollments WHERE person_id = @Id",
        "DELETE FROM student_profiles WHERE person_id = @Id",
        "DELETE FROM people WHERE id = @Id",
    ];

    private const string DeleteGuardian = "DELETE FROM people WHERE id = @Id AND kind = 'guardian'";

    private const string DeleteGuardianMessages = "DELETE FROM messages WHERE recipient_person_id = @Id";

    private const string DeleteGuardianLinks = "DELETE FROM event_permission_links WHERE guardian_id = @Id";

    private const string DeleteMemberships = "DELETE FROM memberships WHERE user_id = @UserId";

    private const string DeleteCalendarFeed = "DELETE FROM calendar_feeds WHERE user_id = @UserId";

    private const string AnonymiseUser =
        "UPDATE users SET email = @Email, email_normalized = @Normalized, display_name = 'Deleted user', password_hash = NULL, external_subject = NULL, " +
        "disabled = 1, version = version + 1, updated_at = @Now WHERE id = @UserId";

    private const string Audit =
        "INSERT INTO audit_log (id, at, actor, action, entity_type, entity_id, region_id, detail) VALUES (@AuditId, @Now, @Actor, 'erase', 'student', @Id, @RegionId, @Detail)";

    public sealed class Handler(Db db, TimeProvider clock, IMediator mediator) : IRequestHandler<Export, Result<StudentRecordsExport>>, IRequestHandler<Erase, Result<bool>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) =>
            [SelectDisclosures, SelectSoleGuardians, SelectUser, DeleteGuardianMessages, DeleteGuardianLinks, DeleteGuardian, DeleteMemberships, DeleteCalendarFeed, AnonymiseUser, Audit, .. Erasure, .. StudentAccess.Statements, .. PlacementRecord.Statements, .. PlacementEvidence.Statements];

        public async ValueTask<Result<StudentRecordsExport>> Handle(Export query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var (student, error) = await CheckAsync(connection, query.Caller, query.StudentId, cancellationToken);
            if (error is not null)
            {
                return error;
            }

            var guardians = await mediator.Send(new Guardians.ListQuery(query.Caller, query.StudentId), cancellationToken);
            var evaluations = new List<Evaluation>();
            var reflections = new List<Reflection>();
            var now = clock.GetUtcNow();
            var rows = await PlacementRecord.OfStudentAsync(connection, query.Caller, query.StudentId, cancellationToken);
            var placements = await PlacementRecord.ToContractsAsync(connection, query.Caller, rows, now, cancellationToken);
            foreach (var placement in rows)
            {
                evaluations.AddRange(await PlacementEvidence.EvaluationsAsync(connection, placement.Id, cancellationToken));
                reflections.AddRange(await PlacementEvidence.ReflectionsAsync(connection, placement.Id, cancellationToken));
            }

            var hours = await PlacementEvidence.HoursOfStudentAsync(connection, query.StudentId, cancellationToken);
            var disclosures = await connection.QueryAsync<DisclosureRow>(new CommandDefinition(SelectDisclosures, new { Id = query.StudentId }, cancellationToken: cancellationToken));
            return new StudentRecordsExport
            {
                Student = student!.ToContract(withSubgroups: true),
                Guardians = guardians.Value ?? [],
                Placements = placements,
                Hours = hours,
                Evaluations = evaluations,
                Reflections = reflections,
                Disclosures = disclosures.Select(d => new DisclosureRecord { DisclosedTo = d.DisclosedTo, Fields = d.Fields, Basis = d.Basis, Context = d.Context, At = d.At }).ToList(),
                ExportedAt = now,
            };
        }

        public async ValueTask<Result<bool>> Handle(Erase command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var (student, error) = await CheckAsync(connection, command.Caller, command.StudentId, cancellationToken);
            if (error is not null)
            {
                return error;
            }

            var now = clock.GetUtcNow();
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var parameters = new { Id = command.StudentId };
            var soleGuardians = (await connection.QueryAsync<Guid>(new CommandDefinition(SelectSoleGuardians, parameters, transaction, cancellationToken: cancellationToken))).ToList();
            var userId = await connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(SelectUser, parameters, transaction, cancellationToken: cancellationToken));
            foreach (var statement in Erasure)
            {
                await connection.ExecuteAsync(new CommandDefinition(statement, parameters, transaction, cancellationToken: cancellationToken));
            }

            foreach (var guardian in soleGuardians)
            {
                await connection.ExecuteAsync(new CommandDefinition(DeleteGuardianMessages, new { Id = guardian }, transaction, cancellationToken: cancellationToken));
                await connection.ExecuteAsync(new CommandDefinition(DeleteGuardianLinks, new { Id = guardian }, transaction, cancellationToken: cancellationToken));
                await connection.ExecuteAsync(new CommandDefinition(DeleteGuardian, new { Id = guardian }, transaction, cancellationToken: cancellationToken));
            }

            if (userId is { } user)
            {
                await connection.ExecuteAsync(new CommandDefinition(DeleteMemberships, new { UserId = user }, transaction, cancellationToken: cancellationToken));
                await connection.ExecuteAsync(new CommandDefinition(DeleteCalendarFeed, new { UserId = user }, transaction, cancellationToken: cancellationToken));
                await AccessChanges.RecordAsync(connection, transaction, AccessChanges.User, user, now, cancellationToken);
                var placeholder = $"deleted-{user:N}@deleted.invalid";
                await connection.ExecuteAsync(new CommandDefinition(AnonymiseUser, new { UserId = user, Email = placeholder, Normalized = placeholder.ToUpperInvariant(), Now = now },
                    transaction, cancellationToken: cancellationToken));
            }

            await connection.ExecuteAsync(new CommandDefinition(Audit, new
            {
                AuditId = Guid.CreateVersion7(),
                Now = now,
                Actor = command.Caller.UserId?.ToString("D") ?? $"apiKey:{command.Caller.ApiKeyId:D}",
                Id = command.StudentId.ToString("D"),
                student!.RegionId,
                Detail = $"student records erased on request; {soleGuardians.Count} guardian records removed; account {(userId is null ? "none" : "anonymised")}",
            }, transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            return true;
        }

        private static async Task<(StudentRecord? Student, Error? Error)> CheckAsync(System.Data.Common.DbConnection connection, Caller caller, Guid id, CancellationToken cancellationToken)
        {
            var student = await StudentAccess.FindVisibleAsync(connection, caller, id, cancellationToken);
            if (student is null)
            {
                return (null, Error.NotFound($"Student {id}"));
            }

            var held = caller.PermissionsAt(StudentAccess.SchoolRef(student));
            return held.Contains(Permission.PeopleWrite) && held.Contains(Permission.SubgroupsRead)
                ? (student, null)
                : (null, Error.Forbidden("Records requests are handled by district staff."));
        }
    }

    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapGet("/{id:guid}/records", async Task<Answer<Ok<StudentRecordsExport>, Fails.Forbidden, Fails.NotFound>> (Guid id, Caller caller, IMediator mediator, HttpResponse response, CancellationToken ct) =>
                (await mediator.Send(new Export(caller, id), ct)).Match(export =>
                {
                    response.Headers.CacheControl = "no-store";
                    return TypedResults.Ok(export);
                }))
            .WithName("exportStudentRecords")
            .WithSummary("Everything held about a student (records request), including disclosures to employers");
        group.MapDelete("/{id:guid}", async Task<Answer<NoContent, Fails.Forbidden, Fails.NotFound>> (Guid id, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Erase(caller, id), ct)).Match(_ => TypedResults.NoContent()))
            .WithName("eraseStudent")
            .WithSummary("Erase a student's records on request (district staff)");
    }

    private sealed class DisclosureRow
    {
        public string DisclosedTo { get; set; } = "";
        public string Fields { get; set; } = "";
        public string Basis { get; set; } = "";
        public string Context { get; set; } = "";
        public DateTimeOffset At { get; set; }
    }
}
