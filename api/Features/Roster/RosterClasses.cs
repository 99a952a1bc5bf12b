using System.Data.Common;
using Dapper;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Contracts.Roster;

namespace LaunchPath.Api.Features.Roster;

/// <summary>
/// The classroom side of a roster: academic sessions, courses, classes and enrollments, keyed on sourcedId within the
/// district. Checked with the rest of the roster (a class's school and course, an enrollment's class and person must
/// exist in the file or the district), written in the same transaction after the people, unchanged rows untouched. In
/// bulk mode, classes and enrollments absent from a file that sends them end (status inactive); a file without
/// classes.csv leaves them as they are.
/// </summary>
internal sealed class RosterClasses(DbConnection connection, DbTransaction transaction, SqlDialect dialect)
{
    private const string SelectSessions = "SELECT id, sourced_id, title, type, start_date, end_date, school_year, status FROM academic_sessions WHERE district_id = @Id";

    private const string SelectCourses = "SELECT id, sourced_id, title, course_code, school_id, status FROM courses WHERE district_id = @Id";

    private const string SelectClasses = "SELECT id, sourced_id, school_id, course_id, title, class_code, class_type, terms, status FROM classes WHERE district_id = @Id";

    private const string SelectEnrollments = "SELECT id, sourced_id, class_id, person_id, role, is_primary, begin_date, end_date, status FROM enrollments WHERE district_id = @Id";

    private const string InsertSession =
        "INSERT INTO academic_sessions (id, district_id, sourced_id, title, type, start_date, end_date, school_year, status, updated_at) " +
        "VALUES (@id, @district, @sourced, @title, @type, @start, @end, @year, @status, @now)";
    private const string UpdateSession =
        "UPDATE academic_sessions SET title = @title, type = @type, start_date = @start, end_date = @end, school_year = @year, status = @status, updated_at = @now WHERE id = @id";
    private const string InsertCourse =
        "INSERT INTO courses (id, district_id, sourced_id, title, course_code, school_id, status, updated_at) VALUES (@id, @district, @sourced, @title, @code, @school, @status, @now)";
    private const string UpdateCourse = "UPDATE courses SET title = @title, course_code = @code, school_id = @school, status = @status, updated_at = @now WHERE id = @id";

    private const string InsertClass =
        "INSERT INTO classes (id, district_id, sourced_id, school_id, course_id, title, class_code, class_type, terms, status, updated_at) " +
        "VALUES (@id, @district, @sourced, @school, @course, @title, @code, @type, @terms, @status, @now)";
    private const string UpdateClass =
        "UPDATE classes SET school_id = @school, course_id = @course, title = @title, class_code = @code, class_type = @type, terms = @terms, status = @status, " +
        "updated_at = @now WHERE id = @id";
    private const string InsertEnrollment =
        "INSERT INTO enrollments (id, district_id, sourced_id, class_id, person_id, role, is_primary, begin_date, end_date, status, updated_at) " +
        "VALUES (@id, @district, @sourced, @class, @person, @role, @primary, @begin, @end, @status, @now)";
    private const string UpdateEnrollment =
        "UPDATE enrollments SET class_id = @class, person_id = @person, role = @role, is_primary = @primary, begin_date = @begin, end_date = @end, status = @status, " +
        "updated_at = @now WHERE id = @id";
    private const string EndClass = "UPDATE classes SET status = 'inactive', updated_at = @now WHERE id = @id";

    private const string EndEnrollment = "UPDATE enrollments SET status = 'inactive', updated_at = @now WHERE id = @id";

    public static IEnumerable<string> Statements =>
    [
        SelectSessions, SelectCourses, SelectClasses, SelectEnrollments, InsertSession, UpdateSession, InsertCourse, UpdateCourse, InsertClass, UpdateClass,
        InsertEnrollment, UpdateEnrollment, EndClass, EndEnrollment,
    ];

    private Dictionary<string, SessionRow> _sessions = [];
    private Dictionary<string, CourseRow> _courses = [];
    private Dictionary<string, ClassRow> _classes = [];
    private Dictionary<string, EnrollmentRow> _enrollments = [];

