using System.Globalization;
using System.Net;
using Hl7.Fhir.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sandbox.FhirStore.Storage;
using Sandbox.Smart.Access;
using Resource = Hl7.Fhir.Model.Resource;

namespace Sandbox.FhirStore.Operations;

/// <summary>
/// The write interactions of FHIR R4 (create, update, patch, delete and their conditional
/// forms) inside one open store transaction, so that a single request and a transaction
/// Bundle share the same rules.
/// </summary>
public sealed partial class ResourceWriter(ILogger<ResourceWriter> logger, IOptions<FhirStoreOptions> options)
{
    /// <summary>
    /// Creates a resource. With <paramref name="ifNoneExist"/>, one match returns it with 200
    /// and several matches fail with 412; under a limited grant only the matches the grant
    /// may create count, so another patient's resource is never returned. The new id is
    /// <paramref name="id"/>, which the caller must have just generated, or a new one.
    /// </summary>
    public async Task<OperationResult> CreateAsync(
        IStoreTransaction transaction,
        Resource resource,
        string? ifNoneExist,
        string? id,
        FhirAccessGrant grant,
        CancellationToken cancellationToken)
    {
        var resourceType = resource.TypeName;
        var decision = AccessGuard.Require(grant, resourceType, FhirInteraction.Create);
        if (!string.IsNullOrEmpty(ifNoneExist))
        {
            var matches = await transaction.MatchAsync(resourceType, ifNoneExist, decision, cancellationToken);
            if (matches.Count > 1)
                throw MultipleMatches(resourceType, ifNoneExist);
            if (matches.Count == 1)
                return new OperationResult(
                    HttpStatusCode.OK,
                    await transaction.ReadAsync(resourceType, matches[0], cancellationToken));
        }

        resource.Id = id ?? ResourceTypes.NewId();
        AccessGuard.EnsureWritable(transaction, decision, resource);
        // Every id that reaches here is new (a transaction entry passes the id it generated),
        // so the store records the version as created by POST.
        var stored = await transaction.SaveNewAsync(resource, cancellationToken);
        Log.ResourceWritten(logger, resourceType, stored.Id, stored.VersionId);
        return new OperationResult(HttpStatusCode.Created, stored);
    }

    /// <summary>
    /// Updates or creates the resource at <paramref name="resourceType"/>/<paramref name="id"/>.
    /// Returns 200 for an update and 201 for a create; 412 when <paramref name="ifMatch"/> is
    /// not the current version. <paramref name="ifMatch"/> is the version id inside the
    /// entity tag as the client sent it, and it is compared as a string, so <c>05</c> never
    /// matches version 5.
    /// </summary>
    public Task<OperationResult> UpdateAsync(
        IStoreTransaction transaction,
        string resourceType,
        string id,
        Resource resource,
        string? ifMatch,
        FhirAccessGrant grant,
        CancellationToken cancellationToken) =>
        UpdateAsync(transaction, resourceType, id, resource, ifMatch, grant, UpdateMode.Put, cancellationToken);

    /// <summary>
    /// Creates a resource with the id the client chose only when no current resource has that
    /// id, as <c>If-None-Match: *</c> on PUT requests (RFC 9110 section 13.1.2). Returns 201, or
    /// fails with 412 when the resource exists. A deleted resource is created again.
    /// </summary>
    public Task<OperationResult> CreateOnlyAsync(
        IStoreTransaction transaction,
        string resourceType,
        string id,
        Resource resource,
        FhirAccessGrant grant,
        CancellationToken cancellationToken) =>
        UpdateAsync(transaction, resourceType, id, resource, null, grant, UpdateMode.CreateOnly, cancellationToken);

