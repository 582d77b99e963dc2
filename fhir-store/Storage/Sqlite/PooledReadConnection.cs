using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Sandbox.FhirStore.Storage.Sqlite;

/// <summary>
/// An open connection of <see cref="SqliteReadConnectionPool"/> with up to
/// <see cref="MaxCommands"/> commands kept by SQL text. A kept command stays prepared, so
/// running it again only binds its parameters. Dispose it to give it back to the pool.
/// </summary>
internal sealed class PooledReadConnection : IAsyncDisposable
{
    /// <summary>The maximum number of kept commands. Beyond it, the least recently used one is dropped.</summary>
    public const int MaxCommands = 32;

    private static readonly ConditionalWeakTable<SqliteConnection, PooledReadConnection> ByConnection = [];

    private readonly SqliteReadConnectionPool _pool;
    private readonly Dictionary<string, LinkedListNode<SqliteCommand>> _commands = new(StringComparer.Ordinal);

    // Most recently used first.
    private readonly LinkedList<SqliteCommand> _byUse = new();

    public PooledReadConnection(SqliteConnection connection, SqliteReadConnectionPool pool)
    {
        Connection = connection;
        _pool = pool;
        ByConnection.Add(connection, this);
    }

    public SqliteConnection Connection { get; }

    /// <summary>Finds the pooled connection behind <paramref name="connection"/>, if it is one.</summary>
    public static bool TryFind(SqliteConnection connection, [NotNullWhen(true)] out PooledReadConnection? pooled) =>
        ByConnection.TryGetValue(connection, out pooled);

    /// <summary>
    /// Returns the kept command with this SQL text, or creates and keeps one. The caller must
    /// dispose the command's reader and clear its parameters before the next use, and must
    /// not dispose the command.
    /// </summary>
    public SqliteCommand GetCommand(string sql)
    {
        if (_commands.TryGetValue(sql, out var node))
        {
            _byUse.Remove(node);
            _byUse.AddFirst(node);
            return node.Value;
        }

        if (_commands.Count >= MaxCommands && _byUse.Last is { } oldest)
        {
            _byUse.RemoveLast();
            _commands.Remove(oldest.Value.CommandText);
            oldest.Value.Dispose();
        }

        var command = Connection.CreateCommand();
        command.CommandText = sql;
        _commands[sql] = _byUse.AddFirst(command);
        return command;
    }

    public ValueTask DisposeAsync()
    {
        _pool.Return(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>Disposes the kept commands and closes the connection.</summary>
    internal void Close()
    {
        foreach (var command in _byUse)
            command.Dispose();

        _byUse.Clear();
        _commands.Clear();
        ByConnection.Remove(Connection);
        Connection.Dispose();
    }
}
