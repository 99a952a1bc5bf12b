using Dapper;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Events;
using Mediator;

namespace LaunchPath.Api.Features.Events;

/// <summary>
/// GET /api/v1/event-sessions/{id}/registrations — the session's roster: the host and curators see everyone in it (an
/// employer's view is a disclosure of each student's name, school and grade, logged under FERPA); school staff see
/// their own students; a student sees themself. Seats first, then the waiting list in its order.
/// </summary>
public static class ListSessionRegistrations
{
    public sealed record Query(Caller Caller, Guid SessionId) : IRequest<Result<List<EventRegistration>>>;

    private static string Select(string visible) =>
        "SELECT er.student_id, p.given_name, p.preferred_name, p.family_name, s.name AS school_name, s.id AS school_id, p.region_id, p.district_id, p.user_id, sp.grade, " +
        "er.status, er.attendance, er.checked_in_at, er.created_at, er.rating, er.reflection, er.permission " +
        "FROM event_registrations er JOIN people p ON p.id = er.student_id JOIN student_profiles sp ON sp.person_id = p.id JOIN organizations s ON s.id = p.school_id " +
        $"WHERE er.session_id = @SessionId AND (@All = 1 OR {visible}) " +
        "ORDER BY CASE er.status WHEN 'registered' THEN 0 WHEN 'waitlisted' THEN 1 ELSE 2 END, er.created_at, p.family_name, p.given_name, er.student_id";

    /// <summary>The roster's statements, for the slices that answer with it.</summary>
    public static IEnumerable<string> RosterStatements => [Select(StudentAccess.VisibleSql(Caller.Anonymous).Sql), .. Disclosures.Statements];

    public sealed class Handler(Db db, TimeProvider clock) : IRequestHandler<Query, Result<List<EventRegistration>>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [.. RosterStatements, .. EventSessionRecord.Statements];

        public async ValueTask<Result<List<EventRegistration>>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var (loaded, error) = await EventSessionRecord.LoadAsync(connection, query.Caller, query.SessionId, cancellationToken);
            if (error is not null)
            {
                return error;
            }

            return await ReadAsync(connection, query.Caller, loaded!, clock.GetUtcNow(), cancellationToken);
        }
    }

    /// <summary>The roster as <paramref name="caller"/> may see it, with the disclosures an employer's view makes (also after attendance is recorded).</summary>
    internal static async Task<List<EventRegistration>> ReadAsync(System.Data.Common.DbConnection connection, Caller caller, EventSessionRecord.Loaded loaded, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var (visible, parameters) = StudentAccess.VisibleSql(caller);
        parameters.Add("SessionId", loaded.Session.Id);
        parameters.Add("All", loaded.CanManage ? 1 : 0);
        var rows = (await connection.QueryAsync<Row>(new CommandDefinition(Select(visible), parameters, cancellationToken: cancellationToken))).ToList();
        var employer = loaded.Opportunity.EmployerId;
        var outside = rows
            .Where(r => Disclosures.IsOutsideParty(caller, employer, new OrgRef(r.SchoolId, Contracts.Organizations.OrganizationType.School, r.RegionId, r.DistrictId), r.UserId))
            .Select(r => r.StudentId).ToHashSet();
        var disclosed = rows.Where(r => outside.Contains(r.StudentId))
            .Select(r => new Disclosures.Disclosure(r.StudentId, employer, "name, school, grade, registration, attendance", "school official: the employer hosting the event",
                $"Roster of {loaded.Opportunity.Title} on {loaded.Session.StartsAt:yyyy-MM-dd HH:mm} UTC"))
            .ToList();
        await Disclosures.RecordAsync(connection, caller, disclosed, now, cancellationToken);
        return rows.Select(r => new EventRegistration
        {
            StudentId = r.StudentId.ToString("D"),
            Name = PersonNames.Full(r.GivenName, r.PreferredName, r.FamilyName),
            SchoolName = r.SchoolName,
            Grade = r.Grade,
            Status = DbEnum.Parse<RegistrationStatus>(r.Status),
            Attendance = r.Attendance is null ? null : DbEnum.Parse<Attendance>(r.Attendance),
            CheckedInAt = r.CheckedInAt,
            RegisteredAt = r.CreatedAt,
            Permission = r.Permission is null ? null : DbEnum.Parse<TripPermission>(r.Permission),
            // A student's rating and reflection are their school's record: never shown to the host.
            Rating = outside.Contains(r.StudentId) ? null : r.Rating,
            Reflection = outside.Contains(r.StudentId) ? null : r.Reflection,
        }).ToList();
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapGet("/event-sessions/{id:guid}/registrations", async Task<Answer<Ok<List<EventRegistration>>, Fails.NotFound>> (Guid id, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Query(caller, id), ct)).Match(list => TypedResults.Ok(list)))
            .WithName("listSessionRegistrations")
            .WithSummary("A session's roster (as far as you may see it)")
            .WithDescription("The host and curators see everyone registered or waiting (an employer's view is logged as a FERPA disclosure); school staff see their students; a student sees themself.");

    private sealed class Row
    {
        public Guid StudentId { get; set; }
        public string GivenName { get; set; } = "";
        public string? PreferredName { get; set; }
        public string FamilyName { get; set; } = "";
        public string SchoolName { get; set; } = "";
        public Guid SchoolId { get; set; }
        public Guid RegionId { get; set; }
        public Guid DistrictId { get; set; }
        public Guid? UserId { get; set; }
        public int? Grade { get; set; }
        public string Status { get; set; } = "";
        public string? Attendance { get; set; }
        public DateTimeOffset? CheckedInAt { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public int? Rating { get; set; }
        public string? Reflection { get; set; }
        public string? Permission { get; set; }
    }
}
