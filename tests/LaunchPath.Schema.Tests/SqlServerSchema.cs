using LaunchPath.Api.Infrastructure.Data;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace LaunchPath.Schema.Tests;

/// <summary>
/// The schema the SQL Server migrations leave behind, folded into one CREATE per table and index: columns added by
/// ALTER TABLE join their table, altered columns take their new type, dropped constraints and indexes go, and data
/// statements (the migrations' UPDATE and INSERT) are left out. DacFx loads this; the engines are compared on it.
/// </summary>
public sealed class SqlServerSchema
{
    private readonly Dictionary<string, CreateTableStatement> _tables = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, CreateIndexStatement> _indexes = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, AlterTableAddTableElementStatement> _constraints = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<CreateFunctionStatement> _functions = [];

    public IReadOnlyDictionary<string, CreateTableStatement> Tables => _tables;

    public IReadOnlyDictionary<string, CreateIndexStatement> Indexes => _indexes;

    public static SqlServerSchema FromMigrations()
    {
        var schema = new SqlServerSchema();
        foreach (var (name, sql) in DatabaseMigrator.Scripts(DatabaseProvider.SqlServer))
        {
            var parser = new TSql160Parser(initialQuotedIdentifiers: true);
            var script = (TSqlScript)parser.Parse(new StringReader(sql), out var errors);
            if (errors.Count > 0)
            {
                throw new InvalidOperationException($"{name}: {errors[0].Message}");
            }

            foreach (var statement in script.Batches.SelectMany(b => b.Statements))
            {
                schema.Apply(name, statement);
            }
        }

        return schema;
    }

    private void Apply(string migration, TSqlStatement statement)
    {
        switch (statement)
        {
            case CreateTableStatement table:
                _tables.Add(table.SchemaObjectName.BaseIdentifier.Value, table);
                break;
            case CreateIndexStatement index:
                _indexes.Add(index.Name.Value, index);
                break;
            case DropIndexStatement drop:
                foreach (var clause in drop.DropIndexClauses.OfType<DropIndexClause>())
                {
                    _indexes.Remove(((Identifier)clause.Index).Value);
                }

                break;
            case AlterTableAddTableElementStatement add:
                var target = Table(add.SchemaObjectName);
                foreach (var column in add.Definition.ColumnDefinitions)
                {
                    target.Definition.ColumnDefinitions.Add(column);
                }

                foreach (var constraint in add.Definition.TableConstraints)
                {
                    if (constraint.ConstraintIdentifier is { } id)
                    {
                        var alone = new AlterTableAddTableElementStatement { SchemaObjectName = add.SchemaObjectName, Definition = new TableDefinition() };
                        alone.Definition.TableConstraints.Add(constraint);
                        _constraints[id.Value] = alone;
                    }
                    else
                    {
                        target.Definition.TableConstraints.Add(constraint);
                    }
                }

                break;
            case AlterTableAlterColumnStatement alter:
                var existing = Table(alter.SchemaObjectName).Definition.ColumnDefinitions
                    .Single(c => c.ColumnIdentifier.Value.Equals(alter.ColumnIdentifier.Value, StringComparison.OrdinalIgnoreCase));
                existing.DataType = alter.DataType;
                NullabilityOf(alter, existing);
                break;
            case AlterTableDropTableElementStatement drop:
                foreach (var element in drop.AlterTableDropTableElements)
                {
                    var dropped = element.Name.Value;
                    _constraints.Remove(dropped);
                    var table = Table(drop.SchemaObjectName);
                    foreach (var constraint in table.Definition.TableConstraints.Where(c => c.ConstraintIdentifier?.Value == dropped).ToList())
                    {
                        table.Definition.TableConstraints.Remove(constraint);
                    }

                    foreach (var column in table.Definition.ColumnDefinitions)
                    {
                        foreach (var constraint in column.Constraints.Where(c => c.ConstraintIdentifier?.Value == dropped).ToList())
                        {
                            column.Constraints.Remove(constraint);
                        }

                        if (column.DefaultConstraint?.ConstraintIdentifier?.Value == dropped)
                        {
                            column.DefaultConstraint = null;
                        }
                    }
                }

                break;
            case CreateFunctionStatement function:
                _functions.Add(function);
                break;
            case InsertStatement or UpdateStatement or DeleteStatement or SelectStatement:
                break; // data, not schema
            default:
                throw new NotSupportedException($"{migration}: fold {statement.GetType().Name} into the schema model (SqlServerSchema)");
        }
    }

    /// <summary>ALTER COLUMN states the column's nullability as part of the statement's text.</summary>
    private static void NullabilityOf(AlterTableAlterColumnStatement alter, ColumnDefinition column)
    {
        var text = string.Concat(Enumerable.Range(alter.FirstTokenIndex, alter.LastTokenIndex - alter.FirstTokenIndex + 1)
            .Select(i => alter.ScriptTokenStream[i].Text)).ToUpperInvariant();
        foreach (var nullability in column.Constraints.OfType<NullableConstraintDefinition>().ToList())
        {
            column.Constraints.Remove(nullability);
        }

        column.Constraints.Add(new NullableConstraintDefinition { Nullable = !text.Contains("NOT NULL", StringComparison.Ordinal) });
    }

    private CreateTableStatement Table(SchemaObjectName name) => _tables[name.BaseIdentifier.Value];

    /// <summary>The folded schema as T-SQL, one object per statement.</summary>
    public IEnumerable<string> Scripts()
    {
        var generator = new Sql160ScriptGenerator(new SqlScriptGeneratorOptions { IncludeSemicolons = true });
        string Script(TSqlFragment fragment)
        {
            generator.GenerateScript(fragment, out var text);
            return text;
        }

        return _tables.Values.Select(Script).Concat(_indexes.Values.Select(Script)).Concat(_constraints.Values.Select(Script)).Concat(_functions.Select(Script));
    }
}
