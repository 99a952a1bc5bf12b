using System.Buffers.Text;
using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace LaunchPath.Api.Infrastructure.Data;

/// <summary>
/// Streams a large result of ids and integers (a round's choices, a region's students) without a string or a row object
/// per value: on SQLite it steps the native statement and parses ids from their UTF-8 bytes; elsewhere it is a plain data
/// reader. Its per-row methods are compiled optimized at their first call: a bulk read runs once, long before tiered
/// compilation would have replaced its first, unoptimized code.
/// </summary>
public sealed class FastReader : IDisposable
{
    private readonly sqlite3? _database;
    private readonly sqlite3_stmt? _statement;
    private readonly DbCommand? _command;
    private readonly DbDataReader? _reader;

    /// <summary>Runs <paramref name="sql"/> with named <paramref name="parameters"/> (ids, text, numbers, bound as <see cref="SqlDialect.ToDb"/> stores them).</summary>
    public FastReader(DbConnection connection, DbTransaction? transaction, SqlDialect dialect, string sql, params (string Name, object? Value)[] parameters)
    {
        if (connection is SqliteConnection sqlite)
        {
            _database = sqlite.Handle!;
            SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(_database, sql, out var statement), _database);
            _statement = statement;
            foreach (var (name, value) in parameters)
            {
                var index = raw.sqlite3_bind_parameter_index(statement, "@" + name);
                var rc = dialect.ToDb(value) switch
                {
                    DBNull => raw.sqlite3_bind_null(statement, index),
                    string text => raw.sqlite3_bind_text(statement, index, text),
                    int number => raw.sqlite3_bind_int64(statement, index, number),
                    long number => raw.sqlite3_bind_int64(statement, index, number),
                    var other => throw new NotSupportedException($"Cannot bind a {other.GetType().Name}."),
                };
                SqliteException.ThrowExceptionForRC(rc, _database);
            }

            return;
        }

        _command = connection.CreateCommand();
        _command.Transaction = transaction;
        _command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = _command.CreateParameter();
            parameter.ParameterName = "@" + name;
            parameter.Value = dialect.ToDb(value);
            _command.Parameters.Add(parameter);
        }

        _reader = _command.ExecuteReader();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Read()
    {
        if (_statement is null)
        {
            return _reader!.Read();
        }

        var step = raw.sqlite3_step(_statement);
        if (step == raw.SQLITE_ROW)
        {
            return true;
        }

        if (step != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(step, _database);
        }

        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Guid Id(int column)
    {
        if (_statement is null)
        {
            return DbIds.Read(_reader!, column);
        }

        var text = raw.sqlite3_column_blob(_statement, column);
        return Utf8Parser.TryParse(text, out Guid id, out var consumed, 'D') && consumed == text.Length
            ? id
            : throw new FormatException($"Column {column} is not an id: {Encoding.UTF8.GetString(text)}");
    }

    /// <summary>
    /// Appends the ids of a JSON array of ids in <paramref name="column"/> (as <see cref="DbIds.Of"/> writes it) to
    /// <paramref name="into"/>, in order, parsed from its UTF-8 bytes on SQLite.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void IdList(int column, List<Guid> into)
    {
        if (_statement is null)
        {
            ParseIdList(Encoding.UTF8.GetBytes(_reader!.GetString(column)), into);
            return;
        }

        ParseIdList(raw.sqlite3_column_blob(_statement, column), into);
    }

    /// <summary>
    /// As written (no spaces: <c>["id","id"]</c>), each id lies at a known place and is parsed there; anything else
    /// is read as JSON.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ParseIdList(ReadOnlySpan<byte> json, List<Guid> into)
    {
        const int Quoted = 38; // "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"
        if (json.Length >= 2 && json[0] == (byte)'[' && json[^1] == (byte)']' && (json.Length == 2 || (json.Length - 1) % (Quoted + 1) == 0))
        {
            var count = json.Length == 2 ? 0 : (json.Length - 1) / (Quoted + 1);
            var start = into.Count;
            for (var i = 0; i < count; i++)
            {
                var at = 1 + i * (Quoted + 1);
                if (json[at] != (byte)'"' || json[at + Quoted - 1] != (byte)'"' || json[at + Quoted] != (byte)(i + 1 < count ? ',' : ']')
                    || !Utf8Parser.TryParse(json.Slice(at + 1, Quoted - 2), out Guid id, out var consumed, 'D') || consumed != Quoted - 2)
                {
                    into.RemoveRange(start, into.Count - start);
                    ParseIdListAsJson(json, into);
                    return;
                }

                into.Add(id);
            }

            return;
        }

        ParseIdListAsJson(json, into);
    }

    private static void ParseIdListAsJson(ReadOnlySpan<byte> json, List<Guid> into)
    {
        var reader = new System.Text.Json.Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != System.Text.Json.JsonTokenType.StartArray)
        {
            throw new FormatException("An id list is a JSON array.");
        }

        while (reader.Read() && reader.TokenType == System.Text.Json.JsonTokenType.String)
        {
            into.Add(Utf8Parser.TryParse(reader.ValueSpan, out Guid id, out var consumed, 'D') && consumed == reader.ValueSpan.Length
                ? id
                : throw new FormatException("An id list holds ids."));
        }

        if (reader.TokenType != System.Text.Json.JsonTokenType.EndArray)
        {
            throw new FormatException("An id list holds ids only.");
        }
    }

    public Guid? NullableId(int column) => IsNull(column) ? null : Id(column);

    public long Long(int column) => _statement is null ? Convert.ToInt64(_reader!.GetValue(column), System.Globalization.CultureInfo.InvariantCulture) : raw.sqlite3_column_int64(_statement, column);

    public bool Flag(int column) => Long(column) != 0;

    public bool IsNull(int column) => _statement is null ? _reader!.IsDBNull(column) : raw.sqlite3_column_type(_statement, column) == raw.SQLITE_NULL;

    public void Dispose()
    {
        _statement?.Dispose();
        _reader?.Dispose();
        _command?.Dispose();
    }
}
