using System.Net;
using Hl7.Fhir.Model;
using Sandbox.FhirStore.Storage;
using Sandbox.Smart.Access;

namespace Sandbox.FhirStore.Operations.Bundles;

// The check that no two writing entries of a transaction reach the same resource once their conditions are resolved.
public sealed partial class BundleProcessor
{
    /// <summary>
    /// Fails the transaction when two DELETE, POST, PUT or PATCH entries reach the same resource
    /// once their conditions are resolved. FHIR R4 requires a transaction to fail when the
    /// identities of these entries overlap, resolved conditional identities included.
    /// </summary>
    /// <remarks>
    /// <see cref="EnsureDistinctTargets"/> compares the ids in request URLs before any search.
    /// This check runs inside the store transaction after the conditions are resolved, so it
    /// also finds the resources that conditional updates, deletes and patches match. Two entries
    /// that would each create a resource for the same condition conflict too, because run one
    /// after the other, the second would find the resource the first created.
    /// </remarks>
    private static async System.Threading.Tasks.Task EnsureDistinctResolvedTargetsAsync(
        IStoreTransaction transaction,
        IReadOnlyList<EntryPlan> plans,
        IReadOnlySet<int> conditionalPuts,
        IReadOnlyDictionary<string, string> identities,
        BundleContext context,
        CancellationToken cancellationToken)
    {
        var targets = new List<(string Target, int Index)>();
        foreach (var plan in plans.Where(plan => !plan.IsRead))
        {
            var isConditionalPut = conditionalPuts.Contains(plan.Index);
            var resolved = await ResolveTargetsAsync(transaction, plan, isConditionalPut, identities, context, cancellationToken);
            targets.AddRange(resolved.Select(target => (target, plan.Index)));
        }

        var duplicate = targets
            .GroupBy(target => target.Target, StringComparer.Ordinal)
            .FirstOrDefault(group => group.Count() > 1);
        if (duplicate is null)
            return;

        throw new FhirOperationException(
            HttpStatusCode.BadRequest,
            OperationOutcome.IssueType.Duplicate,
            $"More than one entry writes {duplicate.Key} (entries {string.Join(", ", duplicate.Select(target => target.Index))}); a transaction may touch each resource once.");
    }

    /// <summary>
    /// Returns the targets of an entry's write. These are the resource it updates, deletes or
    /// patches as <c>Type/id</c>, and for a conditional create or update also its condition.
    /// </summary>
    private static async Task<List<string>> ResolveTargetsAsync(
        IStoreTransaction transaction,
        EntryPlan plan,
        bool isConditionalPut,
        IReadOnlyDictionary<string, string> identities,
        BundleContext context,
        CancellationToken cancellationToken)
    {
        var resourceType = plan.ResourceType!;
        var ifNoneExist = plan.Request.IfNoneExist;
        switch (plan.Method)
        {
            // A POST that matched its ifNoneExist writes nothing, and one without ifNoneExist
            // writes a resource with a new id.
            case Bundle.HTTPVerb.POST when plan.ExistingId is not null || string.IsNullOrEmpty(ifNoneExist):
                return [];
            case Bundle.HTTPVerb.POST:
                return [ConditionTarget(resourceType, EntryUrlResolver.Resolve(ifNoneExist, resourceType, identities))];
            case Bundle.HTTPVerb.PUT when isConditionalPut:
                return [$"{resourceType}/{plan.Id}", ConditionTarget(resourceType, plan.Query!)];
            case Bundle.HTTPVerb.PUT:
                return [$"{resourceType}/{plan.Id}"];
        }

        if (plan.Id is not null)
            return [$"{resourceType}/{plan.Id}"];

        // A conditional DELETE or PATCH searches for its target when it runs. This search runs
        // in the same store transaction, so it finds the same resource. Only a single match is
        // a target, because with no match the entry writes nothing, and several fail it with 412.
        var interaction = plan.Method == Bundle.HTTPVerb.DELETE ? FhirInteraction.Delete : FhirInteraction.Update;
        var access = context.Grant.Decide(resourceType, interaction);
        if (!access.IsAllowed)
            return [];

        var matches = await transaction.MatchAsync(resourceType, plan.Query!, access, cancellationToken);
        return matches.Count == 1 ? [$"{resourceType}/{matches[0]}"] : [];
    }

    private static string ConditionTarget(string resourceType, string query) =>
        $"the new {resourceType} for the condition '{query}'";
}
