namespace Sandbox.FhirStore.Search.Definitions;

/// <summary>
/// The search parameters the store indexes and accepts, per resource type, so that the
/// CapabilityStatement lists exactly what a search honours.
/// </summary>
public interface ISearchParameterCatalog
{
    /// <summary>The resource types that have at least one search parameter.</summary>
    IReadOnlyCollection<string> ResourceTypes { get; }

    /// <summary>
    /// Returns the supported parameters of a resource type, the common ones such as
    /// <c>_id</c> and <c>_lastUpdated</c> included, or an empty list for an unknown type.
    /// </summary>
    IReadOnlyList<SearchParameterDescription> Describe(string resourceType);
}
