using Dapper;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Classes;
using LaunchPath.Contracts.Identity;

namespace LaunchPath.Api.Features.Classes;

/// <summary>A class row with its school, course, teachers and student count, visible to those who may read the school's people. Shared by the area.</summary>
internal sealed class ClassRecord
{
    private const string Columns =
        "cl.id, cl.sourced_id, cl.title, cl.class_code, cl.school_id, s.name AS school_name, c.title AS course_title, c.course_code, cl.status, " +
        "(SELECT COUNT(*) FROM enrollments se JOIN people sp ON sp.id = se.person_id WHERE se.class_id = cl.id AND se.role = 'student' AND se.status = 'active' " +
        "AND sp.status = 'active') AS students";

    private const string From = "classes cl JOIN organizations s ON s.id = cl.school_id LEFT JOIN courses c ON c.id = cl.course_id";

    /// <summary>The caller teaches the class: an active teacher enrolment of the roster person linked to the caller's account, or with the caller's email.</summary>
    public const string TaughtByCaller =
        "EXISTS (SELECT 1 FROM enrollments te JOIN people tp ON tp.id = te.person_id WHERE te.class_id = cl.id AND te.role = 'teacher' AND te.status = 'active' " +
        "AND (tp.user_id = @User OR (tp.email IS NOT NULL AND LOWER(tp.email) = @Email)))";

    private const string SelectTeachers =
        "SELECT te.class_id, tp.given_name, tp.family_name FROM enrollments te JOIN people tp ON tp.id = te.person_id " +
        "WHERE te.class_id IN (SELECT value FROM json_each(@Ids)) AND te.role = 'teacher' AND te.status = 'active' ORDER BY tp.family_name, tp.given_name";

    public static string Select(string where) => $"SELECT {Columns} FROM {From} WHERE {TenantScope.CoversSql("s")} AND {where}";

    public static IEnumerable<string> Statements => [SelectTeachers];

    public static DynamicParameters Parameters(Caller caller)
    {
        var parameters = new DynamicParameters();
        foreach (var (name, value) in caller.Scope(Permission.PeopleRead).Parameters())
        {
            parameters.Add(name, value);
        }

        parameters.Add("User", caller.UserId);
        parameters.Add("Email", caller.Email?.ToLowerInvariant());
        return parameters;
    }

    public static async Task<List<ClassSummary>> ToContractsAsync(System.Data.Common.DbConnection connection, IReadOnlyList<ClassRecord> rows, CancellationToken cancellationToken)
    {
        var found = rows.Count == 0 ? [] : await connection.QueryAsync<TeacherRow>(new CommandDefinition(SelectTeachers,
            new { Ids = DbIds.Of(rows.Select(r => r.Id)) }, cancellationToken: cancellationToken));
        var teachers = found.ToLookup(t => t.ClassId);
        return rows.Select(r => new ClassSummary
        {
            Id = r.Id.ToString("D"),
            SourcedId = r.SourcedId,
            Title = r.Title,
            ClassCode = r.ClassCode,
            SchoolId = r.SchoolId.ToString("D"),
            SchoolName = r.SchoolName,
            CourseTitle = r.CourseTitle,
            CourseCode = r.CourseCode,
            Teachers = teachers[r.Id].Select(t => $"{t.GivenName} {t.FamilyName}").ToList(),
            Students = r.Students,
            Active = r.Status == "active",
        }).ToList();
    }

    public Guid Id { get; set; }
    public string SourcedId { get; set; } = "";
    public string Title { get; set; } = "";
    public string? ClassCode { get; set; }
    public Guid SchoolId { get; set; }
    public string SchoolName { get; set; } = "";
    public string? CourseTitle { get; set; }
    public string? CourseCode { get; set; }
    public string Status { get; set; } = "";
    public int Students { get; set; }

    private sealed class TeacherRow
    {
        public Guid ClassId { get; set; }
        public string GivenName { get; set; } = "";
        public string FamilyName { get; set; } = "";
    }
}
