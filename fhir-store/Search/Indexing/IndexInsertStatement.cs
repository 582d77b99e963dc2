using System.Buffers;
using System.Data;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Sandbox.FhirStore.Search.Indexing;

/// <summary>
/// Inserts the rows of one index table, collected with <see cref="Add"/>, with multi-row
/// <c>INSERT</c> statements. A Synthea Patient has 17 string and 12 token rows, and one
/// statement per table costs one execution instead of one per row.
/// </summary>
/// <remarks>
/// <para>
/// Each row count up to <see cref="MaxRowsPerStatement"/> gets its own statement, compiled the
/// first time it is needed and kept until the connection closes. More rows than that run in chunks.
/// </para>
/// <para>
/// The statements are SQLite's own (SQLitePCLRaw), bound by position. A Microsoft.Data.Sqlite
/// command binds each parameter by name, and SQLite finds a name by comparing it with the
/// statement's names in turn, so binding 32 rows of 8 columns is quadratic in the 256 parameters.
/// In a perf profile of the import of the Synthea Bundles, that binding took about 4 % of the
/// sandbox's samples. The statements run on the caller's connection, so inside its open
/// transaction.
/// </para>
/// </remarks>
internal sealed class IndexInsertStatement
{
    /// <summary>The largest number of rows one statement inserts.</summary>
    public const int MaxRowsPerStatement = 32;

    private readonly SqliteConnection _connection;
    private readonly string _table;
    private readonly int _columnCount;
    private readonly sqlite3_stmt?[] _statements = new sqlite3_stmt?[MaxRowsPerStatement + 1];
    private readonly IndexValue[] _values;
    private int _valueCount;

    public IndexInsertStatement(SqliteConnection connection, string table, int columnCount)
    {
        _connection = connection;
        _table = table;
        _columnCount = columnCount;
        _values = new IndexValue[MaxRowsPerStatement * columnCount];

        // Finalizing the statements before the native connection goes back to the pool keeps
        // them from outliving the connection object that prepared them.
        connection.StateChange += (_, change) =>
        {
            if (change.CurrentState == ConnectionState.Closed)
                FinalizeStatements();
        };
    }

    /// <summary>Adds one row, given as its column values in table order.</summary>
    public void Add(params ReadOnlySpan<IndexValue> row)
    {
        if (row.Length != _columnCount)
            throw new ArgumentException($"A {_table} row has {_columnCount} values, not {row.Length}.", nameof(row));

        row.CopyTo(_values.AsSpan(_valueCount));
        _valueCount += row.Length;
        if (_valueCount == _values.Length)
            Flush();
    }

    /// <summary>Inserts the rows added since the last flush.</summary>
    /// <exception cref="SqliteException">SQLite rejected the statement or a row.</exception>
    public void Flush()
    {
        if (_valueCount == 0)
            return;

        var rowCount = _valueCount / _columnCount;
        var statement = _statements[rowCount] ??= Prepare(rowCount);
        var database = _connection.Handle!;
        try
        {
            for (var index = 0; index < _valueCount; index++)
                Check(BindValue(statement, index + 1, _values[index]), database);

            var result = raw.sqlite3_step(statement);
            if (result != raw.SQLITE_DONE)
                SqliteException.ThrowExceptionForRC(result, database);
        }
        finally
        {
            Discard();
            raw.sqlite3_reset(statement);
            raw.sqlite3_clear_bindings(statement);
        }
    }

    /// <summary>
    /// Drops rows added but not flushed, which an exception between <see cref="Add"/> and
    /// <see cref="Flush"/> leaves behind, so that they never reach the next resource's insert.
    /// </summary>
    public void Discard()
    {
        // Cleared so that the array keeps no strings of earlier rows alive.
        Array.Clear(_values, 0, _valueCount);
        _valueCount = 0;
    }

    private sqlite3_stmt Prepare(int rowCount)
    {
        var rows = new List<string>(rowCount);
        for (var row = 0; row < rowCount; row++)
            rows.Add($"({string.Join(", ", Enumerable.Repeat("?", _columnCount))})");

        // OR FAIL: a multi-row INSERT that may abort makes SQLite keep a statement journal of
        // every page it changes. In a perf profile of creates, that journal went to a temporary
        // file on each create. FAIL stops at the failing row instead, and the exception rolls
        // back the whole unit of work anyway.
        var sql = $"INSERT OR FAIL INTO {_table} VALUES {string.Join(", ", rows)}";
        var database = _connection.Handle!;
        Check(raw.sqlite3_prepare_v2(database, sql, out var statement), database);
        return statement;
    }

    // Binds as Microsoft.Data.Sqlite binds these types: text as UTF-8, integers, reals and NULL.
    private static int BindValue(sqlite3_stmt statement, int position, in IndexValue value) => value.Kind switch
    {
        IndexValueKind.Text => BindText(statement, position, value.Text!),
        IndexValueKind.Integer => raw.sqlite3_bind_int64(statement, position, value.Integer),
        IndexValueKind.Real when double.IsNaN(value.Real) =>
            throw new InvalidOperationException("An index row cannot store NaN."),
        IndexValueKind.Real => raw.sqlite3_bind_double(statement, position, value.Real),
        _ => raw.sqlite3_bind_null(statement, position),
    };

    private static int BindText(sqlite3_stmt statement, int position, string text)
    {
        // SQLite copies the bytes (SQLITE_TRANSIENT), so the buffer is returned at once.
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(text, buffer);
            return raw.sqlite3_bind_text(statement, position, buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void Check(int result, sqlite3 database)
    {
        if (result != raw.SQLITE_OK)
            SqliteException.ThrowExceptionForRC(result, database);
    }

    private void FinalizeStatements()
    {
        for (var index = 0; index < _statements.Length; index++)
        {
            _statements[index]?.Dispose();
            _statements[index] = null;
        }
    }
}
