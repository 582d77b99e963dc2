using System.Data.Common;
using Sandbox.Smart.Access;
using Resource = Hl7.Fhir.Model.Resource;

namespace Sandbox.FhirStore.Search;

/// <summary>
/// The search index as the storage sees it. The storage calls it inside its own database
/// transaction for every write, so a resource and its index entries commit together.
/// An implementation is tied to one database engine; the REST layer never calls it.
/// </summary>
public interface ISearchIndex
{
    /// <summary>Creates the index tables when they do not exist yet.</summary>
    Task CreateSchemaAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Replaces the index entries of the resource stored under <paramref name="resourceKey"/>.</summary>
    Task IndexAsync(
        DbTransaction transaction,
        long resourceKey,
        Resource resource,
        CancellationToken cancellationToken);

    /// <summary>
    /// Writes the index entries of a resource stored under a key that has none yet, such as
    /// the key of a resource created in this transaction. An implementation may skip the
    /// removal of old entries that <see cref="IndexAsync"/> does.
    /// </summary>
    Task IndexNewAsync(
        DbTransaction transaction,
        long resourceKey,
        Resource resource,
        CancellationToken cancellationToken) =>
        IndexAsync(transaction, resourceKey, resource, cancellationToken);

    /// <summary>Removes every index entry of the resource stored under <paramref name="resourceKey"/>.</summary>
    Task RemoveAsync(DbTransaction transaction, long resourceKey, CancellationToken cancellationToken);

    /// <summary>
    /// Returns the keys of the current resources of a type that match a FHIR search query
    /// string (without the leading <c>?</c>) and that <paramref name="access"/> covers, so a
    /// conditional write under a limited grant never sees resources outside it. Throws
    /// <see cref="FhirOperationException"/> for a parameter it cannot evaluate, so a
    /// conditional write never guesses.
    /// </summary>
    Task<IReadOnlyList<long>> MatchAsync(
        DbTransaction transaction,
        string resourceType,
        string query,
        AccessDecision access,
        CancellationToken cancellationToken);

    /// <summary>Returns the keys of every current resource of a type that matches a FHIR search query string.</summary>
    Task<IReadOnlyList<long>> MatchAsync(
        DbTransaction transaction,
        string resourceType,
        string query,
        CancellationToken cancellationToken) =>
        MatchAsync(transaction, resourceType, query, AccessDecision.Unlimited, cancellationToken);

    /// <summary>
    /// Checks whether the stored resource under <paramref name="resourceKey"/> satisfies at
    /// least one access rule (a patient compartment, a granular-scope query, or both).
    /// </summary>
    Task<bool> SatisfiesAsync(
        DbConnection connection,
        DbTransaction? transaction,
        long resourceKey,
        string resourceType,
        IReadOnlyList<AccessRule> rules,
        CancellationToken cancellationToken);

    /// <summary>
    /// Checks whether a resource that is not stored, such as an old version, satisfies at
    /// least one access rule, as a stored resource would.
    /// </summary>
    bool Satisfies(Resource resource, IReadOnlyList<AccessRule> rules);

    /// <summary>
    /// Checks whether a resource about to be written satisfies at least one access rule. A
    /// rule limited to a Patient compartment counts only when the resource is in that
    /// patient's compartment and in no other patient's, so that a patient-scoped token cannot
    /// create or move data into another patient's record.
    /// </summary>
    bool SatisfiesForWrite(Resource resource, IReadOnlyList<AccessRule> rules);
}
