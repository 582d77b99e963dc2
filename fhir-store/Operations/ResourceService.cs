using System.Net;
using Hl7.Fhir.Model;
using Sandbox.FhirStore.Formats;
using Sandbox.FhirStore.Search;
using Sandbox.FhirStore.Storage;
using Sandbox.Smart.Access;
using Resource = Hl7.Fhir.Model.Resource;

namespace Sandbox.FhirStore.Operations;

/// <summary>
/// The FHIR interactions on single resources, independent of HTTP: reads check the grant,
/// and every write runs in its own store transaction through <see cref="ResourceWriter"/>.
/// </summary>
public sealed class ResourceService(IResourceStore store, ISearchIndex searchIndex, ResourceWriter writer)
{
    /// <summary>Reads the current version; throws 404 when unknown or hidden by the grant and 410 when deleted.</summary>
    public Task<StoredResource> ReadAsync(
        string resourceType,
        string id,
        FhirAccessGrant grant,
        CancellationToken cancellationToken) =>
        ReadAsync(store, resourceType, id, grant, cancellationToken);

    /// <summary>Reads the current version through <paramref name="reader"/>, such as an open transaction.</summary>
    internal async Task<StoredResource> ReadAsync(
        IResourceReader reader,
        string resourceType,
        string id,
        FhirAccessGrant grant,
        CancellationToken cancellationToken)
    {
        var decision = AccessGuard.Require(grant, resourceType, FhirInteraction.Read);
        var stored = await reader.ReadAsync(resourceType, id, cancellationToken)
            ?? throw AccessGuard.NotFound(resourceType, id);

        // A deleted resource has no index entries left to check a limited grant against, so
        // such a grant sees 404 rather than learning that the resource once existed.
        if (stored.IsDeleted)
            throw decision.IsUnlimited ? ResourceWriter.Gone(resourceType, id) : AccessGuard.NotFound(resourceType, id);

        await AccessGuard.EnsureReadableAsync(reader, decision, resourceType, id, cancellationToken);
        return stored;
    }

    /// <summary>
    /// Reads one version; throws 410 for a deletion version. A limited grant must cover both
    /// the current version and the requested one, so a resource that moved from one patient
    /// to another shows neither patient the other's versions.
    /// </summary>
    public Task<StoredResource> ReadVersionAsync(
        string resourceType,
        string id,
        int versionId,
        FhirAccessGrant grant,
        CancellationToken cancellationToken) =>
        ReadVersionAsync(store, resourceType, id, versionId, grant, cancellationToken);

    /// <summary>Reads one version through <paramref name="reader"/>, such as an open transaction.</summary>
    internal async Task<StoredResource> ReadVersionAsync(
        IResourceReader reader,
        string resourceType,
        string id,
        int versionId,
        FhirAccessGrant grant,
        CancellationToken cancellationToken)
    {
        var decision = AccessGuard.Require(grant, resourceType, FhirInteraction.Read);
        // The access check comes first, so that a limited grant gets the same error for a
        // resource it may not read as for one that does not exist.
        await AccessGuard.EnsureReadableAsync(reader, decision, resourceType, id, cancellationToken);
        var stored = await reader.ReadVersionAsync(resourceType, id, versionId, cancellationToken);
        if (stored is null)
        {
            throw new FhirOperationException(
                HttpStatusCode.NotFound,
                OperationOutcome.IssueType.NotFound,
                $"{resourceType}/{id} has no version {versionId}.");
        }

        if (stored.IsDeleted)
            throw ResourceWriter.Gone(resourceType, id);
        if (!CoversVersion(decision, stored))
            throw AccessGuard.NotFound(resourceType, $"{id}/_history/{versionId}");

        return stored;
    }

    /// <summary>
    /// Reads a page of history. History counts as search in SMART scopes; a limited grant may
    /// read the history of one resource it covers, not of a whole type or the system.
    /// </summary>
    public Task<HistoryPage> ReadHistoryAsync(
        HistoryQuery query,
        FhirAccessGrant grant,
        CancellationToken cancellationToken) =>
        ReadHistoryAsync(store, query, grant, cancellationToken);

    /// <summary>Reads a page of history through <paramref name="reader"/>, such as an open transaction.</summary>
    internal async Task<HistoryPage> ReadHistoryAsync(
        IResourceReader reader,
        HistoryQuery query,
        FhirAccessGrant grant,
        CancellationToken cancellationToken)
    {
        var types = query.ResourceType is null ? ResourceTypes.All : [query.ResourceType];
        var decisions = types.Select(type => AccessGuard.Require(grant, type, FhirInteraction.Search)).ToList();
        if (decisions.Any(decision => !decision.IsUnlimited))
        {
            if (query.Id is null)
            {
                throw new FhirOperationException(
                    HttpStatusCode.Forbidden,
                    OperationOutcome.IssueType.Forbidden,
                    "The granted scopes are limited, so history is available per resource only, not for a type or the system.");
            }

            await AccessGuard.EnsureReadableAsync(
                reader,
                decisions[0],
                query.ResourceType!,
                query.Id,
                cancellationToken);
        }

        var versions = await reader.ReadHistoryAsync(query, cancellationToken);
        if (query.Id is not null && versions.Count == 0 && query.After is null && query.Since is null && query.AtStart is null)
            throw AccessGuard.NotFound(query.ResourceType!, query.Id);

        // The next page continues after the last version read, shown or not, so that a
        // version hidden by a limited grant neither ends the paging nor comes back.
        var next = query.Count > 0 && versions.Count > query.Count ? HistoryPosition.Of(versions[query.Count - 1]) : null;
        var page = versions.Take(query.Count);
        var (hasPrevious, previousAfter) = await FindPreviousPageAsync(reader, query, cancellationToken);

        // Under a limited grant each version must be covered on its own content, as vread does.
        var visible = decisions.All(decision => decision.IsUnlimited)
            ? page
            : page.Where(version => CoversVersion(decisions[0], version));
        return new HistoryPage([.. visible], next, hasPrevious, previousAfter);
    }

