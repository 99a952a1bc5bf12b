namespace LaunchPath.Api.Features.Placements.Evaluations;

/// <summary>
/// Skills validated by the employer and the student's own reflection: the employer's staff evaluate (midpoint and
/// final) against the region's rubric; the student writes reflections, which the employer never sees.
/// </summary>
public static class EvaluationsEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        SubmitEvaluation.Map(api);
        ListEvaluations.Map(api);
        SubmitReflection.Map(api);
        ListReflections.Map(api);
    }
}
