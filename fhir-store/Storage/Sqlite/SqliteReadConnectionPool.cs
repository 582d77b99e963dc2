using System.Collections.Concurrent;

namespace Sandbox.FhirStore.Storage.Sqlite;

/// <summary>
/// Open read connections that keep their prepared statements between requests, lent to one
/// caller at a time. Microsoft.Data.Sqlite 10 compiles the SQL of every new command again,
/// and closing a connection finalizes the statements of its commands, so a search whose SQL
/// text repeats from request to request was compiled on every request. A connection here
/// stays open while idle and keeps its commands (<see cref="PooledReadConnection"/>).
/// </summary>
internal sealed class SqliteReadConnectionPool(SqliteDatabase database) : IDisposable
{
    // Idle connections kept open. A connection returned beyond this is closed, which hands
    // its native connection back to Microsoft.Data.Sqlite's own pool.
    private static readonly int MaxIdle = Math.Max(4, 2 * Environment.ProcessorCount);

    private readonly ConcurrentBag<PooledReadConnection> _idle = [];
    private volatile bool _disposed;

    /// <summary>Lends an open connection. Dispose the result to give it back.</summary>
    public async ValueTask<PooledReadConnection> RentAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_idle.TryTake(out var idle))
            return idle;

        var connection = await database.OpenConnectionAsync(cancellationToken);
        return new PooledReadConnection(connection, this);
    }

    /// <summary>Closes the idle connections. Connections still lent are closed when given back.</summary>
    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var connection))
            connection.Close();
    }

    internal void Return(PooledReadConnection connection)
    {
        if (_disposed || _idle.Count >= MaxIdle)
        {
            connection.Close();
            return;
        }

        _idle.Add(connection);

        // Dispose may have run between the check and the Add.
        if (_disposed && _idle.TryTake(out var late))
            late.Close();
    }
}
