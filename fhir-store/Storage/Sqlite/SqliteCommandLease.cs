using Microsoft.Data.Sqlite;

namespace Sandbox.FhirStore.Storage.Sqlite;

/// <summary>
/// A command for one execution: the kept, prepared command of a
/// <see cref="PooledReadConnection"/> outside a transaction, or a new command otherwise.
/// Disposing the lease clears a kept command's parameters and disposes a new one.
/// </summary>
internal readonly struct SqliteCommandLease : IDisposable
{
    private readonly bool _isKept;

    private SqliteCommandLease(SqliteCommand command, bool isKept)
    {
        Command = command;
        _isKept = isKept;
    }

    public SqliteCommand Command { get; }

    /// <summary>
    /// Leases a command for <paramref name="sql"/>. Pass <paramref name="reuse"/> false for SQL
    /// with inlined values, whose text does not repeat, so that it does not push the
    /// repeating statements out of the connection's kept commands.
    /// </summary>
    public static SqliteCommandLease Create(
        SqliteConnection connection,
        SqliteTransaction? transaction,
        string sql,
        bool reuse = true)
    {
        if (reuse && transaction is null && PooledReadConnection.TryFind(connection, out var pooled))
            return new SqliteCommandLease(pooled.GetCommand(sql), isKept: true);

        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return new SqliteCommandLease(command, isKept: false);
    }

    public void Dispose()
    {
        if (_isKept)
            Command.Parameters.Clear();
        else
            Command.Dispose();
    }
}