    /// <summary>
    /// Finds where the page before this one starts. That page ends with the version this page
    /// continues after and contains <see cref="HistoryQuery.Count"/> versions, so it starts after
    /// the version one further toward the newest. Versions written since sort before all of
    /// them, so the previous page is the one the client saw, however many were written since.
    /// </summary>
    private static async Task<(bool HasPrevious, HistoryPosition? PreviousAfter)> FindPreviousPageAsync(
        IResourceReader reader,
        HistoryQuery query,
        CancellationToken cancellationToken)
    {
        if (query.After is null || query.Count == 0)
            return (false, null);

        var earlier = await reader.ReadHistoryAsync(query with { After = null, Through = query.After }, cancellationToken);
        if (earlier.Count == 0)
            return (false, null);

        return (true, earlier.Count > query.Count ? HistoryPosition.Of(earlier[query.Count]) : null);
    }

    /// <summary>Checks whether a limited grant covers the content of one stored version. A deletion has no content to hide.</summary>
    private bool CoversVersion(AccessDecision decision, StoredResource version) =>
        decision.IsUnlimited
        || version.IsDeleted
        || searchIndex.Satisfies(FhirSerializer.ParseTrustedJson(version.Json.Span), decision.Rules);

    public Task<OperationResult> CreateAsync(
        Resource resource,
        string? ifNoneExist,
        FhirAccessGrant grant,
        CancellationToken cancellationToken) =>
        store.ExecuteAsync(
            (transaction, token) => writer.CreateAsync(transaction, resource, ifNoneExist, null, grant, token),
            cancellationToken);

    public Task<OperationResult> UpdateAsync(
        string resourceType,
        string id,
        Resource resource,
        string? ifMatch,
        FhirAccessGrant grant,
        CancellationToken cancellationToken) =>
        store.ExecuteAsync(
            (transaction, token) => writer.UpdateAsync(transaction, resourceType, id, resource, ifMatch, grant, token),
            cancellationToken);

    /// <summary>Runs <see cref="ResourceWriter.CreateOnlyAsync"/>: a PUT with <c>If-None-Match: *</c>.</summary>
    public Task<OperationResult> CreateOnlyAsync(
        string resourceType,
        string id,
        Resource resource,
        FhirAccessGrant grant,
        CancellationToken cancellationToken) =>
        store.ExecuteAsync(
            (transaction, token) => writer.CreateOnlyAsync(transaction, resourceType, id, resource, grant, token),
            cancellationToken);

    public Task<OperationResult> ConditionalUpdateAsync(
        string resourceType,
        string query,
        Resource resource,
        bool createOnly,
        string? ifMatch,
        FhirAccessGrant grant,
        CancellationToken cancellationToken) =>
        store.ExecuteAsync(
            (transaction, token) => writer.ConditionalUpdateAsync(
                transaction,
                resourceType,
                query,
                resource,
                createOnly,
                ifMatch,
                grant,
                token),
            cancellationToken);

    public Task<OperationResult> PatchAsync(
        string resourceType,
        string id,
        PatchDocument patch,
        string? ifMatch,
        FhirAccessGrant grant,
        CancellationToken cancellationToken) =>
        store.ExecuteAsync(
            (transaction, token) => writer.PatchAsync(transaction, resourceType, id, patch, ifMatch, grant, token),
            cancellationToken);

    public Task<OperationResult> ConditionalPatchAsync(
        string resourceType,
        string query,
        PatchDocument patch,
        string? ifMatch,
        FhirAccessGrant grant,
        CancellationToken cancellationToken) =>
        store.ExecuteAsync(
            (transaction, token) => writer.ConditionalPatchAsync(
                transaction,
                resourceType,
                query,
                patch,
                ifMatch,
                grant,
                token),
            cancellationToken);

    public Task<OperationResult> DeleteAsync(
        string resourceType,
        string id,
        string? ifMatch,
        FhirAccessGrant grant,
        CancellationToken cancellationToken) =>
        store.ExecuteAsync(
            (transaction, token) => writer.DeleteAsync(transaction, resourceType, id, ifMatch, grant, token),
            cancellationToken);

    public Task<OperationResult> ConditionalDeleteAsync(
        string resourceType,
        string query,
        FhirAccessGrant grant,
        CancellationToken cancellationToken) =>
        store.ExecuteAsync(
            (transaction, token) => writer.ConditionalDeleteAsync(transaction, resourceType, query, grant, token),
            cancellationToken);
}
