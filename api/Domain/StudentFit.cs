using LaunchPath.Contracts.Matching;
using LaunchPath.Contracts.Opportunities;
using LaunchPath.Matching;

namespace LaunchPath.Api.Domain;

/// <summary>
/// Whether a student may apply to an opportunity: it is published in their region and offered to their school or
/// district, and the engine finds them eligible (grade, age, earlier stage, dates, seats). Being far away lowers the
/// fit but does not bar applying (the student may have a ride the profile does not know). A teacher externship is never
/// open to a student. One rule for applying, the fit check and searching what a student may apply to.
/// </summary>
internal static class StudentFit
{
    public const string NotOpen = "This opportunity is not open to this student: it is not published, or not offered to the student's school.";

    /// <summary><see cref="NotOpen"/> as a reason with a code, for readers in another language.</summary>
    public static RecommendationReason NotOpenReason(string detail = NotOpen) => new() { Code = "notOffered", Weight = 0, Detail = detail };

    /// <summary>Teacher externships are for educators: never shown, recommended or open to students.</summary>
    public const string ForEducatorsType = "teacherExternship";

    public static bool ForEducators(OpportunityRecord row) => row.Type == ForEducatorsType;

    public static bool OpenTo(OpportunityRecord row, Opportunity opportunity, StudentRecord student)
    {
        var audience = opportunity.Fields.AudienceOrganizationIds;
        return row.OpportunityStatus == OpportunityStatus.Published && row.RegionId == student.RegionId && !ForEducators(row)
               && (opportunity.Fields.Audience == AudienceScope.Region || audience.Contains(student.SchoolId.ToString("D")) || audience.Contains(student.DistrictId.ToString("D")));
    }

    /// <summary>Why the student may not have it by the engine's rules, or null.</summary>
    public static Reason? WhyIneligible(StudentFacts facts, Opportunity opportunity, int seatsLeft, DateOnly today) =>
        WhyIneligible(facts, MatchingFacts.Opportunity(opportunity, seatsLeft), today);

    /// <summary>The same, from the engine's facts of the opportunity (a region snapshot's).</summary>
    public static Reason? WhyIneligible(StudentFacts facts, OpportunityFacts opportunity, DateOnly today) =>
        Recommender.WhyIneligible(facts, opportunity, today) is { } why && why.Code != ReasonCode.OutOfReach ? why : null;
}
