using Bundle = Hl7.Fhir.Model.Bundle;

namespace Sandbox.FhirStore.Search;

/// <summary>The search entry point of the FHIR REST layer.</summary>
public interface ISearchService
{
    /// <summary>
    /// Runs a search and returns the searchset Bundle, with paging links, included resources
    /// and an OperationOutcome entry for parameters that were not used.
    /// Throws <see cref="FhirOperationException"/> for a request the server rejects.
    /// </summary>
    Task<Bundle> SearchAsync(SearchRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Runs a search inside an open unit of work, so that it sees the writes the unit made
    /// so far, as the GET entries of a transaction Bundle need. The transaction must come
    /// from the same store as the search index.
    /// </summary>
    Task<Bundle> SearchAsync(
        SearchRequest request,
        Storage.IStoreTransaction transaction,
        CancellationToken cancellationToken);
}
