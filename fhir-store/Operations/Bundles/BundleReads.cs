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
