using System.Net;
using Hl7.Fhir.Model;
using Sandbox.FhirStore.Storage;
using Sandbox.Smart.Access;

namespace Sandbox.FhirStore.Operations.Bundles;

public sealed partial class BundleProcessor
{
    /// <summary>
    /// Decides the id every writing entry ends up with, resolving <c>ifNoneExist</c> and
    /// conditional update URLs, and maps each entry's <c>fullUrl</c> to <c>Type/id</c>.
    /// </summary>
    /// <remarks>
    /// PUT entries with an id come first, because their identity needs no search. POST entries
    /// follow, so that their <c>ifNoneExist</c> can name those entries' <c>fullUrl</c>s, as in
    /// <c>subject=urn:uuid:...</c>. Conditional updates come last and can name any other POST
    /// or PUT entry. These searches run before any entry is written, so they find only
    /// resources stored before the Bundle.
    /// </remarks>
    private static async Task<Dictionary<string, string>> AssignIdentitiesAsync(
        IStoreTransaction transaction,
        IReadOnlyList<EntryPlan> plans,
        BundleContext context,
        CancellationToken cancellationToken)
    {
        var identities = new Dictionary<string, string>(StringComparer.Ordinal);
        var writes = plans
            .Where(plan => plan.Method is Bundle.HTTPVerb.POST or Bundle.HTTPVerb.PUT)
            .OrderBy(IdentityOrder)
            .ToList();
        foreach (var plan in writes)
        {
            if (plan.IsConditionalWrite)
                plan.ResolveFullUrls(identities);

            await RunForEntryAsync(plan, () => AssignIdentityAsync(transaction, plan, identities, context, cancellationToken));
            var fullUrl = plan.Entry.FullUrl;
            if (!string.IsNullOrEmpty(fullUrl))
                identities[fullUrl] = $"{plan.ResourceType}/{plan.ExistingId ?? plan.Id}";
        }

        return identities;
    }

    private static int IdentityOrder(EntryPlan plan) => plan.Method switch
    {
        Bundle.HTTPVerb.PUT when plan.IsConditionalWrite => 2,
        Bundle.HTTPVerb.PUT => 0,
        _ => 1,
    };

    private static async System.Threading.Tasks.Task AssignIdentityAsync(
        IStoreTransaction transaction,
        EntryPlan plan,
        IReadOnlyDictionary<string, string> identities,
        BundleContext context,
        CancellationToken cancellationToken)
    {
        var resourceType = plan.ResourceType!;
        if (plan.Method == Bundle.HTTPVerb.POST)
        {
            var ifNoneExist = plan.Request.IfNoneExist;
            if (!string.IsNullOrEmpty(ifNoneExist))
            {
                ifNoneExist = EntryUrlResolver.Resolve(ifNoneExist, resourceType, identities);

                // Only a match the grant may create counts, so the entry never returns a resource outside the grant.
                var access = context.Grant.Decide(resourceType, FhirInteraction.Create);
                plan.ExistingId = await MatchOneOrNoneAsync(transaction, resourceType, ifNoneExist, access, cancellationToken);
            }

            var keepsId = context.Mode == BundleMode.Import && !string.IsNullOrEmpty(plan.Resource!.Id);
            if (keepsId)
                ResourceTypes.EnsureValidId(plan.Resource!.Id!);

            plan.Id = keepsId ? plan.Resource!.Id : ResourceTypes.NewId();
            plan.Resource!.Id = plan.Id;
            return;
        }

        if (plan.Id is not null)
            return;

        var updatable = context.Grant.Decide(resourceType, FhirInteraction.Update);
        var match = await MatchOneOrNoneAsync(transaction, resourceType, plan.Query!, updatable, cancellationToken);
        var bodyId = plan.Resource!.Id;
        if (match is not null && bodyId is not null && bodyId != match)
        {
            throw new FhirOperationException(
                HttpStatusCode.BadRequest,
                OperationOutcome.IssueType.Invalid,
                $"The body's id '{bodyId}' differs from the id '{match}' of the resource that matches the condition.");
        }

        plan.Id = match ?? bodyId ?? ResourceTypes.NewId();
        plan.Resource.Id = plan.Id;
    }

    private static async Task<string?> MatchOneOrNoneAsync(
        IStoreTransaction transaction,
        string resourceType,
        string query,
        AccessDecision access,
        CancellationToken cancellationToken)
    {
        var matches = await transaction.MatchAsync(resourceType, query, access, cancellationToken);
        if (matches.Count > 1)
        {
            throw new FhirOperationException(
                HttpStatusCode.PreconditionFailed,
                OperationOutcome.IssueType.MultipleMatches,
                $"The condition '{query}' matches more than one {resourceType}; make it more selective.");
        }

        return matches.Count == 1 ? matches[0] : null;
    }
}
