using System.Data.Common;
using Dapper;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Messaging;

namespace LaunchPath.Api.Features.Events;

/// <summary>
/// Guardians' permission for a session off campus: a student under 18 (or of unknown age) registered for one needs it
/// before they may attend. Each guardian with an email gets a link of their own, in their language, valid until the
/// session starts; only the link's hash is kept. One guardian's answer decides; school staff may record a paper form.
/// </summary>
internal static class TripPermissions
{
    private const string SelectGuardians =
        "SELECT g.id, g.given_name, g.preferred_name, g.family_name, g.email, g.preferred_language FROM guardianships gs JOIN people g ON g.id = gs.guardian_id " +
        "WHERE gs.student_id = @StudentId AND g.email IS NOT NULL ORDER BY g.family_name, g.given_name, g.id";

    private const string SelectTrip =
        "SELECT s.given_name, s.preferred_name, op.title, e.name AS employer_name, es.starts_at, es.location, r.name AS region_name, r.time_zone " +
        "FROM event_sessions es JOIN opportunities op ON op.id = es.opportunity_id JOIN organizations e ON e.id = op.employer_id JOIN organizations r ON r.id = op.region_id " +
        "JOIN people s ON s.id = @StudentId WHERE es.id = @SessionId";

    private const string InsertLink =
        "INSERT INTO event_permission_links (token_hash, session_id, student_id, guardian_id, expires_at, created_at) VALUES (@Hash, @SessionId, @StudentId, @GuardianId, @Expires, @Now)";

    /// <summary>Records an answer, only where permission is asked for and the registration stands.</summary>
    private const string Decide =
        "UPDATE event_registrations SET permission = @Permission, permission_by = @By, permission_at = @Now, updated_at = @Now " +
        "WHERE session_id = @SessionId AND student_id = @StudentId AND permission IS NOT NULL AND status <> 'cancelled'";

    public static IEnumerable<string> Statements => [SelectGuardians, SelectTrip, InsertLink, Decide, .. Outbox.Statements];

    /// <summary>Records a guardian's answer (by link or on paper, as <paramref name="by"/> says); false when this registration asks for none.</summary>
    public static async Task<bool> DecideAsync(DbConnection connection, DbTransaction? transaction, Guid sessionId, Guid studentId, bool granted, string by, DateTimeOffset now,
        CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(new CommandDefinition(Decide, new { SessionId = sessionId, StudentId = studentId, Permission = granted ? "granted" : "refused", By = by, Now = now },
            transaction, cancellationToken: cancellationToken)) > 0;

    /// <summary>Whether a student needs a guardian's permission on this date: under 18, or of unknown age.</summary>
    public static bool Needed(StudentRecord student, DateOnly day) => student.BirthDate is not { } birth || StudentRecord.AgeOn(birth, day) < 18;

    /// <summary>Writes each guardian's link and email in <paramref name="transaction"/>; returns how many were asked.</summary>
    public static async Task<int> AskAsync(DbConnection connection, DbTransaction transaction, Outbox outbox, string origin, Guid sessionId, Guid studentId, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var trip = await connection.QuerySingleAsync<TripRow>(new CommandDefinition(SelectTrip, new { SessionId = sessionId, StudentId = studentId }, transaction, cancellationToken: cancellationToken));
        var guardians = (await connection.QueryAsync<GuardianRow>(new CommandDefinition(SelectGuardians, new { StudentId = studentId }, transaction, cancellationToken: cancellationToken))).ToList();
        var zone = MessageDates.Zone(trip.TimeZone);
        var local = TimeZoneInfo.ConvertTime(trip.StartsAt, zone);
        foreach (var guardian in guardians)
        {
            var token = ActionLinks.NewToken();
            await connection.ExecuteAsync(new CommandDefinition(InsertLink, new
            {
                Hash = ActionLinks.Hash(token), SessionId = sessionId, StudentId = studentId, GuardianId = guardian.Id, Expires = trip.StartsAt, Now = now,
            }, transaction, cancellationToken: cancellationToken));
            var language = MessageTemplates.LanguageFor(guardian.PreferredLanguage);
            await outbox.EnqueueAsync(connection, transaction, new Envelope("event.permission", language, guardian.Email!,
                PersonNames.Full(guardian.GivenName, guardian.PreferredName, guardian.FamilyName), new Dictionary<string, object>
                {
                    ["recipient"] = PersonNames.Full(guardian.GivenName, guardian.PreferredName, guardian.FamilyName),
                    ["student"] = PersonNames.First(trip.GivenName, trip.PreferredName),
                    ["opportunity"] = trip.Title,
                    ["employer"] = trip.EmployerName,
                    ["date"] = $"{MessageDates.Day(DateOnly.FromDateTime(local.DateTime), language)}, {local:HH:mm}",
                    ["place"] = trip.Location ?? "",
                    ["link"] = $"{origin}/permission/{token}",
                    ["region"] = trip.RegionName,
                }, PersonId: guardian.Id, HoldsSecret: true), cancellationToken);
        }

        return guardians.Count;
    }

    private sealed class TripRow
    {
        public string GivenName { get; set; } = "";
        public string? PreferredName { get; set; }
        public string Title { get; set; } = "";
        public string EmployerName { get; set; } = "";
        public DateTimeOffset StartsAt { get; set; }
        public string? Location { get; set; }
        public string RegionName { get; set; } = "";
        public string? TimeZone { get; set; }
    }

    private sealed class GuardianRow
    {
        public Guid Id { get; set; }
        public string GivenName { get; set; } = "";
        public string? PreferredName { get; set; }
        public string FamilyName { get; set; } = "";
        public string? Email { get; set; }
        public string? PreferredLanguage { get; set; }
    }
}
