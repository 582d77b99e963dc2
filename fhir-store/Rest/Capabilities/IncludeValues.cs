using Hl7.Fhir.Model;
using Sandbox.FhirStore.Search.Definitions;

namespace Sandbox.FhirStore.Rest.Capabilities;

/// <summary>
/// The <c>_include</c> and <c>_revinclude</c> values that the CapabilityStatement lists. A
/// search accepts them for every reference search parameter of the catalog, in the form
/// <c>SourceType:parameter</c>, and also <c>SourceType:*</c> and <c>:iterate</c>.
/// </summary>
internal static class IncludeValues
{
    /// <summary>Returns <c>Type:parameter</c> for each reference parameter of the type, and <c>Type:*</c>.</summary>
    public static List<string> Includes(string resourceType, IEnumerable<SearchParameterDescription> parameters)
    {
        var values = parameters
            .Where(parameter => parameter.Type == SearchParamType.Reference)
            .Select(parameter => $"{resourceType}:{parameter.Name}")
            .ToList();
        if (values.Count > 0)
            values.Add($"{resourceType}:*");

        return values;
    }

    /// <summary>
    /// Returns, per target type, <c>SourceType:parameter</c> for each reference parameter of
    /// any type that may point at it.
    /// </summary>
    public static ILookup<string, string> RevIncludesByTarget(ISearchParameterCatalog catalog) =>
        catalog.ResourceTypes
            .Order(StringComparer.Ordinal)
            .SelectMany(source => catalog.Describe(source)
                .Where(parameter => parameter.Type == SearchParamType.Reference)
                .SelectMany(parameter => parameter.Targets.Select(target => (Target: target, Value: $"{source}:{parameter.Name}"))))
            .ToLookup(pair => pair.Target, pair => pair.Value);
}
