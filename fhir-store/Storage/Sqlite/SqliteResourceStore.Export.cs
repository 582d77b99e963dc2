using System.Runtime.CompilerServices;

namespace Sandbox.FhirStore.Storage.Sqlite;

public sealed partial class SqliteResourceStore
{
    public async IAsyncEnumerable<StoredResource> ReadAllCurrentAsync(
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // One SELECT is one read transaction, so in WAL mode the whole stream comes from the
        // snapshot taken at its first step, however long the caller takes to consume it.
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            $"""
            SELECT {SelectColumns}, resource_type, id FROM resource
            WHERE is_deleted = 0
            ORDER BY resource_type, id
            """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            yield return ReadRow(reader, reader.GetString(4), reader.GetString(5));
    }
}
