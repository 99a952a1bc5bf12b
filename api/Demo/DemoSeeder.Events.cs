using Dapper;
using LaunchPath.Api.Infrastructure.Data;

namespace LaunchPath.Api.Demo;

/// <summary>
/// A term of events: each of the first few dozen guest speakers, tours, career fairs and informational interviews has
/// a session some weeks back, attended (most present, some absent), and one coming up with students registered and,
/// when full, waiting. The demo student is registered for two coming up (none attended yet, so the demo's recommendations
/// and sequencing stay as they were). Bounded whatever the scale.
/// </summary>
public sealed partial class DemoSeeder
{
    private const int DemoEvents = 40;

    private static async Task SeedEventsAsync(IServiceProvider services, string firstSchool, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<Db>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var random = new Random(19);
        await using var connection = await db.OpenAsync(cancellationToken);
        var events = (await connection.QueryAsync<DemoOpportunity>(new CommandDefinition(
            "SELECT id, employer_id, stage, type, career_cluster, seats, min_grade FROM opportunities WHERE status = 'published' AND audience = 'region' " +
            "AND type IN ('guestSpeaker', 'worksiteTour', 'careerFair', 'informationalInterview') ORDER BY id", cancellationToken: cancellationToken))).Take(DemoEvents).ToList();
        // The first school's students first (the demo student is its first), then the others: most sessions fill from one school, as a class would.
        var students = (await connection.QueryAsync<DemoStudent>(new CommandDefinition(
            "SELECT p.id, p.school_id, p.district_id, p.region_id, sp.grade FROM people p JOIN student_profiles sp ON sp.person_id = p.id " +
            "WHERE p.kind = 'student' AND p.status = 'active' ORDER BY CASE WHEN p.school_id = @School THEN 0 ELSE 1 END, p.sourced_id",
            new { School = Guid.Parse(firstSchool) }, cancellationToken: cancellationToken))).Take(2000).ToList();
        if (events.Count == 0 || students.Count == 0)
        {
            return;
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        using var insertSession = new PreparedCommand(connection, transaction, db.Dialect,
            "INSERT INTO event_sessions (id, opportunity_id, starts_at, ends_at, location, virtual_url, capacity, registered, check_in_code, status, created_at, updated_at) " +
            "VALUES (@id, @opportunity, @starts, @ends, @location, NULL, @capacity, @registered, @code, 'scheduled', @created, @created)",
            "id", "opportunity", "starts", "ends", "location", "capacity", "registered", "code", "created");
        using var insertRegistration = new PreparedCommand(connection, transaction, db.Dialect,
            "INSERT INTO event_registrations (session_id, student_id, status, created_at, updated_at, attendance, attendance_at) " +
            "VALUES (@session, @student, @status, @created, @created, @attendance, @attendanceAt)",
            "session", "student", "status", "created", "attendance", "attendanceAt");
        var demoStudent = students[0].Id;
        for (var i = 0; i < events.Count; i++)
        {
            var opportunity = events[i];
            var eligible = students.Where(s => opportunity.MinGrade is not { } min || s.Grade >= min).ToList();
            foreach (var past in new[] { true, false })
            {
                var day = now.UtcDateTime.Date.AddDays(past ? -(7 + i % 35) : 3 + i % 40);
                var starts = new DateTimeOffset(day.AddHours(17 + i % 4), TimeSpan.Zero); // 9 am to noon in California
                var capacity = 15 + random.Next(4) * 5;
                var offset = random.Next(Math.Max(1, eligible.Count - 40));
                var wanting = eligible.Skip(offset).Take(capacity + random.Next(6) - 3).Where(s => !past || s.Id != demoStudent).ToList();
                if (!past && i < 2 && !wanting.Any(s => s.Id == demoStudent) && eligible.Any(s => s.Id == demoStudent))
                {
                    wanting.Insert(0, eligible.First(s => s.Id == demoStudent));
                }

                var seated = Math.Min(capacity, wanting.Count);
                var sessionId = Guid.CreateVersion7();
                insertSession.Run(sessionId, opportunity.Id, starts, starts.AddHours(opportunity.Type == "careerFair" ? 3 : 2),
                    opportunity.Type == "careerFair" ? "County fairgrounds, Hall B" : "At the employer's site (details from the host)", capacity, seated,
                    LaunchPath.Api.Features.Events.EventSessionRecord.NewCheckInCode(), starts.AddDays(-21));
                for (var n = 0; n < wanting.Count; n++)
                {
                    var hasSeat = n < capacity;
                    string? attendance = past && hasSeat ? (random.Next(100) < 87 ? "present" : "absent") : null;
                    insertRegistration.Run(sessionId, wanting[n].Id, hasSeat ? "registered" : "waitlisted", starts.AddDays(-14).AddMinutes(n), attendance,
                        attendance is null ? null : starts.AddHours(1));
                }
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
