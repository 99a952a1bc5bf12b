namespace LaunchPath.Api.Features.Matching;

public static class MatchingEndpoints
{
    public static IEndpointRouteBuilder MapMatching(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Matching");
        MatchingSettingsEndpoints.Map(api);
        Recommendations.Map(api);

        var rounds = app.MapGroup("/api/v1/match-rounds").WithTags("MatchRounds");
        GetMatchRound.Map(rounds);
        CreateMatchRound.Map(rounds);
        StudentChoicesEndpoints.Map(rounds);
        EmployerRankings.Map(rounds);
        RunMatchRound.Map(rounds);
        PublishMatchRound.Map(rounds);

        // Region settings: the evaluation rubric (documented with evaluations).
        var regions = app.MapGroup("/api/v1");
        Settings.GetRubric.Map(regions);
        Settings.PutRubric.Map(regions);
        return app;
    }
}
