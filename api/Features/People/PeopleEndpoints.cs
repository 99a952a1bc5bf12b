namespace LaunchPath.Api.Features.People;

public static class PeopleEndpoints
{
    public static IEndpointRouteBuilder MapPeople(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/students").WithTags("Students");
        ListStudents.Map(group);
        CreateStudent.Map(group);
        GetStudent.Map(group);
        UpdateStudent.Map(group);
        UpdateStudentPreferences.Map(group);
        Guardians.Map(group);
        UpdateGuardian.Map(group);
        InviteGuardian.Map(group);
        CreateStudentAccount.Map(group);
        StudentRecords.Map(group);
        return app;
    }
}
