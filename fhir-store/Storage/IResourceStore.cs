namespace Sandbox.FhirStore.Storage;

/// <summary>
/// The storage contract behind the FHIR REST layer. It speaks in resources, versions and
/// atomic units of work, never in SQL, so that a PostgreSQL implementation can follow the
/// SQLite one without touching the REST layer.
/// </summary>
public interface IResourceStore : IResourceReader
{
    /// <summary>
    /// Streams the current version of every resource that is not deleted, ordered by type and
    /// then id, from one consistent snapshot of the store. Writes that commit while the
    /// stream is read are not part of it. Only the row being read is held in memory.
    /// </summary>
    IAsyncEnumerable<StoredResource> ReadAllCurrentAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> as one atomic unit: every write it makes commits together
    /// when it returns, or none does when it throws.
    /// </summary>
    Task<T> ExecuteAsync<T>(
        Func<IStoreTransaction, CancellationToken, Task<T>> work,
        CancellationToken cancellationToken);
}
