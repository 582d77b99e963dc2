using System.Net;
using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;
using Microsoft.Extensions.Options;
using Sandbox.FhirStore.Formats;
using Sandbox.FhirStore.Operations.History;
using Sandbox.FhirStore.Rest.Capabilities;
using Sandbox.FhirStore.Search;
using Sandbox.FhirStore.Search.Results;
using Sandbox.FhirStore.Storage;

namespace Sandbox.FhirStore.Operations.Bundles;

/// <summary>
/// Processes the GET and HEAD entries of a batch or transaction: read, vread, history,
/// search and capabilities. History and search results carry the same paging links as the
/// direct requests.
/// </summary>
public sealed class BundleReads(
    ResourceService resources,
    ISearchService search,
    CapabilityStatementBuilder capabilities,
    IOptions<FhirStoreOptions> options)
{
    /// <summary>
    /// Runs one read entry and returns its response entry. Inside a transaction the read runs
    /// through <paramref name="transaction"/> and sees the writes of the earlier entries;
    /// in a batch <paramref name="transaction"/> is null and the read sees committed data.
    /// Throws <see cref="FhirOperationException"/> when the read fails.
    /// </summary>
    internal async Task<Bundle.EntryComponent> ReadEntryAsync(
        EntryPlan plan,
        BundleContext context,
        IStoreTransaction? transaction,
        CancellationToken cancellationToken)
    {
        var entry = await ReadAsync(plan, context, transaction, cancellationToken);

        // A HEAD entry returns what a HEAD request returns: status, ETag and Last-Modified without the body.
        if (plan.Method == Bundle.HTTPVerb.HEAD)
            entry.Resource = null;

        return entry;
    }

    private async Task<Bundle.EntryComponent> ReadAsync(
        EntryPlan plan,
        BundleContext context,
        IStoreTransaction? transaction,
        CancellationToken cancellationToken)
    {
        if (plan.IsMetadata)
            return Ok(capabilities.Build(context.BaseUrl));
        if (plan.IsHistory)
            return await HistoryAsync(plan, context, transaction, cancellationToken);
        if (plan.Id is null)
            return await SearchAsync(plan, context, transaction, cancellationToken);

        var shape = ResourceShaper.ParseReadOptions(QueryParameters.Parse(plan.Query), plan.ResourceType!, isStrict: false);
        var stored = await ReadStoredAsync(plan, context, transaction, cancellationToken);
        var withoutBody = context with { ReturnRepresentation = false, ReturnOutcome = false };

        // As on a single read, ifNoneMatch and ifModifiedSince apply to the current version, not to a vread.
        if (plan.VersionId is null
            && ConditionalRead.IsNotModified(stored, plan.Request.IfNoneMatch, plan.Request.IfModifiedSince))
        {
            return BundleResponses.ForWrite(plan, new OperationResult(HttpStatusCode.NotModified, stored), withoutBody);
        }

        var entry = BundleResponses.ForWrite(plan, new OperationResult(HttpStatusCode.OK, stored), withoutBody);
        if (shape is not null)
        {
            entry.Resource = ResourceShaper.Shape(stored.Json.Span, shape);
            return entry;
        }

        entry.Resource = FhirSerializer.ParseTrustedJson(stored.Json.Span);
        entry.Resource.SetAnnotation(new StoredBody(stored.Json));
        return entry;
    }

    private Task<StoredResource> ReadStoredAsync(
        EntryPlan plan,
        BundleContext context,
        IStoreTransaction? transaction,
        CancellationToken cancellationToken)
    {
        IResourceReader? reader = transaction;
        return (plan.VersionId, reader) switch
        {
            ({ } version, null) => resources.ReadVersionAsync(plan.ResourceType!, plan.Id!, version, context.Grant, cancellationToken),
            ({ } version, _) => resources.ReadVersionAsync(reader, plan.ResourceType!, plan.Id!, version, context.Grant, cancellationToken),
            (null, null) => resources.ReadAsync(plan.ResourceType!, plan.Id!, context.Grant, cancellationToken),
            (null, _) => resources.ReadAsync(reader, plan.ResourceType!, plan.Id!, context.Grant, cancellationToken),
        };
    }

    /// <summary>
    /// Reads one page of a history entry, with <c>_count</c>, <c>_since</c>, <c>_at</c> and a
    /// next link as <c>GET .../_history</c> has. The grant is checked as that request checks
    /// it, so a limited grant gets the same 403 or 404.
    /// </summary>
    private async Task<Bundle.EntryComponent> HistoryAsync(
        EntryPlan plan,
        BundleContext context,
        IStoreTransaction? transaction,
        CancellationToken cancellationToken)
    {
        var parameters = QueryParameters.Parse(plan.Query);
        var query = HistoryParameters.Parse(parameters, plan.ResourceType, plan.Id, options.Value);
        var page = transaction is null
            ? await resources.ReadHistoryAsync(query, context.Grant, cancellationToken)
            : await resources.ReadHistoryAsync(transaction, query, context.Grant, cancellationToken);

        var baseUrl = context.BaseUrl.ToString().TrimEnd('/');
        var path = plan.Query is null ? plan.Url : plan.Url[..plan.Url.IndexOf('?', StringComparison.Ordinal)];
        return Ok(HistoryBundleFactory.Create(page, query, baseUrl, path, parameters));
    }

    private async Task<Bundle.EntryComponent> SearchAsync(
        EntryPlan plan,
        BundleContext context,
        IStoreTransaction? transaction,
        CancellationToken cancellationToken)
    {
        var parameters = QueryParameters.Parse(plan.Query);
        var request = new SearchRequest(plan.ResourceType, null, parameters, context.BaseUrl, false, context.Grant);
        var result = transaction is null
            ? await search.SearchAsync(request, cancellationToken)
            : await search.SearchAsync(request, transaction, cancellationToken);
        return Ok(result);
    }

    private static Bundle.EntryComponent Ok(Resource result) =>
        new()
        {
            Resource = result,
            Response = new Bundle.ResponseComponent { Status = BundleResponses.StatusText(HttpStatusCode.OK) },
        };
}
