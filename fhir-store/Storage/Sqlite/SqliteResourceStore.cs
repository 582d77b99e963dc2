using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Sandbox.FhirStore.Search;
using Sandbox.Smart.Access;

namespace Sandbox.FhirStore.Storage.Sqlite;

/// <summary>
/// The SQLite implementation of <see cref="IResourceStore"/>. Readers run in parallel on
/// pooled connections; writers take an in-process lock and then <c>BEGIN IMMEDIATE</c>, so
/// exactly one unit of work writes at a time, also against other processes on the same file.
/// </summary>
public sealed partial class SqliteResourceStore(
    SqliteDatabase database,
    ISearchIndex searchIndex,
    TimeProvider timeProvider,
    ILogger<SqliteResourceStore> logger) : IResourceStore, IDisposable
{
    internal const string SelectColumns = "version_id, last_updated, is_deleted, body";

    private readonly SemaphoreSlim _writeLock = new(1, 1);

    // The one connection that writes, kept open with its prepared statements. Only the
    // holder of the write lock touches it.
    private SqliteConnection? _writer;
    private SqliteWriteCommands? _writeCommands;
    private bool _disposed;

    // The writer's page cache, in KiB (64 MiB; PRAGMA cache_size takes negative values as KiB).
    // With SQLite's default of 2 MiB, a transaction of a few hundred resources evicted index
    // pages that it changed and read them back from the WAL with pread. Perf profiles of two
    // imports of the Synthea Bundles (12,579 resources each) ran on a 2-core machine at a load
    // average of 6 to 15, one run each way. The larger cache cut the kernel's samples by about
    // 40 % and the sandbox's by about 8 %. SQLite allocates the cache as pages are used, so memory
    // grows only with writes.
    private const long WriterCacheSize = -65536;

    public async Task<StoredResource?> ReadAsync(string resourceType, string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {SelectColumns} FROM resource WHERE resource_type = $type AND id = $id";
        command.Parameters.AddWithValue("$type", resourceType);
        command.Parameters.AddWithValue("$id", id);
        return await ReadSingleAsync(command, resourceType, id, cancellationToken);
    }

    public async Task<StoredResource?> ReadVersionAsync(
        string resourceType,
        string id,
        int versionId,
        CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return await SqliteVersionReads.ReadVersionAsync(connection, null, resourceType, id, versionId, cancellationToken);
    }

    public async Task<IReadOnlyList<StoredResource>> ReadHistoryAsync(
        HistoryQuery query,
        CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return await SqliteVersionReads.ReadHistoryAsync(connection, null, query, cancellationToken);
    }

    public async Task<bool> SatisfiesAsync(
        string resourceType,
        string id,
        IReadOnlyList<AccessRule> rules,
        CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var key = await FindKeyAsync(connection, null, resourceType, id, cancellationToken);
        return key is not null
            && await searchIndex.SatisfiesAsync(connection, null, key.Value, resourceType, rules, cancellationToken);
    }

    public async Task<T> ExecuteAsync<T>(
        Func<IStoreTransaction, CancellationToken, Task<T>> work,
        CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            _writer ??= await OpenWriterAsync(cancellationToken);
            _writeCommands ??= new SqliteWriteCommands(_writer);

            // Microsoft.Data.Sqlite starts a non-deferred transaction with BEGIN IMMEDIATE, which
            // takes the write lock at once, so version checks made inside cannot be overtaken.
            await using var transaction = (SqliteTransaction)await _writer.BeginTransactionAsync(cancellationToken);
            _writeCommands.Bind(transaction);
            var unit = new SqliteStoreTransaction(_writer, transaction, _writeCommands, searchIndex, timeProvider);
            var result = await work(unit, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            if (unit.HasCleared)
                database.CountReset();

            CheckpointAfterCommit(_writer);
            ScheduleIdleCheckpoint();
            return result;
        }
        catch (SqliteException)
        {
            // A failed statement may leave the connection unusable, so the next unit opens a fresh one.
            await ResetWriterAsync();
            throw;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task<SqliteConnection> OpenWriterAsync(CancellationToken cancellationToken)
    {
        var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA cache_size = {WriterCacheSize}; PRAGMA wal_autocheckpoint = {WriterAutoCheckpointPages}";
        await command.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    public void Dispose()
    {
        if (_disposed)
            return;

        _disposed = true;

        // The lock waits for a running unit of work or idle checkpoint to finish with the writer.
        _idleCheckpoint?.Dispose();
        _writeLock.Wait(TimeSpan.FromSeconds(10));
        StopBackgroundCheckpoint();
        _writeCommands?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _writer?.Dispose();
        _writeLock.Dispose();
    }

    private async System.Threading.Tasks.Task ResetWriterAsync()
    {
        if (_writeCommands is not null)
            await _writeCommands.DisposeAsync();
        if (_writer is not null)
            await _writer.DisposeAsync();

        _writeCommands = null;
        _writer = null;
    }

    internal static async Task<long?> FindKeyAsync(
        SqliteConnection connection,
        SqliteTransaction? transaction,
        string resourceType,
        string id,
        CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT resource_key FROM resource WHERE resource_type = $type AND id = $id";
        command.Parameters.AddWithValue("$type", resourceType);
        command.Parameters.AddWithValue("$id", id);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is long key ? key : null;
    }

    internal static async Task<StoredResource?> ReadSingleAsync(
        SqliteCommand command,
        string resourceType,
        string id,
        CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadRow(reader, resourceType, id) : null;
    }

    /// <summary>Reads a row whose first columns are version_id, last_updated, is_deleted and body.</summary>
    internal static StoredResource ReadRow(SqliteDataReader reader, string resourceType, string id)
    {
        var isDeleted = reader.GetInt64(2) != 0;
        var body = reader.IsDBNull(3) ? [] : (byte[])reader.GetValue(3);
        return new StoredResource(
            resourceType,
            id,
            reader.GetInt32(0),
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
            isDeleted,
            body);
    }
}
