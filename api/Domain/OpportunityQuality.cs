using LaunchPath.Contracts.Opportunities;

namespace LaunchPath.Api.Domain;

/// <summary>
/// The field's quality criteria for work-based learning, as an opportunity's fields meet them: meaningful tasks, skills
/// identified (which the employer validates in its evaluation), a connection to classroom learning (a pathway),
/// compensation or credit, a schedule, and a supervised worksite (or online). Shown to curators before they approve,
/// and to the employer as it writes; a job description template meets them all by construction.
/// </summary>
internal static class OpportunityQuality
{
    public static List<QualityCriterion> Of(OpportunityFields f)
    {
        var tasks = (f.Duties ?? "").Split(['\n', ';', '•'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Count(t => t.Length >= 8);
        return
        [
            Criterion("meaningfulTasks", "Meaningful tasks", tasks >= 2, "List at least two real tasks under Duties, one per line."),
            Criterion("skillsIdentified", "Skills identified", f.Skills.Count > 0, "Name the skills participants will gain; the employer validates them in its evaluation."),
            Criterion("connectedToLearning", "Connected to classroom learning", !string.IsNullOrWhiteSpace(f.Pathway), "Name the pathway or program of study it serves."),
            Criterion("compensationOrCredit", "Compensation or credit", f.Compensation != Compensation.Unpaid || f.CreditOffered,
                "Offer pay, a stipend or school credit (required for internships in many programs)."),
            Criterion("scheduled", "Schedule set", f.Schedule.Count > 0 || f.ExpectedHours is > 0, "Give the weekly schedule or the expected hours."),
            Criterion("supervisedSite", "Supervised worksite", f.Modality == Modality.Virtual || f.WorksiteId is not null,
                "Choose the worksite where it happens (one reviewed for safety before minors go)."),
        ];
    }

    private static QualityCriterion Criterion(string key, string name, bool met, string hint) => new() { Key = key, Name = name, Met = met, Hint = met ? null : hint };
}
