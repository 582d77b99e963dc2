using Microsoft.Data.Sqlite;

namespace Sandbox.FhirStore.Search.Indexing;

/// <summary>
/// Inserts the rows of one index table, collected with <see cref="Add"/>, with multi-row
/// <c>INSERT</c> statements. A Synthea Patient has 17 string and 12 token rows, and one
/// statement per table costs one Microsoft.Data.Sqlite execution instead of one per row.
/// </summary>
/// <remarks>
/// Each row count up to <see cref="MaxRowsPerStatement"/> gets its own statement, compiled the
/// first time it is needed and kept with the connection. More rows than that run in chunks.
/// </remarks>
internal sealed class IndexInsertStatement(SqliteConnection connection, string table, int columnCount)
{
    /// <summary>The largest number of rows one statement inserts.</summary>
    public const int MaxRowsPerStatement = 32;

    private readonly SqliteCommand?[] _commands = new SqliteCommand?[MaxRowsPerStatement + 1];
    private readonly List<object?> _values = new(MaxRowsPerStatement * columnCount);
    private SqliteTransaction? _transaction;

    /// <summary>Makes the statements run in <paramref name="transaction"/>.</summary>
    public void Bind(SqliteTransaction transaction)
    {
        _transaction = transaction;
        foreach (var command in _commands)
        {
            if (command is not null)
                command.Transaction = transaction;
        }
    }

    /// <summary>Adds one row, given as its column values in table order.</summary>
    public void Add(params object?[] row)
    {
        if (row.Length != columnCount)
            throw new ArgumentException($"A {table} row has {columnCount} values, not {row.Length}.", nameof(row));

        _values.AddRange(row);
        if (_values.Count == MaxRowsPerStatement * columnCount)
            Flush();
    }

    /// <summary>Inserts the rows added since the last flush.</summary>
    public void Flush()
    {
        if (_values.Count == 0)
            return;

        var rowCount = _values.Count / columnCount;
        var command = _commands[rowCount] ??= Create(rowCount);
        var parameters = command.Parameters;
        for (var index = 0; index < _values.Count; index++)
            parameters[index].Value = _values[index] ?? DBNull.Value;

        _values.Clear();
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Drops rows added but not flushed, which an exception between <see cref="Add"/> and
    /// <see cref="Flush"/> leaves behind, so that they never reach the next resource's insert.
    /// </summary>
    public void Discard() => _values.Clear();

    private SqliteCommand Create(int rowCount)
    {
        var command = connection.CreateCommand();
        command.Transaction = _transaction;
        var rows = new List<string>(rowCount);
        for (var row = 0; row < rowCount; row++)
        {
            var names = new string[columnCount];
            for (var column = 0; column < columnCount; column++)
            {
                names[column] = $"$r{row}c{column}";
                command.Parameters.Add(new SqliteParameter(names[column], DBNull.Value));
            }

            rows.Add($"({string.Join(", ", names)})");
        }

        // OR FAIL: a multi-row INSERT that may abort makes SQLite keep a statement journal of
        // every page it changes. In a perf profile of creates, that journal went to a temporary
        // file on each create. FAIL stops at the failing row instead, and the exception rolls
        // back the whole unit of work anyway.
        command.CommandText = $"INSERT OR FAIL INTO {table} VALUES {string.Join(", ", rows)}";
        return command;
    }
}
