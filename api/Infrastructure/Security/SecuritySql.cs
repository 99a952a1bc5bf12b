using LaunchPath.Api.Infrastructure.Data;

namespace LaunchPath.Api.Infrastructure.Security;

/// <summary>Declares the SQL of the shared security helpers for the T-SQL parse check.</summary>
internal sealed class SecuritySql : ISqlSource
{
    public static IEnumerable<string> Statements(SqlDialect dialect) => [.. Authorize.Statements(), .. CallerLoader.Statements()];
}