    public async Task LoadAsync(Guid districtId, CancellationToken cancellationToken)
    {
        async Task<Dictionary<string, T>> Load<T>(string sql) where T : IKeyed =>
            (await connection.QueryAsync<T>(new CommandDefinition(sql, new { Id = districtId }, transaction, cancellationToken: cancellationToken)))
            .ToDictionary(r => r.SourcedId, StringComparer.Ordinal);
        _sessions = await Load<SessionRow>(SelectSessions);
        _courses = await Load<CourseRow>(SelectCourses);
        _classes = await Load<ClassRow>(SelectClasses);
        _enrollments = await Load<EnrollmentRow>(SelectEnrollments);
    }

    /// <summary>Checks the classroom rows against each other, the schools and the people; problems go to the batch, rows left out to the tally.</summary>
    public void Check(RosterBatch batch, ISet<string> schools, Func<string, bool> personKnown, RosterApplier.SkipTally skipped)
    {
        Unique(batch, "academicSessions.csv", batch.Sessions.Select(s => (s.Line, s.Row.SourcedId)));
        Unique(batch, "courses.csv", batch.Courses.Select(c => (c.Line, c.Row.SourcedId)));
        Unique(batch, "classes.csv", batch.Classes.Select(c => (c.Line, c.Row.SourcedId)));
        Unique(batch, "enrollments.csv", batch.Enrollments.Select(e => (e.Line, e.Row.SourcedId)));
        foreach (var (line, session) in batch.Sessions)
        {
            RosterApplier.Required(batch, "academicSessions.csv", line, "title", session.Title);
            RosterApplier.Required(batch, "academicSessions.csv", line, "type", session.Type);
        }

        foreach (var (line, course) in batch.Courses)
        {
            RosterApplier.Required(batch, "courses.csv", line, "title", course.Title);
        }

        var courses = new HashSet<string>(_courses.Keys.Concat(batch.Courses.Select(c => c.Row.SourcedId)), StringComparer.Ordinal);
        foreach (var (line, @class) in batch.Classes)
        {
            RosterApplier.Required(batch, "classes.csv", line, "title", @class.Title);
            if (RosterApplier.Required(batch, "classes.csv", line, "schoolSourcedId", @class.SchoolSourcedId) is { } school && !schools.Contains(school))
            {
                batch.Error("classes.csv", line, "schoolSourcedId", $"'{RosterBatch.Truncate(school)}' is not one of the district's schools.");
            }

            if (@class.CourseSourcedId is { } course && !courses.Contains(course))
            {
                batch.Error("classes.csv", line, "courseSourcedId", $"No course '{RosterBatch.Truncate(course)}' in courses.csv or in the district.");
            }
        }

        var classes = new HashSet<string>(_classes.Keys.Concat(batch.Classes.Select(c => c.Row.SourcedId)), StringComparer.Ordinal);
        foreach (var (line, enrollment) in batch.Enrollments)
        {
            RosterApplier.Required(batch, "enrollments.csv", line, "role", enrollment.Role);
            if (RosterApplier.Required(batch, "enrollments.csv", line, "classSourcedId", enrollment.ClassSourcedId) is { } @class && !classes.Contains(@class))
            {
                batch.Error("enrollments.csv", line, "classSourcedId", $"No class '{RosterBatch.Truncate(@class)}' in classes.csv or in the district.");
            }

            if (RosterApplier.Required(batch, "enrollments.csv", line, "userSourcedId", enrollment.UserSourcedId) is { } user && !personKnown(user))
            {
                skipped.Add("enrollment of a user LaunchPath does not hold (below grade 6, or a role it does not use)", enrollment.SourcedId);
            }
        }
    }

