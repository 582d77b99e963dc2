using System.Net;
using Hl7.Fhir.Model;
using Sandbox.FhirStore.Formats;
using Sandbox.FhirStore.Search;

namespace Sandbox.FhirStore.Operations.Bundles;

/// <summary>Processes the GET entries of a batch or transaction: read, vread and search.</summary>
public sealed class BundleReads(ResourceService resources, ISearchService search)
{
    internal async Task<Bundle.EntryComponent> ReadEntryAsync(
        EntryPlan plan,
        BundleContext context,
        CancellationToken cancellationToken)
    {
        try
        {
            if (plan.IsHistory)
                return await HistoryAsync(plan, context, cancellationToken);
            if (plan.Id is null)
                return await SearchAsync(plan, context, cancellationToken);

            var stored = plan.VersionId is { } version
                ? await resources.ReadVersionAsync(
                    plan.ResourceType!,
                    plan.Id,
                    version,
                    context.Grant,
                    cancellationToken)
                : await resources.ReadAsync(plan.ResourceType!, plan.Id, context.Grant, cancellationToken);
            var entry = BundleResponses.ForWrite(plan, new OperationResult(HttpStatusCode.OK, stored), context);
            entry.Resource = FhirSerializer.ParseTrustedJson(stored.Json.Span);
            return entry;
        }
        catch (FhirOperationException exception)
        {
            return BundleResponses.ForError(plan.Wrap(exception));
        }
    }

    /// <summary>
    /// Checks a history entry against the grant as <c>GET .../_history</c> does, so a limited
    /// grant gets the same 403 or 404, and then rejects it.
    /// </summary>
    private async Task<Bundle.EntryComponent> HistoryAsync(
        EntryPlan plan,
        BundleContext context,
        CancellationToken cancellationToken)
    {
        var query = new Storage.HistoryQuery(plan.ResourceType, plan.Id, null, null, null, 1, 0);
        await resources.ReadHistoryAsync(query, context.Grant, cancellationToken);

        // NOTE: history Bundles are built by the REST layer only, so a Bundle entry cannot carry one yet.
        throw new FhirOperationException(
            HttpStatusCode.BadRequest,
            OperationOutcome.IssueType.NotSupported,
            "History is not supported inside a batch or transaction; send GET [base]/.../_history as its own request.");
    }

    private async Task<Bundle.EntryComponent> SearchAsync(
        EntryPlan plan,
        BundleContext context,
        CancellationToken cancellationToken)
    {
        var parameters = QueryParameters.Parse(plan.Query);
        var request = new SearchRequest(plan.ResourceType, null, parameters, context.BaseUrl, false, context.Grant);
        var result = await search.SearchAsync(request, cancellationToken);
        return new Bundle.EntryComponent
        {
            Resource = result,
            Response = new Bundle.ResponseComponent { Status = BundleResponses.StatusText(HttpStatusCode.OK) },
        };
    }
}
