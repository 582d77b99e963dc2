using Sandbox.Smart.Access;

namespace Sandbox.FhirStore.Storage;

/// <summary>
/// The storage contract behind the FHIR REST layer. It speaks in resources, versions and
/// atomic units of work, never in SQL, so that a PostgreSQL implementation can follow the
/// SQLite one without touching the REST layer.
/// </summary>
public interface IResourceStore
{
    /// <summary>Reads the current version of a resource, or null when the id was never used.</summary>
    /// <remarks>A deleted resource comes back with <see cref="StoredResource.IsDeleted"/> set.</remarks>
    Task<StoredResource?> ReadAsync(string resourceType, string id, CancellationToken cancellationToken);

    /// <summary>Reads one version of a resource, or null when that version does not exist.</summary>
    Task<StoredResource?> ReadVersionAsync(
        string resourceType,
        string id,
        int versionId,
        CancellationToken cancellationToken);

    /// <summary>
    /// Reads one page of versions, newest first, deletions included. Reads one version more
    /// than <see cref="HistoryQuery.Count"/> when there are more, so the caller can link a next page.
    /// </summary>
    Task<IReadOnlyList<StoredResource>> ReadHistoryAsync(HistoryQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// Streams the current version of every resource that is not deleted, ordered by type and
    /// then id, from one consistent snapshot of the store. Writes that commit while the
    /// stream is read are not part of it. Only the row being read is held in memory.
    /// </summary>
    IAsyncEnumerable<StoredResource> ReadAllCurrentAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Checks whether the current version of a resource satisfies at least one access rule,
    /// as the search index evaluates them.
    /// </summary>
    Task<bool> SatisfiesAsync(
        string resourceType,
        string id,
        IReadOnlyList<AccessRule> rules,
        CancellationToken cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> as one atomic unit: every write it makes commits together
    /// when it returns, or none does when it throws.
    /// </summary>
    Task<T> ExecuteAsync<T>(
        Func<IStoreTransaction, CancellationToken, Task<T>> work,
        CancellationToken cancellationToken);
}
