using LaunchPath.Contracts.Common;

namespace LaunchPath.Contracts.Events;

/// <summary>How a class can have its speaker: in the room, online, or either.</summary>
public enum RequestModality
{
    InPerson,
    Virtual,
    Either,
}

public enum ClassroomRequestStatus
{
    /// <summary>Waiting for a volunteer (or a teacher's choice among offers).</summary>
    Open,
    /// <summary>An offer was accepted: the session is scheduled with the class registered.</summary>
    Scheduled,
    Cancelled,
}

public enum OfferStatus
{
    Offered,
    Accepted,
    Declined,
    Withdrawn,
}

/// <summary>What an employer's staff member says about speaking to classes or mentoring.</summary>
public sealed record VolunteerRequest
{
    public required string EmployerId { get; init; }
    public required IReadOnlyList<CareerCluster> CareerClusters { get; init; }
    /// <summary>What they can talk about ("wind turbine maintenance, careers in the trades").</summary>
    public required string Topics { get; init; }
    /// <summary>When they are usually free, in words ("Tuesday and Thursday mornings").</summary>
    public string? Availability { get; init; }
    public required bool InPerson { get; init; }
    public required bool Virtual { get; init; }
    /// <summary>False: off the list for now (their offers stay).</summary>
    public bool? Active { get; init; }
}

/// <summary>An employer's volunteer speaker or mentor.</summary>
public sealed record Volunteer
{
    public required string UserId { get; init; }
    public required string Name { get; init; }
    public required string EmployerId { get; init; }
    public required string EmployerName { get; init; }
    public required IReadOnlyList<CareerCluster> CareerClusters { get; init; }
    public required string Topics { get; init; }
    public string? Availability { get; init; }
    public required bool InPerson { get; init; }
    public required bool Virtual { get; init; }
    public required bool Active { get; init; }
}

/// <summary>A teacher asks for an industry professional for their class.</summary>
public sealed record CreateClassroomRequest
{
    public required string SchoolId { get; init; }
    /// <summary>The rostered class, if any: its active students are registered when the visit is scheduled.</summary>
    public string? ClassId { get; init; }
    public required string Topic { get; init; }
    public required CareerCluster CareerCluster { get; init; }
    public int? Grade { get; init; }
    /// <summary>About how many students (the class's size when a class is named and this is left out).</summary>
    public int? Students { get; init; }
    /// <summary>When would suit, in words ("any Tuesday in March, 10–11 am").</summary>
    public required string PreferredTimes { get; init; }
    public required RequestModality Modality { get; init; }
    /// <summary>How the visit connects to the unit being taught.</summary>
    public required string UnitConnection { get; init; }
}

/// <summary>A slot a volunteer offers for a request.</summary>
public sealed record ClassroomOffer
{
    public required string Id { get; init; }
    public required string VolunteerName { get; init; }
    public required string EmployerName { get; init; }
    public required DateTimeOffset StartsAt { get; init; }
    public required DateTimeOffset EndsAt { get; init; }
    public string? Location { get; init; }
    public string? VirtualUrl { get; init; }
    public string? Note { get; init; }
    public required OfferStatus Status { get; init; }
}

/// <summary>A teacher's request, with the offers the caller may see (the school and the convener: all; an employer: its own).</summary>
public sealed record ClassroomRequest
{
    public required string Id { get; init; }
    public required string SchoolId { get; init; }
    public required string SchoolName { get; init; }
    public string? ClassTitle { get; init; }
    public required string RequestedBy { get; init; }
    public required string Topic { get; init; }
    public required CareerCluster CareerCluster { get; init; }
    public int? Grade { get; init; }
    public required int Students { get; init; }
    public required string PreferredTimes { get; init; }
    public required RequestModality Modality { get; init; }
    public required string UnitConnection { get; init; }
    public required ClassroomRequestStatus Status { get; init; }
    /// <summary>The session it became, once scheduled.</summary>
    public string? SessionId { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required IReadOnlyList<ClassroomOffer> Offers { get; init; }
    /// <summary>For a volunteer: the request is in a career cluster they speak on.</summary>
    public required bool MatchesMe { get; init; }
    /// <summary>Whether the caller may accept an offer (the school's staff).</summary>
    public required bool CanAccept { get; init; }
}

/// <summary>A volunteer's slot for a request; a convener brokering names the volunteer.</summary>
public sealed record CreateOfferRequest
{
    public required DateTimeOffset StartsAt { get; init; }
    public required DateTimeOffset EndsAt { get; init; }
    public string? Location { get; init; }
    public string? VirtualUrl { get; init; }
    public string? Note { get; init; }
    /// <summary>The volunteer the convener offers (left out: the caller, who must be a volunteer).</summary>
    public string? VolunteerUserId { get; init; }
}
