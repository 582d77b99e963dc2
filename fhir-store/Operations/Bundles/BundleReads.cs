using System.Net;
using Hl7.Fhir.Model;
using Sandbox.FhirStore.Formats;
using Sandbox.FhirStore.Search;

namespace Sandbox.FhirStore.Operations.Bundles;

/// <summary>Processes the GET entries of a batch or transaction: read, vread and search.</summary>
public sealed class BundleReads(
    ResourceService resources,
    ISearchService search,
    Microsoft.Extensions.Options.IOptions<FhirStoreOptions> options)
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
    /// Reads the first page of a history entry. The grant is checked as <c>GET .../_history</c>
    /// checks it, so a limited grant gets the same 403 or 404 as the direct request.
    /// </summary>
    private async Task<Bundle.EntryComponent> HistoryAsync(
        EntryPlan plan,
        BundleContext context,
        CancellationToken cancellationToken)
    {
        if (plan.Query is not null)
        {
            throw new FhirOperationException(
                HttpStatusCode.BadRequest,
                OperationOutcome.IssueType.NotSupported,
                "History entries in a Bundle take no parameters (_count, _since, _at); send GET [base]/.../_history with them as its own request.");
        }

        var count = options.Value.DefaultPageSize;
        var query = new Storage.HistoryQuery(plan.ResourceType, plan.Id, null, null, null, count, 0);
        var versions = await resources.ReadHistoryAsync(query, context.Grant, cancellationToken);
        var baseUrl = context.BaseUrl.ToString().TrimEnd('/');
        var history = new Bundle { Type = Bundle.BundleType.History, Id = ResourceTypes.NewId() };
        foreach (var version in versions.Take(count))
            history.Entry.Add(HistoryEntries.ToEntry(version, baseUrl));

        // NOTE: only the first page is returned, because a Bundle entry has no paging links to follow.
        return new Bundle.EntryComponent
        {
            Resource = history,
            Response = new Bundle.ResponseComponent { Status = BundleResponses.StatusText(HttpStatusCode.OK) },
        };
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
