using Hl7.Fhir.Model;
using Sandbox.FhirStore.Search.Parsing;

namespace Sandbox.FhirStore.Rest.Capabilities;

/// <summary>
/// The search features that apply to every resource type, as the CapabilityStatement states
/// them in <c>rest.searchParam</c> and <c>rest.documentation</c>. FHIR R4 defines no
/// SearchParameter resources for these result parameters, so the entries have no
/// <c>definition</c>, and the comment on <c>CapabilityStatement.rest.resource.searchParam</c>
/// places control parameters such as <c>_sort</c> and <c>_count</c> at <c>rest.searchParam</c>.
/// </summary>
/// <remarks>
/// Each entry matches what <see cref="SearchQueryParser"/> and the SQL compiler accept. Not
/// listed because the search rejects or ignores them: <c>_contained</c> other than false,
/// <c>_containedType</c> other than container, <c>_text</c>, <c>_content</c>,
/// <c>_filter</c> and <c>_query</c>. <c>_type</c> works in system-level searches only, so it
/// is not listed with the parameters of every search.
/// </remarks>
internal static class ServerSearchFeatures
{
    /// <summary>The statement's <c>rest.documentation</c>, which describes chained searches.</summary>
    public static string Documentation { get; } =
        "Searches support chained parameters on reference search parameters, such as Observation?subject.name=Smith "
        + "or Observation?subject:Patient.organization.name=Riverside, and reverse chaining with _has. "
        + $"One parameter may nest at most {SearchLimits.MaxNestingDepth} chain links and _has levels together. "
        + "Every resource that a chain reaches is limited by the access token's scopes.";

    /// <summary>Builds the server-wide <c>rest.searchParam</c> entries.</summary>
    public static List<CapabilityStatement.SearchParamComponent> BuildSearchParameters() =>
    [
        Entry("_count", SearchParamType.Number,
            "The page size. A search without _count gets the configured default page size, and a larger _count than the configured maximum is lowered to it with a warning."),
        Entry("_sort", SearchParamType.String,
            "One or more comma-separated sort keys, such as _sort=family,-birthdate, applied in order. A leading '-' sorts descending. "
            + "A key is _id, _lastUpdated or a string, token, reference, date, number, quantity or uri search parameter of the searched type. "
            + "A resource with several values sorts by its lowest value ascending and by its highest descending."),
        Entry("_summary", SearchParamType.Token,
            "true, false, text, data or count. count returns the total without entries. Reads accept the same values except count."),
        Entry("_elements", SearchParamType.String,
            "Comma-separated top-level element names, such as name,birthDate. Paths such as name.given are rejected. "
            + "The mandatory elements and meta are kept, and the resource is tagged SUBSETTED."),
        Entry("_total", SearchParamType.Token,
            "none, estimate or accurate. none leaves Bundle.total out, and estimate returns the accurate total."),
        Entry("_has", SearchParamType.Special,
            "Reverse chaining: _has:Type:reference:parameter=value matches the resources that a resource of Type "
            + "references through its reference search parameter and that matches parameter=value. "
            + $"_has may nest, with chains included up to {SearchLimits.MaxNestingDepth} levels in one parameter."),
    ];

    private static CapabilityStatement.SearchParamComponent Entry(string name, SearchParamType type, string documentation) =>
        new() { Name = name, Type = type, Documentation = new Markdown(documentation) };
}
