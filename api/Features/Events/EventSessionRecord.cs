using System.Data.Common;
using System.Security.Cryptography;
using Dapper;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Events;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Opportunities;

namespace LaunchPath.Api.Features.Events;

/// <summary>
/// A session of an event as stored, and the area's rules: which opportunities are events, who sees a session (whoever
/// sees its opportunity), who manages it (the employer's staff and the opportunity's curators), and who may register,
/// cancel or mark a student (the student, or school staff who read the student's school; the host for attendance).
/// </summary>
internal class EventSessionRecord
{
    /// <summary>The kinds of opportunity held as events with sessions, not as placements.</summary>
    public static bool IsEvent(OpportunityType type) =>
        type is OpportunityType.GuestSpeaker or OpportunityType.CareerFair or OpportunityType.WorksiteTour or OpportunityType.InformationalInterview;

    /// <summary>Attendance may be taken from an hour before a session starts, and check-in is open from 30 minutes before to 30 after.</summary>
    public static readonly TimeSpan AttendanceOpensBefore = TimeSpan.FromHours(1);

    public static readonly TimeSpan CheckInWindow = TimeSpan.FromMinutes(30);

    public const string Columns =
        "es.id, es.opportunity_id, es.starts_at, es.ends_at, es.location, es.virtual_url, es.capacity, es.registered, es.check_in_code, es.status, es.host_rating, es.off_campus, " +
        "(SELECT COUNT(*) FROM event_registrations w WHERE w.session_id = es.id AND w.status = 'waitlisted') AS waitlisted, " +
        "(SELECT COUNT(fr.rating) FROM event_registrations fr WHERE fr.session_id = es.id) AS ratings, " +
        "(SELECT AVG(fr.rating * 1.0) FROM event_registrations fr WHERE fr.session_id = es.id) AS average_rating";

    private const string SelectOne = $"SELECT {Columns} FROM event_sessions es WHERE es.id = @Id";

    /// <summary>A rostered class's active students, in name order (what registering a class registers).</summary>
    public const string SelectClassStudents =
        "SELECT e.person_id FROM enrollments e JOIN people p ON p.id = e.person_id WHERE e.class_id = @ClassId AND e.role = 'student' AND e.status = 'active' " +
        "AND p.status = 'active' AND p.kind = 'student' ORDER BY p.family_name, p.given_name, p.id";

    public static IEnumerable<string> Statements => [SelectOne, SelectClassStudents, .. OpportunityQueries.Statements, .. OpportunityRecord.Statements];

    public Guid Id { get; set; }
    public Guid OpportunityId { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    public string? Location { get; set; }
    public string? VirtualUrl { get; set; }
    public int Capacity { get; set; }
    public int Registered { get; set; }
    public string CheckInCode { get; set; } = "";
    public string Status { get; set; } = "";
    public int Waitlisted { get; set; }
    public int? HostRating { get; set; }
    public bool OffCampus { get; set; }
    public int Ratings { get; set; }
    public double? AverageRating { get; set; }

    /// <summary>The signed-in student's own place in a session: its status, whether they were there, their rating.</summary>
    public sealed record Mine(RegistrationStatus Status, bool Attended, int? Rating)
    {
        public const string Columns = "er.status AS my_status, er.attendance AS my_attendance, er.rating AS my_rating";

        public static Mine? From(string? status, string? attendance, int? rating) =>
            status is null ? null : new Mine(DbEnum.Parse<RegistrationStatus>(status), attendance == "present", rating);
    }

    public bool Cancelled => Status == "cancelled";

    /// <summary>A session the caller may see, its opportunity, and whether the caller manages it; or the error to send (404 when not visible).</summary>
    public sealed record Loaded(EventSessionRecord Session, OpportunityRecord Opportunity, bool CanManage);

    public static async Task<(Loaded? Loaded, Error? Error)> LoadAsync(DbConnection connection, Caller caller, Guid id, CancellationToken cancellationToken)
    {
        var session = await connection.QuerySingleOrDefaultAsync<EventSessionRecord>(new CommandDefinition(SelectOne, new { Id = id }, cancellationToken: cancellationToken));
        var opportunity = session is null ? null : await OpportunityQueries.FindVisibleAsync(connection, caller, session.OpportunityId, cancellationToken);
        if (session is null || opportunity is null)
        {
            return (null, Error.NotFound($"Event session {id}"));
        }

        return (new Loaded(session, opportunity, await ManagesAsync(connection, caller, opportunity, cancellationToken)), null);
    }

    /// <summary>The employer's staff who write the opportunity, and its curators (the convener, the district's or school's coordinator).</summary>
    public static async Task<bool> ManagesAsync(DbConnection connection, Caller caller, OpportunityRecord opportunity, CancellationToken cancellationToken)
    {
        var audience = (await OpportunityRecord.AudiencesAsync(connection, [opportunity.Id], null, cancellationToken))[opportunity.Id];
        return Manages(caller, opportunity.EmployerId, opportunity.RegionId, opportunity.AudienceScope, audience);
    }

    /// <summary>The same rule, for an opportunity whose audience is already read.</summary>
    public static bool Manages(Caller caller, Guid employerId, Guid regionId, AudienceScope scope, IReadOnlyList<OrgRef> audience)
    {
        var part = OpportunityRules.PartOf(caller, employerId, regionId, scope, audience);
        return part.Writer || part.Curator;
    }

    /// <summary>The student themself, or staff who read the student's school (a teacher, a coordinator, the district, the convener).</summary>
    public static bool ActsFor(Caller caller, StudentRecord student) =>
        StudentAccess.IsSelf(caller, student) || caller.PermissionsAt(StudentAccess.SchoolRef(student)).Contains(Permission.PeopleRead);

    /// <summary>Six characters, easy to read out and type (no 0/O, 1/I/L).</summary>
    public static string NewCheckInCode() => RandomNumberGenerator.GetString("ABCDEFGHJKMNPQRSTUVWXYZ23456789", 6);

    public EventSession ToContract(OpportunityRecord opportunity, bool canManage, Mine? mine, bool seesRatings = false) => ToContract(opportunity.Title, canManage, mine, seesRatings);

    /// <summary>The session as the caller sees it; <paramref name="seesRatings"/>: whether they see the students' ratings together (those who manage it always do).</summary>
    public EventSession ToContract(string opportunityTitle, bool canManage, Mine? mine, bool seesRatings = false) => new()
    {
        Id = Id.ToString("D"),
        OpportunityId = OpportunityId.ToString("D"),
        OpportunityTitle = opportunityTitle,
        StartsAt = StartsAt,
        EndsAt = EndsAt,
        Location = Location,
        VirtualUrl = VirtualUrl,
        Capacity = Capacity,
        Registered = Registered,
        Waitlisted = Waitlisted,
        Cancelled = Cancelled,
        OffCampus = OffCampus,
        CheckInCode = canManage ? CheckInCode : null,
        MyStatus = mine?.Status,
        CanManage = canManage,
        IAttended = mine is null ? null : mine.Attended,
        MyRating = mine?.Rating ?? (canManage ? HostRating : null),
        Ratings = canManage || seesRatings ? Ratings : null,
        AverageRating = (canManage || seesRatings) && AverageRating is { } average ? Math.Round(average, 2) : null,
    };

    /// <summary>School staff (and above) see how students rated a session; students do not see each other's.</summary>
    public static bool SeesRatings(Caller caller) => caller.IsPlatformAdmin || caller.Has(Permission.PeopleRead);
}
