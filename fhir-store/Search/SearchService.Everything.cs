using Sandbox.FhirStore.Search.Parsing;
using Sandbox.FhirStore.Search.Results;

namespace Sandbox.FhirStore.Search;

/// <summary>
/// The resources that <c>Patient/[id]/$everything</c> adds beside the compartment. The R4
/// operation definition recommends also returning the resources that compartment resources
/// reference, such as a Practitioner or a Medication. They are found as a wildcard
/// <c>_include</c> of each page's matches, so they pass the caller's grant in the same SQL as
/// any include.
/// </summary>
internal sealed partial class SearchService
{
    // Compartment searches always name a type, so a compartment without one is $everything.
    private static bool IsEverything(string? resourceType, string? compartment) =>
        resourceType is null && compartment is not null;

    /// <summary>
    /// Adds <c>Type:*</c> for every resource type on the page to the caller's own includes.
    /// With <c>_type</c>, each include is limited to the listed target types, so
    /// <c>_type=Observation,Practitioner</c> returns Observations and the Practitioners they
    /// reference. Includes that the caller requests with <c>_include</c> are kept unchanged and
    /// are not limited by <c>_type</c>.
    /// </summary>
    private static SearchResultOptions WithReferencedResources(
        SearchResultOptions resultOptions,
        IReadOnlyList<ResourceRow> matches)
    {
        var includeOptions = new SearchResultOptions();
        includeOptions.Includes.AddRange(resultOptions.Includes);
        includeOptions.RevIncludes.AddRange(resultOptions.RevIncludes);

        // NOTE: only references indexed by a reference search parameter are followed, so a
        // reference in an extension or in an element without a search parameter is not returned.
        IReadOnlyList<string?> targetTypes = resultOptions.Types.Count > 0 ? [.. resultOptions.Types] : [null];
        foreach (var sourceType in matches.Select(row => row.Type).Distinct(StringComparer.Ordinal))
        {
            foreach (var targetType in targetTypes)
                includeOptions.Includes.Add(new IncludeRequest(sourceType, "*", targetType, Iterate: false));
        }

        return includeOptions;
    }

    /// <summary>
    /// Drops the included resources that are matches of the whole search, on this page or
    /// another, so each compartment resource appears once in the paged result, as a match.
    /// </summary>
    /// <remarks>
    /// A referenced resource outside the compartment can still appear on several pages, once
    /// on each page whose matches reference it, as <c>_include</c> does in search.
    /// </remarks>
    private static List<long> ExceptMatches(List<long> includedKeys, IReadOnlyList<long> matchKeys)
    {
        if (includedKeys.Count == 0)
            return includedKeys;

        var matchSet = matchKeys.ToHashSet();
        return includedKeys.Where(key => !matchSet.Contains(key)).ToList();
    }
}