    /// <summary>Writes the classroom rows once the people are written; <paramref name="people"/> maps every person's sourcedId to its id.</summary>
    public (int Classes, int Enrollments) Write(Guid districtId, RosterBatch batch, IReadOnlyDictionary<string, Guid> schools, IReadOnlyDictionary<string, Guid> people, object now)
    {
        var district = dialect.ToDb(districtId);
        int classesWritten = 0, enrollmentsWritten = 0;
        using (var insert = Prepare(InsertSession, "id", "district", "sourced", "title", "type", "start", "end", "year", "status", "now"))
        using (var update = Prepare(UpdateSession, "title", "type", "start", "end", "year", "status", "now", "id"))
        {
            foreach (var (_, s) in batch.Sessions)
            {
                var status = Status(s.Status);
                if (!_sessions.TryGetValue(s.SourcedId, out var current))
                {
                    insert.Run(Guid.CreateVersion7(), district, s.SourcedId, s.Title.Trim(), s.Type, s.StartDate, s.EndDate, s.SchoolYear, status, now);
                    classesWritten++;
                }
                else if (current.Title != s.Title.Trim() || current.Type != s.Type || current.StartDate != s.StartDate || current.EndDate != s.EndDate
                         || current.SchoolYear != s.SchoolYear || current.Status != status)
                {
                    update.Run(s.Title.Trim(), s.Type, s.StartDate, s.EndDate, s.SchoolYear, status, now, current.Id);
                    classesWritten++;
                }
            }
        }

        var courseIds = _courses.ToDictionary(c => c.Key, c => c.Value.Id, StringComparer.Ordinal);
        using (var insert = Prepare(InsertCourse, "id", "district", "sourced", "title", "code", "school", "status", "now"))
        using (var update = Prepare(UpdateCourse, "title", "code", "school", "status", "now", "id"))
        {
            foreach (var (_, c) in batch.Courses)
            {
                var status = Status(c.Status);
                Guid? school = c.OrgSourcedId is { } org && schools.TryGetValue(org, out var id) ? id : null;
                if (!_courses.TryGetValue(c.SourcedId, out var current))
                {
                    var created = Guid.CreateVersion7();
                    courseIds[c.SourcedId] = created;
                    insert.Run(created, district, c.SourcedId, c.Title.Trim(), c.CourseCode, school, status, now);
                    classesWritten++;
                }
                else if (current.Title != c.Title.Trim() || current.CourseCode != c.CourseCode || current.SchoolId != school || current.Status != status)
                {
                    update.Run(c.Title.Trim(), c.CourseCode, school, status, now, current.Id);
                    classesWritten++;
                }
            }
        }

        var classIds = _classes.ToDictionary(c => c.Key, c => c.Value.Id, StringComparer.Ordinal);
        using (var insert = Prepare(InsertClass, "id", "district", "sourced", "school", "course", "title", "code", "type", "terms", "status", "now"))
        using (var update = Prepare(UpdateClass, "school", "course", "title", "code", "type", "terms", "status", "now", "id"))
        {
            foreach (var (_, c) in batch.Classes)
            {
                var status = Status(c.Status);
                var school = schools[c.SchoolSourcedId!];
                Guid? course = c.CourseSourcedId is { } key ? courseIds[key] : null;
                var terms = c.TermSourcedIds.Count == 0 ? null : DbJson.Write(c.TermSourcedIds);
                if (!_classes.TryGetValue(c.SourcedId, out var current))
                {
                    var created = Guid.CreateVersion7();
                    classIds[c.SourcedId] = created;
                    insert.Run(created, district, c.SourcedId, school, course, c.Title.Trim(), c.ClassCode, c.ClassType, terms, status, now);
                    classesWritten++;
                }
                else if (current.SchoolId != school || current.CourseId != course || current.Title != c.Title.Trim() || current.ClassCode != c.ClassCode
                         || current.ClassType != c.ClassType || current.Terms != terms || current.Status != status)
                {
                    update.Run(school, course, c.Title.Trim(), c.ClassCode, c.ClassType, terms, status, now, current.Id);
                    classesWritten++;
                }
            }

            if (batch.Mode == RosterMode.Bulk && batch.Classes.Count > 0)
            {
                var inFile = batch.Classes.Select(c => c.Row.SourcedId).ToHashSet(StringComparer.Ordinal);
                using var end = Prepare(EndClass, "now", "id");
                foreach (var absent in _classes.Values.Where(c => c.Status == "active" && !inFile.Contains(c.SourcedId)))
                {
                    end.Run(now, absent.Id);
                    classesWritten++;
                }
            }
        }

        using (var insert = Prepare(InsertEnrollment, "id", "district", "sourced", "class", "person", "role", "primary", "begin", "end", "status", "now"))
        using (var update = Prepare(UpdateEnrollment, "class", "person", "role", "primary", "begin", "end", "status", "now", "id"))
        {
            foreach (var (_, e) in batch.Enrollments)
            {
                if (!people.TryGetValue(e.UserSourcedId!, out var person))
                {
                    continue; // counted as skipped when checked
                }

                var status = Status(e.Status);
                var @class = classIds[e.ClassSourcedId!];
                var primary = e.Primary == true;
                if (!_enrollments.TryGetValue(e.SourcedId, out var current))
                {
                    insert.Run(Guid.CreateVersion7(), district, e.SourcedId, @class, person, e.Role, primary, e.BeginDate, e.EndDate, status, now);
                    enrollmentsWritten++;
                }
                else if (current.ClassId != @class || current.PersonId != person || current.Role != e.Role || current.IsPrimary != primary
                         || current.BeginDate != e.BeginDate || current.EndDate != e.EndDate || current.Status != status)
                {
                    update.Run(@class, person, e.Role, primary, e.BeginDate, e.EndDate, status, now, current.Id);
                    enrollmentsWritten++;
                }
            }

            if (batch.Mode == RosterMode.Bulk && batch.Enrollments.Count > 0)
            {
                var inFile = batch.Enrollments.Select(e => e.Row.SourcedId).ToHashSet(StringComparer.Ordinal);
                using var end = Prepare(EndEnrollment, "now", "id");
                foreach (var absent in _enrollments.Values.Where(e => e.Status == "active" && !inFile.Contains(e.SourcedId)))
                {
                    end.Run(now, absent.Id);
                    enrollmentsWritten++;
                }
            }
        }

        return (classesWritten, enrollmentsWritten);
    }

