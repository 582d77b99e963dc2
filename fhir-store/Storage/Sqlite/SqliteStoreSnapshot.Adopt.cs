using Microsoft.Data.Sqlite;

namespace Sandbox.FhirStore.Storage.Sqlite;

/// <summary>The restore of a snapshot into a store whose database file does not exist yet.</summary>
public sealed partial class SqliteStoreSnapshot
{
    /// <summary>
    /// Copies the snapshot file next to the database, stamps the copy with the time of the
    /// restore, and makes it the database file. Returns the number of resources, or null when
    /// the store opened or created its file in the meantime, in which case nothing changed.
    /// </summary>
    /// <remarks>
    /// Inserting every row again also rebuilds every search index entry one by one. During a
    /// start that took about 440 ms for the default seed, while the copy and the stamps take a
    /// few tens of milliseconds. The snapshot's columns are not compared with the store's here:
    /// the snapshot cache names each file after the store's assembly version, and the schema is
    /// created on the adopted file for any table that it lacks.
    /// </remarks>
    private async Task<int?> TryRestoreAsDatabaseFileAsync(string path, CancellationToken cancellationToken)
    {
        var copy = database.AdoptionPath;
        try
        {
            File.Copy(path, copy, overwrite: true);
            var count = await StampCopyAsync(copy, cancellationToken);
            FlushToDisk(copy);
            return await database.TryAdoptAsync(cancellationToken) ? count : null;
        }
        finally
        {
            // Nothing is left once the copy has become the database file.
            File.Delete(copy);
        }
    }

    private async Task<int> StampCopyAsync(string copy, CancellationToken cancellationToken)
    {
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = copy,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
        }.ToString();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);

        // The copy is deleted unless every statement succeeds, so it needs no rollback journal.
        // Without one, stamping the default seed took 17-20 ms instead of 63-80 ms (sqlite3, 2 cores).
        await ExecuteAsync(connection, null, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF", cancellationToken);
        await using var transaction = connection.BeginTransaction();

        var expectedResources = await ReadRecordedCountAsync(connection, transaction, "main", cancellationToken);

        var parameters = StampParameters(RestoreInstant());
        foreach (var table in await ReadTablesAsync(connection, transaction, "main", cancellationToken))
        {
            var columns = await ReadColumnsAsync(connection, transaction, "main", table, cancellationToken);
            var assignments = columns
                .Select(column => StampedValue(column) is { } value ? $"{Quote(column)} = {value}" : null)
                .OfType<string>()
                .ToList();
            if (assignments.Count > 0)
                await ExecuteAsync(connection, transaction, $"UPDATE {Quote(table)} SET {string.Join(", ", assignments)}", cancellationToken, parameters);
        }

        // The count belongs to the snapshot file, not to the store the copy becomes.
        await ExecuteAsync(connection, transaction, "PRAGMA user_version = 0", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (int)expectedResources;
    }

    // Writes the copy to the disk before the rename, as SQLite's commit did while it had a journal.
    private static void FlushToDisk(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        file.Flush(flushToDisk: true);
    }
}
