// Deliberate breaks of the dependency rule, one per direction, so DependencyRuleTests can prove its check finds them.
// Nothing uses these types.
namespace LaunchPath.Api.Tests.Architecture.Planted.Features.Beta
{
    internal sealed class BetaRecord
    {
        public int Value { get; init; }
    }
}

namespace LaunchPath.Api.Tests.Architecture.Planted.Features.Alpha
{
    internal static class UsesBeta
    {
        public static int Read() => new Beta.BetaRecord { Value = 1 }.Value;
    }
}

namespace LaunchPath.Api.Tests.Architecture.Planted.Domain
{
    internal static class UsesAlpha
    {
        public static int Read() => Features.Alpha.UsesBeta.Read();
    }
}

namespace LaunchPath.Api.Tests.Architecture.Planted.Infrastructure
{
    internal static class UsesDomain
    {
        public static int Read() => Domain.UsesAlpha.Read();
    }
}
