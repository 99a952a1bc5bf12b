using System.Buffers.Text;
using System.Data.Common;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace LaunchPath.Api.Infrastructure.Data;

/// <summary>
/// Streams a large result of ids and integers (a round's million choices) without a string or a row object per value:
/// on SQLite it steps the native statement and parses ids from their UTF-8 bytes; elsewhere it is a plain data reader.
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
    /// The id in <paramref name="column"/>, parsed only when it differs from the last one this cache saw (a column in
    /// sort order repeats its value row after row).
    /// </summary>
    public Guid Id(int column, IdCache cache)
    {
        if (_statement is null)
        {
            return Id(column);
        }

        var text = raw.sqlite3_column_blob(_statement, column);
        if (cache.Length == text.Length && text.SequenceEqual(cache.Bytes.AsSpan(0, cache.Length)))
        {
            return cache.Id;
        }

        cache.Id = Id(column);
        cache.Length = text.Length;
        if (cache.Bytes.Length < text.Length)
        {
            cache.Bytes = new byte[text.Length];
        }

        text.CopyTo(cache.Bytes);
        return cache.Id;
    }

    /// <summary>The last id read from a column, with its bytes (see FastReader.Id with a cache).</summary>
    public sealed class IdCache
    {
        internal byte[] Bytes = new byte[36];
        internal int Length = -1;
        internal Guid Id;
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
