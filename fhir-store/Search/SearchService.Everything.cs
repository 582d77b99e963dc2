using Sandbox.FhirStore.Search.Parsing;
using Sandbox.FhirStore.Search.Results;
using Sandbox.FhirStore.Search.Sql;

namespace Sandbox.FhirStore.Search;

/// <summary>
/// The parts of a search that only <c>Patient/[id]/$everything</c> has: the care date range of
/// <c>start</c> and <c>end</c>, and the resources it adds beside the compartment. The R4
/// operation definition recommends also returning the resources that compartment resources
/// reference, such as a Practitioner or a Medication. They are found as a wildcard
/// <c>_include</c> of each page's matches plus the literal references in any other element, so
/// they pass the caller's grant in the same SQL as any include.
/// </summary>
internal sealed partial class SearchService
{
    private const string StartParameter = "start";
    private const string EndParameter = "end";

    // Compartment searches always name a type, so a compartment without one is $everything.
    private static bool IsEverything(string? resourceType, string? compartment) =>
        resourceType is null && compartment is not null;

    /// <summary>The <c>start</c> and <c>end</c> of <c>$everything</c>, with the query parameters they came from.</summary>
    private sealed record CareDateRange(string? Start, string? End, List<KeyValuePair<string, string>> Sources);

    /// <summary>
    /// Removes <c>start</c> and <c>end</c> from the search conditions, where they would be
    /// unknown parameters, and returns them, or null when the request has neither. The REST
    /// layer has checked that each is a valid FHIR date given at most once.
    /// </summary>
    private static CareDateRange? TakeCareDateRange(ParsedQuery parsed)
    {
        var rangeClauses = parsed.Clauses
            .Where(item => item.Clause.Name is StartParameter or EndParameter && item.Clause.Modifier is null && item.Clause.Chain is null)
            .ToList();
        if (rangeClauses.Count == 0)
            return null;

        parsed.Clauses.RemoveAll(rangeClauses.Contains);
        var sources = rangeClauses.Select(item => item.Source).ToList();
        var start = sources.LastOrDefault(source => source.Key == StartParameter).Value;
        var end = sources.LastOrDefault(source => source.Key == EndParameter).Value;
        return new CareDateRange(start, end, sources);
    }

    /// <summary>Compiles the care date filter and records its parameters for the self link.</summary>
    private static string CompileCareDateRange(
        SearchSqlCompiler compiler,
        CareDateRange range,
        IEnumerable<string> types,
        List<KeyValuePair<string, string>> usedParameters)
    {
        usedParameters.AddRange(range.Sources);
        return compiler.CompileCareDateRange("a", types, range.Start, range.End);
    }

    /// <summary>Appends the keys of <paramref name="more"/> that <paramref name="keys"/> lacks, keeping the order of both.</summary>
    private static List<long> Union(List<long> keys, List<long> more)
    {
        var seen = keys.ToHashSet();
        keys.AddRange(more.Where(seen.Add));
        return keys;
    }

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

        // These includes follow only the references that a reference search parameter indexes.
        // ElementReferenceResolver adds the references in every other element and extension.
        // NOTE: the index stores Type/id for an absolute URL on any server, so these includes
        // also return the local resource for another server's Type/id, which the resolver skips.
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
