using System.Text.RegularExpressions;
using Microsoft.SqlServer.Dac.Model;

namespace LaunchPath.Schema.Tests;

/// <summary>
/// Every statement a handler can send to SQL Server, validated against the schema the SQL Server migrations build, in
/// DacFx's model of SQL Server 2022: a table or column that does not exist (SQL71501, SQL71502) fails the build. Each
/// statement is checked as the body of a procedure whose parameters are the statement's own @names.
/// </summary>
public sealed class SqlServerModelTests
{
    private static readonly Lazy<string> SchemaScript = new(() => string.Join("\nGO\n", SqlServerSchema.FromMigrations().Scripts()));
    private static readonly Regex Parameter = new(@"(?<!@)@([A-Za-z_][A-Za-z0-9_]*)");
    private static readonly Regex DapperList = new(@"\bIN\s+(@\w+)", RegexOptions.IgnoreCase);
    private static readonly string[] Unresolved = ["SQL71501", "SQL71502"];

    /// <summary>The unresolved-reference problems DacFx finds in these statements, each named by its statement.</summary>
    internal static List<string> Problems(IReadOnlyList<string> statements)
    {
        using var model = new TSqlModel(SqlServerVersion.Sql160, new TSqlModelOptions());
        model.AddObjects(SchemaScript.Value);
        for (var i = 0; i < statements.Count; i++)
        {
            var body = DapperList.Replace(statements[i], "IN ($1)");
            var parameters = Parameter.Matches(body).Select(m => m.Groups[1].Value).Distinct(StringComparer.OrdinalIgnoreCase)
                .Select(name => $"@{name} SQL_VARIANT = NULL");
            model.AddOrUpdateObjects($"CREATE PROCEDURE dbo.statement_{i} {string.Join(", ", parameters)} AS\nBEGIN\n{body}\nEND", $"statement_{i}.sql", new TSqlObjectOptions());
        }

        return model.Validate()
            .Where(m => Unresolved.Any(code => m.Prefix + m.Number == code || $"SQL{m.Number}" == code))
            .Select(m => $"{m.Message} — in: {StatementOf(m.Message, statements)}")
            .ToList();
    }

    private static string StatementOf(string? source, IReadOnlyList<string> statements) =>
        source is not null && Regex.Match(source, @"statement_(\d+)") is { Success: true } match ? statements[int.Parse(match.Groups[1].Value)] : source ?? "the schema";

    [Fact]
    public void The_schema_the_migrations_build_loads_without_unresolved_references()
    {
        Problems([]).Should().BeEmpty();
    }

    [Fact]
    public void Every_statement_of_every_handler_resolves_against_the_schema()
    {
        var statements = SqlServerSqlParsesTests.SqlSourceTypes()
            .SelectMany(type => SqlServerSqlParsesTests.Statements(type, LaunchPath.Api.Infrastructure.Data.SqlDialect.SqlServer))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        statements.Should().HaveCountGreaterThan(150);
        Problems(statements).Should().BeEmpty();
    }

    [Fact]
    public void A_misspelt_column_or_table_is_caught()
    {
        Problems(["SELECT id, given_nmae FROM people WHERE id = @Id"]).Should().ContainSingle().Which.Should().Contain("given_nmae");
        Problems(["UPDATE placements SET statsu = @Status WHERE id = @Id"]).Should().NotBeEmpty();
        Problems(["SELECT p.id FROM peeple p"]).Should().NotBeEmpty("an unknown table is caught too, not only a warning");
        Problems(["SELECT p.id, p.given_name FROM people p JOIN student_profiles sp ON sp.person_id = p.id WHERE p.id IN @Ids"]).Should().BeEmpty();
    }
}
