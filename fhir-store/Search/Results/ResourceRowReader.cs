using Microsoft.Data.Sqlite;

namespace Sandbox.FhirStore.Search.Results;

/// <summary>Reads current resource rows by key, skipping those deleted since the search ran.</summary>
internal static class ResourceRowReader
{
    public static async Task<List<ResourceRow>> ReadAsync(
        SqliteConnection connection,
        SqliteTransaction? transaction,
        IReadOnlyList<long> keys,
        CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
            return [];

        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT resource_key, resource_type, id, body FROM resource " +
            $"WHERE resource_key IN ({string.Join(", ", keys)}) AND is_deleted = 0";
        var byKey = new Dictionary<long, ResourceRow>(keys.Count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new ResourceRow(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), (byte[])reader.GetValue(3));
            byKey[row.Key] = row;
        }

        return keys.Where(byKey.ContainsKey).Select(key => byKey[key]).ToList();
    }
}
