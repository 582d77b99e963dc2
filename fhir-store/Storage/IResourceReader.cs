using Sandbox.Smart.Access;

namespace Sandbox.FhirStore.Storage;

/// <summary>
/// The reads that both the store and an open unit of work offer, so that a read interaction
/// can run on committed data or inside a transaction Bundle, where it sees the Bundle's writes.
/// </summary>
public interface IResourceReader
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
    /// Checks whether the current version of a resource satisfies at least one access rule,
    /// as the search index evaluates them.
    /// </summary>
    Task<bool> SatisfiesAsync(
        string resourceType,
        string id,
        IReadOnlyList<AccessRule> rules,
        CancellationToken cancellationToken);
}
