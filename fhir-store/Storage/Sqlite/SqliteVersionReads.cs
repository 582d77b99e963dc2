using Microsoft.Data.Sqlite;

namespace Sandbox.FhirStore.Storage.Sqlite;

/// <summary>
/// The vread and history queries, shared by the store's pooled readers and by an open unit
/// of work, which passes its transaction so that it sees its own writes.
/// </summary>
internal static class SqliteVersionReads
{
    public static async Task<StoredResource?> ReadVersionAsync(
        SqliteConnection connection,
        SqliteTransaction? transaction,
        string resourceType,
        string id,
        int versionId,
        CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var columns = SqliteResourceStore.SelectColumns.Replace(", ", ", v.", StringComparison.Ordinal);
        command.CommandText =
            $"""
            SELECT v.{columns}
            FROM resource r JOIN resource_version v ON v.resource_key = r.resource_key
            WHERE r.resource_type = $type AND r.id = $id AND v.version_id = $version
            """;
        command.Parameters.AddWithValue("$type", resourceType);
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$version", versionId);
        return await SqliteResourceStore.ReadSingleAsync(command, resourceType, id, cancellationToken);
    }

    public static async Task<IReadOnlyList<StoredResource>> ReadHistoryAsync(
        SqliteConnection connection,
        SqliteTransaction? transaction,
        HistoryQuery query,
        CancellationToken cancellationToken)
    {
        await using var command = SqliteHistoryCommand.Create(connection, query);
        command.Transaction = transaction;
        var versions = new List<StoredResource>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var version = SqliteResourceStore.ReadRow(reader, reader.GetString(4), reader.GetString(5));
            versions.Add(version with { Method = reader.GetString(6) });
        }

        return versions;
    }
}
