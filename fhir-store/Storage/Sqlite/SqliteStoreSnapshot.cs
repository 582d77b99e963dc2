using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Instant = Hl7.Fhir.Model.Instant;

namespace Sandbox.FhirStore.Storage.Sqlite;

/// <summary>
/// Whole-store copies for fast seeding. The <c>CreateAsync</c> methods write resources into a
/// new SQLite file through the store's own write path and search indexing, and record their
/// number in the file's <c>user_version</c>. <see cref="RestoreAsync"/> copies every row of such
/// a file into this store in one transaction, with <c>meta.lastUpdated</c> set to the time of the
/// copy, so the store ends up as that write would have left it at that time.
/// </summary>
public sealed partial class SqliteStoreSnapshot(SqliteDatabase database, TimeProvider timeProvider)
{
    // The frozen clock of every snapshot write. Creation checks that each stored body contains
    // its serialized form exactly once, so that a restore can replace it with its own time.
    private static readonly DateTimeOffset SnapshotInstant = new(1970, 1, 1, 0, 0, 1, 234, TimeSpan.Zero);

    /// <summary>
    /// Copies every row of the snapshot at <paramref name="path"/> into this store in one
    /// transaction. With <paramref name="replace"/> every row of the store is deleted first;
    /// without it the copy runs only into a store without any resource.
    /// </summary>
    /// <returns>
    /// The number of resources copied, or null when <paramref name="replace"/> is false and the
    /// store contains a resource, in which case nothing was copied.
    /// </returns>
    /// <exception cref="InvalidDataException">
    /// The snapshot does not hold the number of resources recorded at its creation, or its
    /// tables or columns differ from the store's. Nothing was copied.
    /// </exception>
    public async Task<int?> RestoreAsync(
        string path,
        bool replace,
        CancellationToken cancellationToken)
    {
        if (!replace && database.IsUncreated && await TryRestoreAsDatabaseFileAsync(path, cancellationToken) is { } restored)
            return restored;

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        // NOTE: a file deleted since the caller found it is created empty by ATTACH, and the
        // table check below then rejects it. Microsoft.Data.Sqlite 10 does not take a read-only
        // URI file name here.
        await ExecuteAsync(connection, null, "ATTACH DATABASE $path AS snapshot", cancellationToken, ("$path", path));
        try
        {
            await using var transaction = connection.BeginTransaction();
            var copied = await CopyAsync(connection, transaction, replace, cancellationToken);
            if (copied is not null)
            {
                await transaction.CommitAsync(cancellationToken);
                if (replace)
                    database.CountReset();
            }

            return copied;
        }
        finally
        {
            // The connection goes back to the pool, so it must not keep the file attached.
            await ExecuteAsync(connection, null, "DETACH DATABASE snapshot", CancellationToken.None);
        }
    }

    private async Task<int?> CopyAsync(
        SqliteConnection connection,
        SqliteTransaction transaction,
        bool replace,
        CancellationToken cancellationToken)
    {
        var tables = await ReadTablesAsync(connection, transaction, "main", cancellationToken);
        foreach (var table in tables)
        {
            var columns = await ReadColumnsAsync(connection, transaction, "main", table, cancellationToken);
            var snapshotColumns = await ReadColumnsAsync(connection, transaction, "snapshot", table, cancellationToken);
            if (!columns.SequenceEqual(snapshotColumns, StringComparer.Ordinal))
                throw new InvalidDataException($"The snapshot's table {table} has other columns than the store's.");
        }

        var expectedResources = await ReadRecordedCountAsync(connection, transaction, "snapshot", cancellationToken);

        if (!replace && await ScalarAsync(connection, transaction, "SELECT count(*) FROM main.resource", cancellationToken) > 0)
            return null;

        // Newest tables first, because they reference the older ones (foreign keys are on).
        foreach (var table in Enumerable.Reverse(tables))
            await ExecuteAsync(connection, transaction, $"DELETE FROM main.{Quote(table)}", cancellationToken);

        var lastUpdated = RestoreInstant();
        foreach (var table in tables)
            await CopyTableAsync(connection, transaction, table, lastUpdated, cancellationToken);

        return (int)expectedResources;
    }