    private async Task<OperationResult> UpdateAsync(
        IStoreTransaction transaction,
        string resourceType,
        string id,
        Resource resource,
        string? ifMatch,
        FhirAccessGrant grant,
        UpdateMode mode,
        CancellationToken cancellationToken)
    {
        EnsureBodyMatchesUrl(resourceType, id, resource);
        var current = await transaction.ReadAsync(resourceType, id, cancellationToken);
        var exists = current is { IsDeleted: false };

        var decision = AccessGuard.Require(
            grant,
            resourceType,
            exists ? FhirInteraction.Update : FhirInteraction.Create);
        if (exists)
            await AccessGuard.EnsureWritableAsync(transaction, grant, decision, resourceType, id, cancellationToken);

        // Checked after the grant, so a resource outside the grant does not reveal its version.
        EnsureVersion(current, ifMatch, resourceType, id);
        if (mode == UpdateMode.CreateOnly && exists)
        {
            throw new FhirOperationException(
                HttpStatusCode.PreconditionFailed,
                OperationOutcome.IssueType.Duplicate,
                $"If-None-Match: * requests creating {resourceType}/{id} only if it does not exist, but it exists at version {current!.VersionId}. " +
                "Send If-Match with that version to update it.");
        }

        AccessGuard.EnsureWritable(transaction, decision, resource);

        var stored = mode == UpdateMode.Patch
            ? await transaction.SavePatchedAsync(resource, cancellationToken)
            : await transaction.SaveAsync(resource, cancellationToken);
        Log.ResourceWritten(logger, resourceType, id, stored.VersionId);
        return new OperationResult(exists ? HttpStatusCode.OK : HttpStatusCode.Created, stored);
    }

    /// <summary>
    /// Updates the one resource that matches <paramref name="query"/>, creates one when none
    /// does, and fails with 412 when several do. Only matches that the grant may update count.
    /// With <paramref name="createOnly"/> (<c>If-None-Match: *</c>) a match fails with 412 as
    /// well, and so does a body id that names an existing resource when nothing matches. With
    /// <paramref name="ifMatch"/> the match must be at that version, and no match fails with 412.
    /// </summary>
    public async Task<OperationResult> ConditionalUpdateAsync(
        IStoreTransaction transaction,
        string resourceType,
        string query,
        Resource resource,
        bool createOnly,
        string? ifMatch,
        FhirAccessGrant grant,
        CancellationToken cancellationToken)
    {
        EnsureType(resourceType, resource);
        var visible = grant.Decide(resourceType, FhirInteraction.Update);
        var matches = await transaction.MatchAsync(resourceType, query, visible, cancellationToken);
        if (matches.Count > 1)
            throw MultipleMatches(resourceType, query);

        // FHIR R4 http.html requires 400 when a conditional update body has an id other than the match.
        if (matches.Count == 1 && resource.Id is not null && resource.Id != matches[0])
        {
            throw new FhirOperationException(
                HttpStatusCode.BadRequest,
                OperationOutcome.IssueType.Invalid,
                $"The body's id '{resource.Id}' differs from the id '{matches[0]}' of the resource that matches the condition.",
                "Resource.id");
        }

        if (matches.Count == 0 && ifMatch is not null)
        {
            throw new FhirOperationException(
                HttpStatusCode.PreconditionFailed,
                OperationOutcome.IssueType.Conflict,
                $"If-Match asks for version {ifMatch} of the {resourceType} that matches '{query}', but no {resourceType} matches it. " +
                "Send the request without If-Match to create one.");
        }

        var id = matches.Count == 1 ? matches[0] : resource.Id ?? ResourceTypes.NewId();
        resource.Id = id;
        var mode = createOnly ? UpdateMode.CreateOnly : UpdateMode.Put;
        return await UpdateAsync(transaction, resourceType, id, resource, ifMatch, grant, mode, cancellationToken);
    }

    /// <summary>
    /// Deletes a resource. Returns 204 also when it was already deleted or never existed, as
    /// FHIR R4 recommends, and throws 412 when <paramref name="ifMatch"/> is not the current version.
    /// </summary>
    /// <remarks>
    /// A limited grant gets 404 for an id that was never used, because it gets 404 for a stored
    /// resource it may not see, and the two must look the same.
    /// </remarks>
    public async Task<OperationResult> DeleteAsync(
        IStoreTransaction transaction,
        string resourceType,
        string id,
        string? ifMatch,
        FhirAccessGrant grant,
        CancellationToken cancellationToken)
    {
        var decision = AccessGuard.Require(grant, resourceType, FhirInteraction.Delete);
        var current = await transaction.ReadAsync(resourceType, id, cancellationToken);
        if (current is null && !decision.IsUnlimited)
            throw AccessGuard.NotFound(resourceType, id);
        if (current is null || current.IsDeleted)
            return new OperationResult(HttpStatusCode.NoContent, null);

        EnsureVersion(current, ifMatch, resourceType, id);
        await AccessGuard.EnsureWritableAsync(transaction, grant, decision, resourceType, id, cancellationToken);
        var deleted = await transaction.DeleteAsync(resourceType, id, cancellationToken);
        if (deleted is not null)
            Log.ResourceDeleted(logger, resourceType, id, deleted.VersionId);

        return new OperationResult(HttpStatusCode.NoContent, deleted);
    }

