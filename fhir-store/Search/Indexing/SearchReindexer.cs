using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Sandbox.FhirStore.Storage.Sqlite;
using Resource = Hl7.Fhir.Model.Resource;

namespace Sandbox.FhirStore.Search.Indexing;

/// <summary>
/// Rebuilds the index rows of every current resource, in batches of one transaction each,
/// for use after a change to the indexing code. Deleted resources have no index rows and are skipped.
/// </summary>
public sealed class SearchReindexer(SqliteDatabase database, ISearchIndex searchIndex)
{
    private const int BatchSize = 500;

    // Stored resources may nest as deep as the store accepts, beyond System.Text.Json's default of 64.
    private static readonly JsonSerializerOptions ReadOptions =
        new JsonSerializerOptions { MaxDepth = Formats.FhirSerializer.MaxDepth }.ForFhir(ModelInfo.ModelInspector);

    /// <summary>Counts the current (not deleted) resources, which is the number that re-indexing visits.</summary>
    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM resource WHERE is_deleted = 0";
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Re-indexes the store and reports the number of resources done after each batch.</summary>
    public async Task<long> ReindexAsync(IProgress<long>? progress, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        long lastKey = 0;
        long done = 0;
        while (true)
        {
            await using var transaction = (Microsoft.Data.Sqlite.SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            var batch = new List<(long Key, byte[] Body)>();
            await using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = "SELECT resource_key, body FROM resource WHERE is_deleted = 0 AND resource_key > $last " +
                    "ORDER BY resource_key LIMIT $limit";
                command.Parameters.AddWithValue("$last", lastKey);
                command.Parameters.AddWithValue("$limit", BatchSize);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                    batch.Add((reader.GetInt64(0), (byte[])reader.GetValue(1)));
            }

            if (batch.Count == 0)
                return done;

            foreach (var (key, body) in batch)
            {
                var resource = JsonSerializer.Deserialize<Resource>(body, ReadOptions)!;
                await searchIndex.IndexAsync(transaction, key, resource, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            lastKey = batch[^1].Key;
            done += batch.Count;
            progress?.Report(done);
        }
    }
}
