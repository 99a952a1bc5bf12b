namespace LaunchPath.Api.Infrastructure.Data;

/// <summary>
/// Declares every SQL statement a handler can run, rendered for a dialect, so the tests can parse-check the
/// SQL Server variant of each (no SQL Server runs on our machines) while SQLite executes them for real.
/// </summary>
public interface ISqlSource
{
    static abstract IEnumerable<string> Statements(SqlDialect dialect);
}
