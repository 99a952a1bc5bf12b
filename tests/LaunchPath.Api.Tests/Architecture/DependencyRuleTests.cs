using System.Reflection;
using LaunchPath.Api.Infrastructure.Data;
using NetArchTest.Rules;

namespace LaunchPath.Api.Tests.Architecture;

/// <summary>
/// The dependency rule, read from the compiled IL (method bodies included): Features → Domain → Infrastructure, never
/// back and never sideways. A type in one feature area never names a type in another; Domain never names a feature;
/// Infrastructure names neither. The demo seeder (api/Demo) and Program sit above all of them.
/// </summary>
public sealed class DependencyRuleTests
{
    private static readonly Assembly Api = typeof(SqlDialect).Assembly;

    [Fact]
    public void No_feature_area_names_a_type_of_another()
    {
        Violations(Api, "LaunchPath.Api").Should().BeEmpty();
    }

    [Fact]
    public void The_check_finds_a_planted_violation_in_each_direction()
    {
        // The planted namespaces below break each rule once; the same check must name exactly those types.
        Violations(typeof(DependencyRuleTests).Assembly, "LaunchPath.Api.Tests.Architecture.Planted").Should().BeEquivalentTo(
            "LaunchPath.Api.Tests.Architecture.Planted.Features.Alpha.UsesBeta names LaunchPath.Api.Tests.Architecture.Planted.Features.Beta",
            "LaunchPath.Api.Tests.Architecture.Planted.Domain.UsesAlpha names LaunchPath.Api.Tests.Architecture.Planted.Features",
            "LaunchPath.Api.Tests.Architecture.Planted.Infrastructure.UsesDomain names LaunchPath.Api.Tests.Architecture.Planted.Domain");
    }

    /// <summary>Every type that breaks the rule under <paramref name="root"/>, with the namespace it must not name.</summary>
    internal static List<string> Violations(Assembly assembly, string root)
    {
        var features = $"{root}.Features";
        var areas = Types.InAssembly(assembly).That().ResideInNamespace(features).GetTypes()
            .Select(t => t.Namespace!.Substring(features.Length + 1).Split('.')[0])
            .Distinct()
            .ToList();
        var found = new List<string>();
        foreach (var area in areas)
        {
            foreach (var other in areas.Where(a => a != area))
            {
                Check(assembly, $"{features}.{area}", $"{features}.{other}", found);
            }
        }
        Check(assembly, $"{root}.Domain", features, found);
        Check(assembly, $"{root}.Infrastructure", features, found);
        Check(assembly, $"{root}.Infrastructure", $"{root}.Domain", found);
        Check(assembly, $"{root}.Infrastructure", $"{root}.Demo", found);
        return found;
    }

    private static void Check(Assembly assembly, string from, string to, List<string> found)
    {
        var result = Types.InAssembly(assembly).That().ResideInNamespace(from).ShouldNot().HaveDependencyOn(to).GetResult();
        if (result.IsSuccessful) return;
        // Compiler-generated nested types (lambdas, async state machines) are reported through their declaring type.
        found.AddRange(result.FailingTypeNames
            .Select(name => name.Split('/')[0].Split('+')[0])
            .Where(name => name.StartsWith(from + ".", StringComparison.Ordinal) && !name.Contains('<'))
            .Distinct()
            .Select(name => $"{name} names {to}"));
    }
}
