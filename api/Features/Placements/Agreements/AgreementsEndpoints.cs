namespace LaunchPath.Api.Features.Placements.Agreements;

/// <summary>
/// The training agreement (learning plan) of an approved placement: written by the school or the employer,
/// acknowledged by every required party (signed in, or through a one-time link for a guardian or supervisor without
/// an account); the placement becomes active when all have acknowledged the current version.
/// </summary>
public static class AgreementsEndpoints
{
    public static void Map(IEndpointRouteBuilder placements, IEndpointRouteBuilder links)
    {
        WriteAgreement.Map(placements);
        AcknowledgeAgreement.Map(placements);
        CreateAcknowledgementLink.Map(placements);
        SendAgreementLinks.Map(placements);
        GetLinkedAgreement.Map(links);
        AcknowledgeByLink.Map(links);
    }
}
