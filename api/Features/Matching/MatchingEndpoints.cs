using LaunchPath.Api.Features.Matching.Recommendations;
using LaunchPath.Api.Features.Matching.Rounds;
using LaunchPath.Api.Features.Matching.Settings;

namespace LaunchPath.Api.Features.Matching;

/// <summary>
/// Matching: region settings (recommendation weights, round defaults, the evaluation rubric), recommendations, and
/// match rounds (opening, students' choices, employers' rankings, running, publishing).
/// </summary>
public static class MatchingEndpoints
{
    public static IEndpointRouteBuilder MapMatching(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Matching");
        GetMatchingSettings.Map(api);
        PutMatchingSettings.Map(api);
        RecommendForStudent.Map(api);
        GetOpportunityFit.Map(api);
        RecommendForOpportunity.Map(api);

        var rounds = app.MapGroup("/api/v1/match-rounds").WithTags("MatchRounds");
        GetMatchRound.Map(rounds);
        ListMatchRounds.Map(rounds);
        CreateMatchRound.Map(rounds);
        SubmitChoices.Map(rounds);
        GetChoices.Map(rounds);
        GetPublishedRound.Map(rounds);
        ListUnmatched.Map(rounds);
        ListApplicants.Map(rounds);
        RankApplicants.Map(rounds);
        RunMatchRound.Map(rounds);
        PublishMatchRound.Map(rounds);
        ListRoundPlacements.Map(rounds);

        // Region settings: the evaluation rubric (documented with evaluations).
        var regions = app.MapGroup("/api/v1");
        GetRubric.Map(regions);
        PutRubric.Map(regions);
        return app;
    }
}
