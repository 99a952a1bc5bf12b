using Dapper;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Messaging;
using LaunchPath.Api.Infrastructure.Security;
using Mediator;

namespace LaunchPath.Api.Features.Events;

/// <summary>
/// DELETE /api/v1/event-sessions/{id}/registrations/{studentId} — the student, school staff for them, or the host takes a
/// student out of a session. A seat given back goes to the earliest on the waiting list, in the same transaction.
/// </summary>
public static class CancelRegistration
{
    public sealed record Command(Caller Caller, Guid SessionId, Guid StudentId) : IRequest<Result<bool>>;

    private const string CancelSeat =
        "UPDATE event_registrations SET status = 'cancelled', updated_at = @Now WHERE session_id = @SessionId AND student_id = @StudentId AND status = 'registered'";

    private const string CancelWaiting =
        "UPDATE event_registrations SET status = 'cancelled', updated_at = @Now WHERE session_id = @SessionId AND student_id = @StudentId AND status = 'waitlisted'";

    /// <summary>The earliest waiting student.</summary>
    private static string SelectNext(SqlDialect dialect) =>
        dialect.Limit("SELECT w.student_id FROM event_registrations w WHERE w.session_id = @SessionId AND w.status = 'waitlisted' ORDER BY w.created_at, w.student_id", "1");

    /// <summary>They take the seat, only if still waiting: two cancellations never promote one student twice.</summary>
    private const string Promote =
        "UPDATE event_registrations SET status = 'registered', updated_at = @Now WHERE session_id = @SessionId AND student_id = @Next AND status = 'waitlisted'";

    /// <summary>What the promoted student's email says, and where it goes.</summary>
    private const string SelectPromoted =
        "SELECT p.email, p.given_name, p.preferred_name, p.family_name, p.preferred_language, op.title, es.starts_at, es.location, es.virtual_url, r.time_zone, r.name AS region_name " +
        "FROM people p JOIN event_sessions es ON es.id = @SessionId JOIN opportunities op ON op.id = es.opportunity_id JOIN organizations r ON r.id = op.region_id WHERE p.id = @Next";

    private const string FreeSeat = "UPDATE event_sessions SET registered = registered - 1, updated_at = @Now WHERE id = @SessionId AND registered > 0";

    private const string SelectStudent = "SELECT student_id FROM event_registrations WHERE session_id = @SessionId AND student_id = @StudentId";

    public sealed class Handler(Db db, TimeProvider clock, Outbox outbox, PublicUrl publicUrl) : IRequestHandler<Command, Result<bool>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) =>
            [CancelSeat, CancelWaiting, SelectNext(dialect), Promote, SelectPromoted, FreeSeat, SelectStudent, .. EventSessionRecord.Statements, .. StudentAccess.Statements,
                .. Outbox.Statements];

        public async ValueTask<Result<bool>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var (loaded, error) = await EventSessionRecord.LoadAsync(connection, command.Caller, command.SessionId, cancellationToken);
            if (error is not null)
            {
                return error;
            }

            var student = await StudentAccess.FindVisibleAsync(connection, command.Caller, command.StudentId, cancellationToken);
            var listed = await connection.ExecuteScalarAsync<Guid?>(new CommandDefinition(SelectStudent, new { command.SessionId, command.StudentId }, cancellationToken: cancellationToken));
            if (listed is null || (!loaded!.CanManage && (student is null || !EventSessionRecord.ActsFor(command.Caller, student))))
            {
                return Error.NotFound($"Registration of student {command.StudentId}");
            }

            var key = new { command.SessionId, command.StudentId, Now = clock.GetUtcNow() };
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var promoted = false;
            if (await connection.ExecuteAsync(new CommandDefinition(CancelSeat, key, transaction, cancellationToken: cancellationToken)) == 1)
            {
                var next = loaded.Session.Cancelled || loaded.Session.StartsAt <= key.Now
                    ? null
                    : await connection.ExecuteScalarAsync<Guid?>(new CommandDefinition(SelectNext(db.Dialect), key, transaction, cancellationToken: cancellationToken));
                promoted = next is { } waiting
                           && await connection.ExecuteAsync(new CommandDefinition(Promote, new { key.SessionId, key.Now, Next = waiting }, transaction, cancellationToken: cancellationToken)) == 1;
                if (promoted)
                {
                    await TellPromotedAsync(connection, transaction, command.SessionId, next!.Value, cancellationToken);
                }
                else
                {
                    await connection.ExecuteAsync(new CommandDefinition(FreeSeat, key, transaction, cancellationToken: cancellationToken));
                }
            }
            else if (await connection.ExecuteAsync(new CommandDefinition(CancelWaiting, key, transaction, cancellationToken: cancellationToken)) == 0)
            {
                return Error.Conflict("The student's registration is already cancelled.");
            }

            await transaction.CommitAsync(cancellationToken);
            if (promoted)
            {
                outbox.Wake();
            }

            return true;
        }

        /// <summary>The student who had been waiting hears they have a seat, in their language, in the same transaction.</summary>
        private async Task TellPromotedAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, Guid sessionId, Guid studentId,
            CancellationToken cancellationToken)
        {
            var row = await connection.QuerySingleOrDefaultAsync<PromotedRow>(new CommandDefinition(SelectPromoted, new { SessionId = sessionId, Next = studentId }, transaction,
                cancellationToken: cancellationToken));
            if (row?.Email is not { Length: > 0 } email)
            {
                return; // no address: the student sees it on the events page
            }

            var language = MessageTemplates.LanguageFor(row.PreferredLanguage);
            var zone = MessageDates.Zone(row.TimeZone);
            var local = TimeZoneInfo.ConvertTime(row.StartsAt, zone);
            await outbox.EnqueueAsync(connection, transaction, new Envelope("event.seat", language, email, PersonNames.Full(row.GivenName, row.PreferredName, row.FamilyName), new Dictionary<string, object>
            {
                ["recipient"] = PersonNames.First(row.GivenName, row.PreferredName),
                ["opportunity"] = row.Title,
                ["date"] = $"{MessageDates.Day(DateOnly.FromDateTime(local.DateTime), language)}, {local:HH:mm}",
                ["place"] = row.Location ?? row.VirtualUrl ?? "",
                ["link"] = $"{publicUrl.Current}/#/events/{sessionId:D}",
                ["region"] = row.RegionName,
            }, PersonId: studentId), cancellationToken);
        }
    }

    private sealed class PromotedRow
    {
        public string? Email { get; set; }
        public string GivenName { get; set; } = "";
        public string? PreferredName { get; set; }
        public string FamilyName { get; set; } = "";
        public string? PreferredLanguage { get; set; }
        public string Title { get; set; } = "";
        public DateTimeOffset StartsAt { get; set; }
        public string? Location { get; set; }
        public string? VirtualUrl { get; set; }
        public string? TimeZone { get; set; }
        public string RegionName { get; set; } = "";
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapDelete("/event-sessions/{id:guid}/registrations/{studentId:guid}", async Task<Answer<NoContent, Fails.NotFound, Fails.Conflict>> (
                    Guid id, Guid studentId, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Command(caller, id, studentId), ct)).Match(_ => TypedResults.NoContent()))
            .WithName("cancelRegistration")
            .WithSummary("Take a student out of a session (the seat goes to the waiting list)");
}
