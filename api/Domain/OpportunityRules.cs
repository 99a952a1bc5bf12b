using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Opportunities;
using LaunchPath.Contracts.Organizations;
using static LaunchPath.Contracts.Opportunities.OpportunityAction;

namespace LaunchPath.Api.Domain;

/// <summary>
/// The curation workflow and who may move an opportunity along it, in one place: draft or rejected → submitted (the
/// employer's writers); submitted → published or rejected (a curator for its audience); published → closed (either).
/// Drafts and rejected opportunities are edited by the employer's writers. The handlers check with it, and every
/// opportunity the API returns carries the actions it allows for its caller.
/// </summary>
internal static class OpportunityRules
{
    public static readonly IReadOnlyDictionary<OpportunityAction, (OpportunityStatus[] From, OpportunityStatus To)> Moves =
        new Dictionary<OpportunityAction, (OpportunityStatus[], OpportunityStatus)>
        {
            [Submit] = ([OpportunityStatus.Draft, OpportunityStatus.Rejected], OpportunityStatus.Submitted),
            [Approve] = ([OpportunityStatus.Submitted], OpportunityStatus.Published),
            [Reject] = ([OpportunityStatus.Submitted], OpportunityStatus.Rejected),
            [Close] = ([OpportunityStatus.Published], OpportunityStatus.Closed),
        };

    /// <summary>The caller's parts: writing for the employer, curating for the opportunity's audience.</summary>
    public readonly record struct Part(bool Writer, bool Curator);

    public static Part PartOf(Caller caller, Guid employerId, Guid regionId, AudienceScope audience, IReadOnlyList<OrgRef> audienceOrgs) => new(
        OpportunityAccess.CanWrite(caller, new OrgRef(employerId, OrganizationType.Employer, regionId, null)),
        OpportunityAccess.CanCurate(caller, new OrgRef(regionId, OrganizationType.Region, regionId, null), audience, audienceOrgs));

    /// <summary>Whether the caller's parts allow the action at all, whatever the status (else 403).</summary>
    public static bool MayTake(OpportunityAction action, Part part) => action switch
    {
        Edit or Submit => part.Writer,
        Approve or Reject => part.Curator,
        _ => part.Writer || part.Curator,
    };

    /// <summary>Whether the status allows the action (else 409).</summary>
    public static bool OpenTo(OpportunityAction action, OpportunityStatus status) =>
        action == Edit ? status is OpportunityStatus.Draft or OpportunityStatus.Rejected : Moves[action].From.Contains(status);

    public static List<OpportunityAction> Allowed(Part part, OpportunityStatus status) =>
        Enum.GetValues<OpportunityAction>().Where(a => MayTake(a, part) && OpenTo(a, status)).ToList();
}
