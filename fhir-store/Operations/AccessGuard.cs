using System.Net;
using Hl7.Fhir.Model;
using Sandbox.FhirStore.Storage;
using Sandbox.Smart.Access;
using Resource = Hl7.Fhir.Model.Resource;

namespace Sandbox.FhirStore.Operations;

/// <summary>
/// Enforces an access grant: the interaction must be allowed on the type, and a limited
/// grant (a patient compartment or a granular scope) must cover the resource itself.
/// </summary>
internal static class AccessGuard
{
    /// <summary>Returns the decision for an interaction, or throws 403 with the grant's reason.</summary>
    public static AccessDecision Require(FhirAccessGrant grant, string resourceType, FhirInteraction interaction)
    {
        var decision = grant.Decide(resourceType, interaction);
        if (!decision.IsAllowed)
            throw Forbidden(decision.Reason ?? $"{interaction} on {resourceType} is not allowed.");

        return decision;
    }

    /// <summary>Throws 404, not 403, when a limited grant does not cover a stored resource, so its existence stays hidden.</summary>
    public static async System.Threading.Tasks.Task EnsureReadableAsync(
        IResourceReader store,
        AccessDecision decision,
        string resourceType,
        string id,
        CancellationToken cancellationToken)
    {
        if (decision.IsUnlimited)
            return;
        if (!await store.SatisfiesAsync(resourceType, id, decision.Rules, cancellationToken))
            throw NotFound(resourceType, id);
    }

    /// <summary>
    /// Throws when a limited grant does not cover a stored resource about to change. The error is
    /// 403 when the grant may read the resource. Otherwise it is 404 with the message of a
    /// missing resource, so that a write does not reveal a record that a read would hide.
    /// </summary>
    public static async System.Threading.Tasks.Task EnsureWritableAsync(
        IStoreTransaction transaction,
        FhirAccessGrant grant,
        AccessDecision decision,
        string resourceType,
        string id,
        CancellationToken cancellationToken)
    {
        if (decision.IsUnlimited || await transaction.SatisfiesAsync(resourceType, id, decision.Rules, cancellationToken))
            return;

        var read = grant.Decide(resourceType, FhirInteraction.Read);
        var readable = read.IsUnlimited
            || (read.IsAllowed && await transaction.SatisfiesAsync(resourceType, id, read.Rules, cancellationToken));
        throw readable ? Forbidden($"The granted scopes do not cover {resourceType}/{id}.") : NotFound(resourceType, id);
    }

    /// <summary>
    /// Throws 403 when a limited grant does not cover the content about to be written. Under a
    /// patient compartment rule the content must be in that patient's compartment and in no
    /// other patient's.
    /// </summary>
    public static void EnsureWritable(IStoreTransaction transaction, AccessDecision decision, Resource resource)
    {
        if (decision.IsUnlimited)
            return;
        if (!transaction.SatisfiesForWrite(resource, decision.Rules))
        {
            throw Forbidden(
                $"The granted scopes do not allow writing this {resource.TypeName}: it must match the scope's query, "
                + "and under a patient-limited scope it must be in that patient's compartment and in no other "
                + "patient's. Remove references to other patients (such as performer, asserter, author, member or link).");
        }
    }

    public static FhirOperationException NotFound(string resourceType, string id) =>
        new(HttpStatusCode.NotFound, OperationOutcome.IssueType.NotFound, $"{resourceType}/{id} was not found.");

    private static FhirOperationException Forbidden(string reason) =>
        new(HttpStatusCode.Forbidden, OperationOutcome.IssueType.Forbidden, reason);
}
