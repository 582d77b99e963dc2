using Sandbox.Smart.Access;
using Resource = Hl7.Fhir.Model.Resource;

namespace Sandbox.FhirStore.Storage;

/// <summary>
/// An open unit of work on the store. Reads see the writes made earlier in the same unit.
/// Writers are serialized, so a version check made here is still valid at commit.
/// </summary>
public interface IStoreTransaction : IResourceReader
{
    /// <summary>
    /// Stores <paramref name="resource"/> as the next version of its type and id, updates its
    /// search index, and returns the stored version. The store sets <c>meta.versionId</c> and
    /// <c>meta.lastUpdated</c>; the resource must carry its id. History records the version as
    /// written by <c>PUT</c>, a first version included (update as create).
    /// </summary>
    Task<StoredResource> SaveAsync(Resource resource, CancellationToken cancellationToken);

    /// <summary>
    /// Stores <paramref name="resource"/> as version 1 under an id that the server has just
    /// generated, as <see cref="SaveAsync"/> does, without first looking for a current version.
    /// A store may fail the unit when the id is in use after all, but never overwrites it.
    /// History records the version as written by <c>POST</c>.
    /// </summary>
    Task<StoredResource> SaveNewAsync(Resource resource, CancellationToken cancellationToken);

    /// <summary>
    /// Stores the result of a patch as the next version of an existing resource, as
    /// <see cref="SaveAsync"/> does. History records the version as written by <c>PATCH</c>.
    /// </summary>
    Task<StoredResource> SavePatchedAsync(Resource resource, CancellationToken cancellationToken);

    /// <summary>
    /// Marks a resource deleted as a new version and removes it from the search index.
    /// Returns the deletion version, or null when there was nothing to delete.
    /// </summary>
    Task<StoredResource?> DeleteAsync(string resourceType, string id, CancellationToken cancellationToken);

    /// <summary>
    /// Removes every resource, every version and the whole search index, as a store reset
    /// needs. Readers keep seeing the old content until the unit commits.
    /// </summary>
    Task ClearAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Returns the ids of the current resources of a type that match a FHIR search query and
    /// that <paramref name="access"/> covers, as conditional create, update, delete and
    /// conditional references need. A match outside a limited grant is left out, as if absent.
    /// An empty query matches every resource of the type. A non-empty query with only result
    /// parameters (<c>_count</c>, <c>_sort</c>, ...) is rejected with 400.
    /// </summary>
    Task<IReadOnlyList<string>> MatchAsync(
        string resourceType,
        string query,
        AccessDecision access,
        CancellationToken cancellationToken);

    /// <summary>Returns the ids of every current resource of a type that matches a FHIR search query.</summary>
    Task<IReadOnlyList<string>> MatchAsync(
        string resourceType,
        string query,
        CancellationToken cancellationToken) =>
        MatchAsync(resourceType, query, AccessDecision.Unlimited, cancellationToken);

    /// <summary>
    /// Checks whether a resource about to be written satisfies at least one access rule, with
    /// the stricter compartment rule of <see cref="Search.ISearchIndex.SatisfiesForWrite"/>.
    /// </summary>
    bool SatisfiesForWrite(Resource resource, IReadOnlyList<AccessRule> rules);
}