    private static string Status(string? status) => string.Equals(status, "tobedeleted", StringComparison.OrdinalIgnoreCase) ? "inactive" : "active";

    private static void Unique(RosterBatch batch, string file, IEnumerable<(int Line, string SourcedId)> rows)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (line, sourcedId) in rows)
        {
            if (string.IsNullOrWhiteSpace(sourcedId))
            {
                batch.Error(file, line, "sourcedId", "sourcedId is required.");
            }
            else if (!seen.Add(sourcedId))
            {
                batch.Error(file, line, "sourcedId", $"sourcedId '{RosterBatch.Truncate(sourcedId)}' appears twice.");
            }
        }
    }

    private PreparedCommand Prepare(string sql, params string[] names) => new(connection, transaction, dialect, sql, names);

    private interface IKeyed
    {
        string SourcedId { get; }
    }

    private sealed class SessionRow : IKeyed
    {
        public Guid Id { get; set; }
        public string SourcedId { get; set; } = "";
        public string Title { get; set; } = "";
        public string Type { get; set; } = "";
        public string? StartDate { get; set; }
        public string? EndDate { get; set; }
        public string? SchoolYear { get; set; }
        public string Status { get; set; } = "";
    }

    private sealed class CourseRow : IKeyed
    {
        public Guid Id { get; set; }
        public string SourcedId { get; set; } = "";
        public string Title { get; set; } = "";
        public string? CourseCode { get; set; }
        public Guid? SchoolId { get; set; }
        public string Status { get; set; } = "";
    }

    private sealed class ClassRow : IKeyed
    {
        public Guid Id { get; set; }
        public string SourcedId { get; set; } = "";
        public Guid SchoolId { get; set; }
        public Guid? CourseId { get; set; }
        public string Title { get; set; } = "";
        public string? ClassCode { get; set; }
        public string? ClassType { get; set; }
        public string? Terms { get; set; }
        public string Status { get; set; } = "";
    }

    private sealed class EnrollmentRow : IKeyed
    {
        public Guid Id { get; set; }
        public string SourcedId { get; set; } = "";
        public Guid ClassId { get; set; }
        public Guid PersonId { get; set; }
        public string Role { get; set; } = "";
        public bool IsPrimary { get; set; }
        public string? BeginDate { get; set; }
        public string? EndDate { get; set; }
        public string Status { get; set; } = "";
    }
}
