using System.Net;
using Hl7.Fhir.Model;
using Microsoft.Extensions.Logging;
using Sandbox.FhirStore.Formats;
using Sandbox.FhirStore.Storage;

namespace Sandbox.FhirStore.Operations.Bundles;

/// <summary>
/// Processes batch and transaction Bundles as FHIR R4 specifies: entries run in the order
/// DELETE, POST, PUT/PATCH, GET; full URLs and conditional references are resolved; a
/// transaction commits in one store transaction or not at all; a batch returns one result per entry.
/// </summary>
public sealed partial class BundleProcessor(
    IResourceStore store,
    ResourceWriter writer,
    BundleReads reads,
    ILogger<BundleProcessor> logger)
{
    /// <summary>
    /// Processes a batch or transaction Bundle and returns the response Bundle. A failing
    /// transaction throws <see cref="FhirOperationException"/> naming the entry.
    /// </summary>
    public Task<Bundle> ProcessAsync(Bundle bundle, BundleContext context, CancellationToken cancellationToken) =>
        ProcessAsync(bundle, ParsedBody.NoInvalidEntries, context, cancellationToken);

    /// <summary>
    /// Processes a Bundle whose parse rejected the entries in <paramref name="invalidEntries"/>.
    /// In a batch each of those entries gets its error as its response, and the other entries
    /// run. A transaction fails with the first of those errors.
    /// </summary>
    public async Task<Bundle> ProcessAsync(
        Bundle bundle,
        IReadOnlyDictionary<int, FhirOperationException> invalidEntries,
        BundleContext context,
        CancellationToken cancellationToken)
    {
        var response = bundle.Type switch
        {
            Bundle.BundleType.Transaction when invalidEntries.Count > 0 =>
                throw invalidEntries.MinBy(invalid => invalid.Key).Value,
            Bundle.BundleType.Transaction => await ProcessTransactionAsync(bundle, context, cancellationToken),
            Bundle.BundleType.Batch => await ProcessBatchAsync(bundle, invalidEntries, context, cancellationToken),
            _ => throw new FhirOperationException(
                HttpStatusCode.BadRequest,
                OperationOutcome.IssueType.Invalid,
                $"Only batch and transaction Bundles can be posted to the base URL, not '{bundle.Type?.ToString() ?? "none"}'.",
                "Bundle.type"),
        };

        Log.BundleProcessed(logger, bundle.Type.ToString()!, bundle.Entry.Count);
        return response;
    }

    private async Task<Bundle> ProcessTransactionAsync(
        Bundle bundle,
        BundleContext context,
        CancellationToken cancellationToken)
    {
        var plans = bundle.Entry.Select((entry, index) => EntryPlan.Create(entry, index, context.BaseUrl)).ToList();
        EnsureDistinctFullUrls(plans);
        EnsureDistinctTargets(plans);
        var conditionalPuts = plans
            .Where(plan => plan.Method == Bundle.HTTPVerb.PUT && plan.IsConditionalWrite)
            .Select(plan => plan.Index)
            .ToHashSet();
        var results = new OperationResult?[plans.Count];
        var entries = new Bundle.EntryComponent[plans.Count];

        await store.ExecuteAsync(
            async (transaction, token) =>
            {
                var identities = await AssignIdentitiesAsync(transaction, plans, context, token);
                var rewriter = new ReferenceRewriter(transaction, identities, context.Grant);
                foreach (var plan in plans.Where(plan => plan.Resource is not null && !plan.IsRead))
                    await RunForEntryAsync(plan, () => RewriteReferencesAsync(rewriter, plan, token));
                foreach (var plan in plans.Where(plan => plan.IsRead || plan.IsConditionalWrite))
                    plan.ResolveFullUrls(identities);

                await EnsureDistinctResolvedTargetsAsync(transaction, plans, conditionalPuts, identities, context, token);

                foreach (var plan in plans.Where(plan => !plan.IsRead).OrderBy(plan => plan.ProcessingOrder))
                    results[plan.Index] = await RunForEntryAsync(
                        plan,
                        () => WriteAsync(transaction, plan, context, token));

                // GET and HEAD entries run last but inside the unit, so they see the writes.
                // A transaction succeeds or fails as a whole, so a failing read, such as a 404,
                // rolls back every write of the Bundle.
                foreach (var plan in plans.Where(plan => plan.IsRead))
                    entries[plan.Index] = await RunForEntryAsync(
                        plan,
                        () => reads.ReadEntryAsync(plan, context, transaction, token));

                return results;
            },
            cancellationToken);

        foreach (var plan in plans.Where(plan => !plan.IsRead))
            entries[plan.Index] = BundleResponses.ForWrite(plan, results[plan.Index]!, context);

        return BundleResponses.Create(Bundle.BundleType.TransactionResponse, entries);
    }

    private async Task<Bundle> ProcessBatchAsync(
        Bundle bundle,
        IReadOnlyDictionary<int, FhirOperationException> invalidEntries,
        BundleContext context,
        CancellationToken cancellationToken)
    {
        var entries = new Bundle.EntryComponent[bundle.Entry.Count];
        var plans = new List<EntryPlan>();
        for (var index = 0; index < bundle.Entry.Count; index++)
        {
            // An entry that failed to parse holds only part of what was sent, so it is never planned.
            if (invalidEntries.TryGetValue(index, out var invalid))
            {
                Log.BatchEntryRejected(logger, index, (int)invalid.StatusCode, invalid.IssueType.ToString());
                entries[index] = BundleResponses.ForError(invalid);
                continue;
            }

            try
            {
                plans.Add(EntryPlan.Create(bundle.Entry[index], index, context.BaseUrl));
            }
            catch (FhirOperationException exception)
            {
                entries[index] = BundleResponses.ForError(exception);
            }
        }

        foreach (var plan in plans.OrderBy(plan => plan.ProcessingOrder))
            entries[plan.Index] = await ProcessBatchEntryAsync(plan, context, cancellationToken);

        return BundleResponses.Create(Bundle.BundleType.BatchResponse, entries);
    }

    private async Task<Bundle.EntryComponent> ProcessBatchEntryAsync(
        EntryPlan plan,
        BundleContext context,
        CancellationToken cancellationToken)
    {
        try
        {
            if (plan.IsRead)
                return await reads.ReadEntryAsync(plan, context, null, cancellationToken);

            var result = await store.ExecuteAsync(
                async (transaction, token) =>
                {
                    await AssignIdentitiesAsync(transaction, [plan], context, token);
                    if (plan.Resource is not null)
                        await RewriteReferencesAsync(new ReferenceRewriter(transaction, EmptyIdentities, context.Grant), plan, token);

                    return await WriteAsync(transaction, plan, context, token);
                },
                cancellationToken);
            return BundleResponses.ForWrite(plan, result, context);
        }
        catch (FhirOperationException exception)
        {
            Log.BatchEntryRejected(logger, plan.Index, (int)exception.StatusCode, exception.IssueType.ToString());
            return BundleResponses.ForError(plan.Wrap(exception));
        }
    }

    /// <summary>Rewrites the references in an entry's resource, or in the JSON Patch document of a PATCH entry.</summary>
    private static System.Threading.Tasks.Task RewriteReferencesAsync(
        ReferenceRewriter rewriter,
        EntryPlan plan,
        CancellationToken cancellationToken) =>
        plan.Method == Bundle.HTTPVerb.PATCH && plan.Resource is Binary patch
            ? rewriter.RewritePatchAsync(patch, cancellationToken)
            : rewriter.RewriteAsync(plan.Resource!, cancellationToken);

    private static async Task<T> RunForEntryAsync<T>(EntryPlan plan, Func<Task<T>> step)
    {
        try
        {
            return await step();
        }
        catch (FhirOperationException exception)
        {
            throw plan.Wrap(exception);
        }
    }

    private static System.Threading.Tasks.Task RunForEntryAsync(
        EntryPlan plan,
        Func<System.Threading.Tasks.Task> step) =>
        RunForEntryAsync(plan, async () =>
        {
            await step();
            return true;
        });

    private async Task<OperationResult> WriteAsync(
        IStoreTransaction transaction,
        EntryPlan plan,
        BundleContext context,
        CancellationToken cancellationToken)
    {
        var grant = context.Grant;
        var ifMatch = BundleResponses.ParseVersion(plan.Request.IfMatch);
        switch (plan.Method)
        {
            case Bundle.HTTPVerb.DELETE when plan.Id is null:
                return await writer.ConditionalDeleteAsync(
                    transaction,
                    plan.ResourceType!,
                    plan.Query!,
                    grant,
                    cancellationToken);
            case Bundle.HTTPVerb.DELETE:
                return await writer.DeleteAsync(
                    transaction,
                    plan.ResourceType!,
                    plan.Id,
                    ifMatch,
                    grant,
                    cancellationToken);
            case Bundle.HTTPVerb.POST when plan.ExistingId is not null:
                var existing = await transaction.ReadAsync(plan.ResourceType!, plan.ExistingId, cancellationToken);
                return new OperationResult(HttpStatusCode.OK, existing);
            case Bundle.HTTPVerb.POST when context.Mode == BundleMode.Import:
                return await writer.UpdateAsync(
                    transaction,
                    plan.ResourceType!,
                    plan.Id!,
                    plan.Resource!,
                    null,
                    grant,
                    cancellationToken);
            case Bundle.HTTPVerb.POST:
                return await writer.CreateAsync(transaction, plan.Resource!, null, plan.Id, grant, cancellationToken);
            case Bundle.HTTPVerb.PUT when plan.IsCreateOnly:
                return await writer.CreateOnlyAsync(
                    transaction,
                    plan.ResourceType!,
                    plan.Id!,
                    plan.Resource!,
                    grant,
                    cancellationToken);
            case Bundle.HTTPVerb.PUT:
                return await writer.UpdateAsync(
                    transaction,
                    plan.ResourceType!,
                    plan.Id!,
                    plan.Resource!,
                    ifMatch,
                    grant,
                    cancellationToken);
            case Bundle.HTTPVerb.PATCH when plan.Id is null:
                return await writer.ConditionalPatchAsync(
                    transaction,
                    plan.ResourceType!,
                    plan.Query!,
                    PatchDocument(plan, context.PatchScope),
                    ifMatch,
                    grant,
                    cancellationToken);
            default:
                var patch = PatchDocument(plan, context.PatchScope);
                return await writer.PatchAsync(
                    transaction,
                    plan.ResourceType!,
                    plan.Id!,
                    patch,
                    ifMatch,
                    grant,
                    cancellationToken);
        }
    }

    private static PatchDocument PatchDocument(EntryPlan plan, PatchRequestScope scope)
    {
        if (plan.Resource is Binary { Data: not null } binary && binary.ContentType?.Contains("json-patch", StringComparison.Ordinal) == true)
            return Operations.PatchDocument.FromJsonPatch(binary.Data);
        if (plan.Resource is Parameters parameters)
            return Operations.PatchDocument.FromFhirPathPatch(parameters, scope);

        throw new FhirOperationException(
            HttpStatusCode.BadRequest,
            OperationOutcome.IssueType.NotSupported,
            "A PATCH entry must carry a Parameters resource (FHIRPath Patch) or a Binary whose contentType is application/json-patch+json (JSON Patch).");
    }

    private static void EnsureDistinctFullUrls(IEnumerable<EntryPlan> plans)
    {
        var duplicate = plans
            .Where(plan => !string.IsNullOrEmpty(plan.Entry.FullUrl))
            .GroupBy(plan => plan.Entry.FullUrl, StringComparer.Ordinal)
            .FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
        {
            throw new FhirOperationException(
                HttpStatusCode.BadRequest,
                OperationOutcome.IssueType.Duplicate,
                $"The fullUrl '{duplicate.Key}' appears in more than one entry (entries {string.Join(", ", duplicate.Select(plan => plan.Index))}); each entry of a transaction needs its own fullUrl.",
                "Bundle.entry.fullUrl");
        }
    }

    private static void EnsureDistinctTargets(IEnumerable<EntryPlan> plans)
    {
        var duplicate = plans
            .Where(plan => !plan.IsRead && plan.Id is not null)
            .GroupBy(plan => $"{plan.ResourceType}/{plan.Id}")
            .FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
        {
            throw new FhirOperationException(
                HttpStatusCode.BadRequest,
                OperationOutcome.IssueType.Duplicate,
                $"More than one entry writes {duplicate.Key} (entries {string.Join(", ", duplicate.Select(plan => plan.Index))}); a transaction may touch each resource once.");
        }
    }

    private static readonly IReadOnlyDictionary<string, string> EmptyIdentities = new Dictionary<string, string>();
}
