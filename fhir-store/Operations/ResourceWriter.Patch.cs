using System.Net;
using Sandbox.FhirStore.Storage;
using Sandbox.Smart.Access;

namespace Sandbox.FhirStore.Operations;

/// <summary>The patch interaction and its conditional form.</summary>
public sealed partial class ResourceWriter
{
    /// <summary>
    /// Applies a JSON Patch document or FHIRPath Patch to the current version and stores the result, which
    /// history records as written by PATCH. A patch that changes nothing returns the current
    /// version with 200 and stores no new one.
    /// </summary>
    public async Task<OperationResult> PatchAsync(
        IStoreTransaction transaction,
        string resourceType,
        string id,
        PatchDocument patch,
        string? ifMatch,
        FhirAccessGrant grant,
        CancellationToken cancellationToken)
    {
        var decision = AccessGuard.Require(grant, resourceType, FhirInteraction.Update);
        var current = await transaction.ReadAsync(resourceType, id, cancellationToken);
        if (current is null)
            throw AccessGuard.NotFound(resourceType, id);
        if (current.IsDeleted)
            throw Gone(resourceType, id);

        EnsureVersion(current, ifMatch, resourceType, id);
        var patched = patch.Apply(current.Json, options.Value.MaxPatchEvaluationSteps, cancellationToken);
        if (patched is null)
        {
            await AccessGuard.EnsureWritableAsync(transaction, grant, decision, resourceType, id, cancellationToken);
            return new OperationResult(HttpStatusCode.OK, current);
        }

        var resource = Formats.FhirSerializer.ParseJson(patched);
        return await UpdateAsync(transaction, resourceType, id, resource, null, grant, UpdateMode.Patch, cancellationToken);
    }

    /// <summary>
    /// Patches the one resource that matches <paramref name="query"/>. Unlike conditional
    /// update, a patch has no body to create from, so no match is 404, and several matches
    /// are 412. Only matches that the grant may update count, so a hidden resource reads as absent.
    /// </summary>
    public async Task<OperationResult> ConditionalPatchAsync(
        IStoreTransaction transaction,
        string resourceType,
        string query,
        PatchDocument patch,
        string? ifMatch,
        FhirAccessGrant grant,
        CancellationToken cancellationToken)
    {
        var decision = AccessGuard.Require(grant, resourceType, FhirInteraction.Update);
        var matches = await transaction.MatchAsync(resourceType, query, decision, cancellationToken);
        return matches.Count switch
        {
            0 => throw new FhirOperationException(
                HttpStatusCode.NotFound,
                Hl7.Fhir.Model.OperationOutcome.IssueType.NotFound,
                $"No {resourceType} matches the condition '{query}', so there is nothing to patch."),
            1 => await PatchAsync(transaction, resourceType, matches[0], patch, ifMatch, grant, cancellationToken),
            _ => throw MultipleMatches(resourceType, query),
        };
    }
}
