namespace LaunchPath.Api.Features.Placements.Hours;

/// <summary>
/// Hours: the student (or school staff) logs entries on an active placement, checked against the child-labor rules
/// for 14–15-year-olds; the supervisor approves or rejects with a reason, signed in or through a one-time link;
/// approved entries are locked. Totals per placement and per student.
/// </summary>
public static class HoursEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        LogHours.Map(api);
        ListHours.Map(api);
        GetStudentHours.Map(api);
        EditHours.Map(api);
        DeleteHours.Map(api);
        DecideHours.Map(api);
        CreateHoursLink.Map(api);
        GetLinkedHours.Map(api);
        DecideHoursByLink.Map(api);
    }
}
