using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace LaunchPath.Api.Infrastructure.Data;

/// <summary>
/// One statement prepared once and run many times with new values (bulk paths such as roster import). Parameters are
/// positional, in the order given; values are converted with <see cref="SqlDialect.ToDb"/>.
/// On SQLite it binds by index on the raw statement handle: Microsoft.Data.Sqlite looks every parameter up by name on
/// each execution, which costs more than the insert itself at roster sizes.
/// </summary>
public sealed class PreparedCommand : IDisposable
{
    private readonly SqlDialect _dialect;
    private readonly DbCommand? _command;
    private readonly sqlite3? _database;
    private readonly sqlite3_stmt? _statement;
    private readonly int[] _indexes = [];
    private byte[] _utf8 = new byte[256];

    public PreparedCommand(DbConnection connection, DbTransaction transaction, SqlDialect dialect, string sql, params string[] parameterNames)
    {
        _dialect = dialect;
        if (connection is SqliteConnection sqlite)
        {
            _database = sqlite.Handle!;
            var rc = raw.sqlite3_prepare_v2(_database, sql, out var statement);
            SqliteException.ThrowExceptionForRC(rc, _database);
            _statement = statement;
            _indexes = parameterNames.Select(name => raw.sqlite3_bind_parameter_index(statement, "@" + name)).ToArray();
            if (_indexes.Any(i => i == 0))
            {
                throw new ArgumentException("A parameter name does not occur in the statement.", nameof(parameterNames));
            }

            return;
        }

        _command = connection.CreateCommand();
        _command.Transaction = transaction;
        _command.CommandText = sql;
        foreach (var name in parameterNames)
        {
            var parameter = _command.CreateParameter();
            parameter.ParameterName = "@" + name;
            _command.Parameters.Add(parameter);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Run(params object?[] values)
    {
        if (_statement is null)
        {
            for (var i = 0; i < values.Length; i++)
            {
                _command!.Parameters[i].Value = _dialect.ToDb(values[i]);
            }

            return _command!.ExecuteNonQuery();
        }

        for (var i = 0; i < values.Length; i++)
        {
            SqliteException.ThrowExceptionForRC(Bind(_indexes[i], values[i]), _database);
        }

        var step = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (step != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(step, _database);
        }

        return raw.sqlite3_changes(_database);
    }

    /// <summary>
    /// Binds one value as <see cref="SqlDialect.ToDb"/> would store it, without allocating for the common cases: text
    /// and ids are encoded to UTF-8 in a reused buffer (SQLite copies the bytes).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Bind(int index, object? value)
    {
        switch (value)
        {
            case string text:
                return BindText(index, text);
            case Guid id:
                Span<char> chars = stackalloc char[36];
                id.TryFormat(chars, out _, "D");
                return BindText(index, chars);
            case bool flag:
                return raw.sqlite3_bind_int64(_statement, index, flag ? 1 : 0);
        }

        return _dialect.ToDb(value) switch
        {
            DBNull => raw.sqlite3_bind_null(_statement, index),
            string text => BindText(index, text),
            int number => raw.sqlite3_bind_int64(_statement, index, number),
            long number => raw.sqlite3_bind_int64(_statement, index, number),
            double number => raw.sqlite3_bind_double(_statement, index, number),
            byte[] bytes => raw.sqlite3_bind_blob(_statement, index, bytes),
            var other => throw new NotSupportedException($"Cannot bind a {other.GetType().Name}."),
        };
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int BindText(int index, ReadOnlySpan<char> text)
    {
        var needed = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (_utf8.Length < needed)
        {
            _utf8 = new byte[Math.Max(needed, _utf8.Length * 2)];
        }

        var length = Encoding.UTF8.GetBytes(text, _utf8);
        return raw.sqlite3_bind_text(_statement, index, _utf8.AsSpan(0, length));
    }

    public void Dispose()
    {
        _command?.Dispose();
        _statement?.Dispose();
    }
}
