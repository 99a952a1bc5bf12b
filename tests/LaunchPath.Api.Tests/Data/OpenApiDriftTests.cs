using LaunchPath.Api.Tests.Infrastructure;

namespace LaunchPath.Api.Tests.Data;

/// <summary>openapi.yaml at the root is the committed contract; it must be exactly what the API emits now.</summary>
public sealed class OpenApiDriftTests(SqliteApi api) : IClassFixture<SqliteApi>
{
    [Fact]
    public async Task Committed_openapi_yaml_matches_what_the_api_emits()
    {
        var emitted = await api.Factory.CreateClient().GetStringAsync("/swagger/v1/swagger.yaml");
        var committed = await File.ReadAllTextAsync(Path.Combine(RepoRoot(), "openapi.yaml"));

        Normalize(emitted).Should().Be(Normalize(committed),
            "openapi.yaml must be regenerated with scripts/regenerate-contract after an API change");
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n").TrimEnd();

    internal static string RepoRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "LaunchPath.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Cannot find the repository root (LaunchPath.sln).");
    }
}
