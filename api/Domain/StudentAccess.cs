using System.Data.Common;
using Dapper;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Identity;

namespace LaunchPath.Api.Domain;

/// <summary>
/// Who sees a student: staff whose PeopleRead reaches the student's school (school, district or region staff), the
/// student, and the student's guardians. Employers never see students here (placements disclose what they need).
/// Subgroups: only SubgroupsRead (district admins, conveners). Changes to the record: PeopleWrite. Preferences: the
/// student or PeopleWrite.
/// </summary>
internal static class StudentAccess
{
    public static (string Sql, DynamicParameters Parameters) VisibleSql(Caller caller)
    {
        var parameters = new DynamicParameters();
        foreach (var (name, value) in caller.Scope(Permission.PeopleRead).PeopleParameters("Peo"))
        {
            parameters.Add(name, value);
        }

        parameters.Add("PeoUserId", caller.UserId);
        var sql = $"({TenantScope.CoversPeopleSql("p", "Peo")} OR p.user_id = @PeoUserId " +
                  "OR EXISTS (SELECT 1 FROM guardianships vg JOIN people vgp ON vgp.id = vg.guardian_id WHERE vg.student_id = p.id AND vgp.user_id = @PeoUserId))";
        return (sql, parameters);
    }

    private static string SelectVisible(string visible) => $"SELECT {StudentRecord.Columns} FROM {StudentRecord.From} WHERE p.id = @Id AND p.kind = 'student' AND {visible}";

    private static string SelectVisibleAmong(string visible) =>
        $"SELECT {StudentRecord.Columns} FROM {StudentRecord.From} WHERE p.id IN (SELECT value FROM json_each(@Ids)) AND p.kind = 'student' AND {visible}";

    public static IEnumerable<string> Statements => [SelectVisible(VisibleSql(Caller.Anonymous).Sql), SelectVisibleAmong(VisibleSql(Caller.Anonymous).Sql)];

    public static async Task<StudentRecord?> FindVisibleAsync(DbConnection connection, Caller caller, Guid id, CancellationToken cancellationToken)
    {
        var (visible, parameters) = VisibleSql(caller);
        parameters.Add("Id", id);
        return await connection.QuerySingleOrDefaultAsync<StudentRecord>(new CommandDefinition(SelectVisible(visible), parameters, cancellationToken: cancellationToken));
    }

    /// <summary>Those of <paramref name="ids"/> the caller may see, by id, in one read (a class or a list at once).</summary>
    public static async Task<Dictionary<Guid, StudentRecord>> FindVisibleAsync(DbConnection connection, Caller caller, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var (visible, parameters) = VisibleSql(caller);
        parameters.Add("Ids", Infrastructure.Data.DbIds.Of(ids));
        return (await connection.QueryAsync<StudentRecord>(new CommandDefinition(SelectVisibleAmong(visible), parameters, cancellationToken: cancellationToken))).ToDictionary(s => s.Id);
    }

    public static OrgRef SchoolRef(StudentRecord student) =>
        new(student.SchoolId, Contracts.Organizations.OrganizationType.School, student.RegionId, student.DistrictId);

    public static bool CanSeeSubgroups(Caller caller, StudentRecord student) =>
        caller.PermissionsAt(SchoolRef(student)).Contains(Permission.SubgroupsRead);

    public static bool CanWriteRecord(Caller caller, StudentRecord student) =>
        caller.PermissionsAt(SchoolRef(student)).Contains(Permission.PeopleWrite);

    public static bool IsSelf(Caller caller, StudentRecord student) => caller.UserId is not null && student.UserId == caller.UserId;
}
