using Microsoft.Data.Sqlite;

namespace Sandbox.FhirStore.Storage.Sqlite;

/// <summary>The version reads of a unit of work, which see the writes it made so far.</summary>
internal sealed partial class SqliteStoreTransaction
{
    /// <summary>The writer connection, for queries that must run inside this unit.</summary>
    internal SqliteConnection Connection => connection;

    /// <summary>The open SQLite transaction that every command of this unit joins.</summary>
    internal SqliteTransaction Transaction => transaction;

    public Task<StoredResource?> ReadVersionAsync(
        string resourceType,
        string id,
        int versionId,
        CancellationToken cancellationToken) =>
        SqliteVersionReads.ReadVersionAsync(connection, transaction, resourceType, id, versionId, cancellationToken);

    public Task<IReadOnlyList<StoredResource>> ReadHistoryAsync(
        HistoryQuery query,
        CancellationToken cancellationToken) =>
        SqliteVersionReads.ReadHistoryAsync(connection, transaction, query, cancellationToken);
}
