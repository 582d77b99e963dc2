using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Sandbox.FhirStore.Search.Paging;

/// <summary>Saves and loads paging cursors in the <c>search_cursor</c> table, and drops expired ones.</summary>
internal sealed class SearchCursorStore(IOptions<SearchOptions> options, TimeProvider timeProvider)
{
    public async Task<string> SaveAsync(SqliteConnection connection, SearchCursor cursor, CancellationToken cancellationToken)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var now = timeProvider.GetUtcNow();
        var keys = new byte[cursor.Keys.Count * sizeof(long)];
        for (var index = 0; index < cursor.Keys.Count; index++)
            BinaryPrimitives.WriteInt64LittleEndian(keys.AsSpan(index * sizeof(long)), cursor.Keys[index]);

        await using var command = connection.CreateCommand();
        command.CommandText =
            "DELETE FROM search_cursor WHERE expires < $now; " +
            "INSERT INTO search_cursor (cursor_id, expires, state, resource_keys) VALUES ($id, $expires, $state, $keys);";
        command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$expires", (now + options.Value.CursorLifetime).ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$state", JsonSerializer.Serialize(cursor));
        command.Parameters.AddWithValue("$keys", keys);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return id;
    }

    /// <summary>Loads a cursor, or returns null when it does not exist or has expired.</summary>
    public async Task<SearchCursor?> LoadAsync(SqliteConnection connection, string id, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT state, resource_keys FROM search_cursor WHERE cursor_id = $id AND expires >= $now";
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$now", timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
            return null;

        var cursor = JsonSerializer.Deserialize<SearchCursor>(reader.GetString(0));
        var bytes = (byte[])reader.GetValue(1);
        var keys = new long[bytes.Length / sizeof(long)];
        for (var index = 0; index < keys.Length; index++)
            keys[index] = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(index * sizeof(long)));

        return cursor is null ? null : cursor with { Keys = keys };
    }
}
