using System.Reflection;
using LaunchPath.Api.Infrastructure.Data;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace LaunchPath.Schema.Tests;

/// <summary>
/// No SQL Server runs on our machines, so every T-SQL migration and every statement a handler can send to SQL Server
/// is parsed with Microsoft's own T-SQL parser (SQL Server 2022 grammar).
/// </summary>
public sealed class SqlServerSqlParsesTests
{
    public static TheoryData<string> Migrations() => new(DatabaseMigrator.Scripts(DatabaseProvider.SqlServer).Select(s => s.Name));

    public static TheoryData<string> Sources() => new(SqlSourceTypes().Select(t => t.FullName!));

    [Theory]
    [MemberData(nameof(Migrations))]
    public void Every_sql_server_migration_parses(string name)
    {
        var script = DatabaseMigrator.Scripts(DatabaseProvider.SqlServer).Single(s => s.Name == name).Sql;
        ParseErrors(script).Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void Every_statement_of_every_handler_parses_as_tsql(string typeName)
    {
        var type = SqlSourceTypes().Single(t => t.FullName == typeName);
        var statements = Statements(type, SqlDialect.SqlServer).ToList();
        statements.Should().NotBeEmpty();
        foreach (var statement in statements)
        {
            ParseErrors(statement).Should().BeEmpty("this statement must be valid T-SQL: {0}", statement);
        }
    }

    [Fact]
    public void No_statement_expands_a_list_into_one_parameter_per_item()
    {
        // "IN @Ids" makes Dapper bind one parameter per id, which grows with the square of the list on SQLite; lists are
        // one JSON parameter read with json_each (DbIds).
        var expanding = SqlSourceTypes().SelectMany(t => Statements(t, SqlDialect.Sqlite)).Where(s => DapperList.IsMatch(s)).ToList();
        expanding.Should().BeEmpty();
        DapperList.IsMatch("SELECT id FROM people WHERE id IN @Ids").Should().BeTrue("the check recognizes an expansion");
    }

    [Fact]
    public void The_handlers_declaring_sql_are_found()
    {
        SqlSourceTypes().Should().HaveCountGreaterThanOrEqualTo(4);
    }

    [Fact]
    public void The_dialect_pieces_parse()
    {
        var dialect = SqlDialect.SqlServer;
        ParseErrors(dialect.Limit("SELECT id FROM organizations ORDER BY id")).Should().BeEmpty();
        ParseErrors($"SELECT {dialect.UtcNow}").Should().BeEmpty();
        ParseErrors(dialect.Upsert("organizations", ["id"], ["name", "version"], ["created_at"])).Should().BeEmpty();
        ParseErrors(dialect.Upsert("organizations", ["scope_key", "sourced_id"], [])).Should().BeEmpty();
    }

    [Fact]
    public void The_parser_does_reject_bad_tsql()
    {
        ParseErrors("SELECT id FROM organizations LIMIT 5").Should().NotBeEmpty("LIMIT is SQLite, not T-SQL");
        ParseErrors("INSERT INTO t (a) VALUES (1) ON CONFLICT (a) DO NOTHING").Should().NotBeEmpty();
    }

    [Fact]
    public void Both_engines_have_the_same_migrations()
    {
        DatabaseMigrator.Scripts(DatabaseProvider.Sqlite).Select(s => s.Name)
            .Should().Equal(DatabaseMigrator.Scripts(DatabaseProvider.SqlServer).Select(s => s.Name));
    }

    /// <summary>Dapper sends "IN @Ids" as "IN (@Ids1, @Ids2, ...)"; parse the form SQL Server receives.</summary>
    private static readonly System.Text.RegularExpressions.Regex DapperList = new(@"\bIN\s+(@\w+)", System.Text.RegularExpressions.RegexOptions.IgnoreCase);

    internal static IReadOnlyList<ParseError> ParseErrors(string sql)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(DapperList.Replace(sql, "IN ($1)"));
        parser.Parse(reader, out var errors);
        return errors.ToList();
    }

    internal static IEnumerable<Type> SqlSourceTypes() =>
        typeof(ISqlSource).Assembly.GetTypes().Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(ISqlSource).IsAssignableFrom(t));

    internal static IEnumerable<string> Statements(Type type, SqlDialect dialect)
    {
        var method = type.GetMethod(nameof(ISqlSource.Statements), BindingFlags.Public | BindingFlags.Static, [typeof(SqlDialect)])!;
        return (IEnumerable<string>)method.Invoke(null, [dialect])!;
    }
}
