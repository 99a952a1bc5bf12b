namespace LaunchPath.Api.Features.Events;

/// <summary>
/// Events of the continuum's awareness and exploration stages: sessions, registration (a seat or the waiting list),
/// cancellation, attendance and check-in.
/// </summary>
public static class EventsEndpoints
{
    public static IEndpointRouteBuilder MapEvents(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Events");
        ListUpcomingSessions.Map(api);
        GetEventSession.Map(api);
        CreateEventSession.Map(api);
        ListEventSessions.Map(api);
        CancelEventSession.Map(api);
        RegisterForSession.Map(api);
        CancelRegistration.Map(api);
        ListSessionRegistrations.Map(api);
        RecordAttendance.Map(api);
        CheckIn.Map(api);
        GetSessionCalendar.Map(api);
        GiveEventFeedback.Map(api);
        GetCheckInCode.Map(api);
        ListStudentEvents.Map(api);
        SaveVolunteerProfile.Map(api);
        ListVolunteers.Map(api);
        CreateClassroomRequestSlice.Map(api);
        ListClassroomRequests.Map(api);
        OfferForClassroomRequest.Map(api);
        AcceptClassroomOffer.Map(api);
        ApplyForExternship.Map(api);
        DecideExternship.Map(api);
        TripPermissionLinks.Map(api);
        RecordTripPermission.Map(api);
        return app;
    }
}