    private static async Task CopyTableAsync(
        SqliteConnection connection,
        SqliteTransaction transaction,
        string table,
        DateTimeOffset lastUpdated,
        CancellationToken cancellationToken)
    {
        var columns = await ReadColumnsAsync(connection, transaction, "main", table, cancellationToken);

        var values = columns.Select(column => StampedValue(column) ?? Quote(column));
        var names = string.Join(", ", columns.Select(Quote));
        await ExecuteAsync(
            connection,
            transaction,
            $"INSERT INTO main.{Quote(table)} ({names}) SELECT {string.Join(", ", values)} FROM snapshot.{Quote(table)}",
            cancellationToken,
            StampParameters(lastUpdated));
    }

    // The storage tables keep the time of each version in last_updated and in the body's
    // meta.lastUpdated. Returns the SQL value that stamps such a column with $lastUpdated and
    // $stamp (see StampParameters), or null for a column that is copied as it is.
    private static string? StampedValue(string column) => column switch
    {
        "last_updated" => "$lastUpdated",
        "body" => "CAST(replace(CAST(body AS TEXT), $snapshotStamp, $stamp) AS BLOB)",
        _ => null,
    };

    private static (string Name, object Value)[] StampParameters(DateTimeOffset lastUpdated) =>
    [
        ("$lastUpdated", lastUpdated.ToUnixTimeMilliseconds()),
        ("$snapshotStamp", SerializeInstant(SnapshotInstant)),
        ("$stamp", SerializeInstant(lastUpdated)),
    ];

    // The time of a restore, in the millisecond precision that the store keeps.
    private DateTimeOffset RestoreInstant() =>
        DateTimeOffset.FromUnixTimeMilliseconds(timeProvider.GetUtcNow().ToUnixTimeMilliseconds());

    /// <summary>
    /// Returns <c>meta.lastUpdated</c> as the store's serializer writes it, escapes included:
    /// the instant's FHIR string form, JSON-encoded with the serializer's encoder. Going
    /// through the serializer itself would first build Firely's serializers, about 300 ms of a
    /// new process's start. Snapshot creation checks every stored body against this text.
    /// </summary>
    internal static string SerializeInstant(DateTimeOffset instant) =>
        JsonEncodedText.Encode(new Instant(instant).ToString()!, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString();

    /// <summary>
    /// Returns the number of resources recorded in the snapshot in schema <paramref name="schema"/>
    /// at its creation, and throws <see cref="InvalidDataException"/> when the snapshot's resource
    /// table does not contain that many.
    /// </summary>
    private static async Task<long> ReadRecordedCountAsync(
        SqliteConnection connection,
        SqliteTransaction transaction,
        string schema,
        CancellationToken cancellationToken)
    {
        var expectedResources = await ScalarAsync(connection, transaction, $"PRAGMA {schema}.user_version", cancellationToken);
        var resources = await ScalarAsync(connection, transaction, $"SELECT count(*) FROM {schema}.resource", cancellationToken);
        if (resources != expectedResources)
            throw new InvalidDataException($"The snapshot contains {resources} resources, but {expectedResources} were written into it.");

        return expectedResources;
    }

    private static async Task<List<string>> ReadTablesAsync(
        SqliteConnection connection,
        SqliteTransaction transaction,
        string schema,
        CancellationToken cancellationToken)
    {
        var sql = $"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid";
        return await ReadStringsAsync(connection, transaction, sql, cancellationToken);
    }

    private static Task<List<string>> ReadColumnsAsync(
        SqliteConnection connection,
        SqliteTransaction transaction,
        string schema,
        string table,
        CancellationToken cancellationToken) =>
        ReadStringsAsync(connection, transaction, $"SELECT name FROM pragma_table_info({Literal(table)}, {Literal(schema)}) ORDER BY cid", cancellationToken);

    private static async Task<List<string>> ReadStringsAsync(
        SqliteConnection connection,
        SqliteTransaction transaction,
        string sql,
        CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            values.Add(reader.GetString(0));

        return values;
    }

    private static async Task<long> ScalarAsync(
        SqliteConnection connection,
        SqliteTransaction transaction,
        string sql,
        CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task ExecuteAsync(
        SqliteConnection connection,
        SqliteTransaction? transaction,
        string sql,
        CancellationToken cancellationToken,
        params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