    /// <summary>
    /// Deletes the one resource that matches <paramref name="query"/>; 412 when several match.
    /// Only matches that the grant may delete count, so a hidden resource is neither deleted nor named.
    /// </summary>
    public async Task<OperationResult> ConditionalDeleteAsync(
        IStoreTransaction transaction,
        string resourceType,
        string query,
        FhirAccessGrant grant,
        CancellationToken cancellationToken)
    {
        var decision = AccessGuard.Require(grant, resourceType, FhirInteraction.Delete);
        var matches = await transaction.MatchAsync(resourceType, query, decision, cancellationToken);
        return matches.Count switch
        {
            0 => new OperationResult(HttpStatusCode.NoContent, null),
            1 => await DeleteAsync(transaction, resourceType, matches[0], null, grant, cancellationToken),
            _ => throw MultipleMatches(resourceType, query),
        };
    }

    public static FhirOperationException Gone(string resourceType, string id) =>
        new(HttpStatusCode.Gone, OperationOutcome.IssueType.Deleted, $"{resourceType}/{id} has been deleted.");

    private static void EnsureType(string resourceType, Resource resource)
    {
        if (resource.TypeName != resourceType)
        {
            throw new FhirOperationException(
                HttpStatusCode.BadRequest,
                OperationOutcome.IssueType.Invalid,
                $"The body is a {resource.TypeName}, but the URL names {resourceType}.",
                "Resource.resourceType");
        }
    }

    private static void EnsureBodyMatchesUrl(string resourceType, string id, Resource resource)
    {
        EnsureType(resourceType, resource);
        if (string.IsNullOrEmpty(resource.Id))
        {
            throw new FhirOperationException(
                HttpStatusCode.BadRequest,
                OperationOutcome.IssueType.Required,
                $"The body has no id: an update must carry the id '{id}' from the URL.",
                "Resource.id");
        }

        // FHIR R4 http.html requires 400 when the body id differs from the id in the URL.
        if (resource.Id != id)
        {
            throw new FhirOperationException(
                HttpStatusCode.BadRequest,
                OperationOutcome.IssueType.Invalid,
                $"The body's id '{resource.Id}' differs from the id '{id}' in the URL.",
                "Resource.id");
        }
    }

    private static void EnsureVersion(StoredResource? current, string? ifMatch, string resourceType, string id)
    {
        if (ifMatch is null)
            return;
        var currentVersion = current?.VersionId.ToString(CultureInfo.InvariantCulture);
        if (current is { IsDeleted: false } && string.Equals(currentVersion, ifMatch, StringComparison.Ordinal))
            return;

        var message = current switch
        {
            null => $"If-Match asks for version {ifMatch} of {resourceType}/{id}, but {resourceType}/{id} was not found. Send the request without If-Match to create it.",
            { IsDeleted: true } => $"If-Match asks for version {ifMatch} of {resourceType}/{id}, but {resourceType}/{id} has been deleted.",
            _ => $"If-Match asks for version {ifMatch} of {resourceType}/{id}, but the current version is {current.VersionId}. Read it again and retry.",
        };
        throw new FhirOperationException(HttpStatusCode.PreconditionFailed, OperationOutcome.IssueType.Conflict, message);
    }

    private static FhirOperationException MultipleMatches(string resourceType, string query) =>
        new(
            HttpStatusCode.PreconditionFailed,
            OperationOutcome.IssueType.MultipleMatches,
            $"The condition '{query}' matches more than one {resourceType}; make it more selective.");

    private enum UpdateMode
    {
        Put,
        Patch,
        CreateOnly,
    }
}
