using LaunchPath.Api.Features.Partners.Agreements;
using LaunchPath.Api.Features.Partners.Clearances;
using LaunchPath.Api.Features.Partners.Documents;
using LaunchPath.Api.Features.Partners.Worksites;

namespace LaunchPath.Api.Features.Partners;

public static class PartnersEndpoints
{
    public static IEndpointRouteBuilder MapPartners(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1");
        ApplyAsPartner.Map(api);
        PartnerBoard.Map(api);
        GetPartnership.Map(api);
        ReviewPartner.Map(api);
        UpdatePartnerProfile.Map(api);
        PartnershipRequirementsSettings.Map(api);
        SaveWorksite.Map(api);
        WorksiteChecklists.Map(api);
        EmployerDocuments.Map(api);
        PartnershipAgreements.Map(api);
        RecordClearance.Map(api);
        return app;
    }
}
