using Hl7.Fhir.Model;

namespace Sandbox.FhirStore.Search.Parsing;

/// <summary>Checks the names in <c>_elements</c> against the elements of resource types.</summary>
internal static class ElementNames
{
    /// <summary>
    /// Removes the <c>_elements</c> names that none of <paramref name="types"/> defines, and
    /// returns one issue for each. A name defined by one type is kept, because a search across
    /// several types shapes each resource by its own type.
    /// </summary>
    /// <remarks>
    /// A choice element is known by its name without the type suffix, as FHIR R4 writes
    /// <c>value[x]</c> in <c>_elements</c> as <c>value</c>.
    /// </remarks>
    public static List<UnsupportedParameter> RemoveUnknown(SearchResultOptions options, IReadOnlyCollection<string> types)
    {
        var mappings = types
            .Select(type => ModelInfo.ModelInspector.FindClassMapping(type))
            .OfType<Hl7.Fhir.Introspection.ClassMapping>()
            .ToList();
        var unknown = options.Elements
            .Where(name => !mappings.Any(mapping => mapping.FindMappedElementByName(name) is not null))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        options.Elements.RemoveAll(unknown.Contains);

        return unknown.Select(name => new UnsupportedParameter("_elements", DescribeUnknown(name, mappings, types))).ToList();
    }

    private static string DescribeUnknown(
        string name,
        List<Hl7.Fhir.Introspection.ClassMapping> mappings,
        IReadOnlyCollection<string> types)
    {
        var owner = types.Count == 1 ? types.First() : "any of the searched resource types";
        var message = $"_elements lists '{name}', which is not an element of {owner}.";
        var choice = mappings
            .Select(mapping => mapping.FindMappedElementByChoiceName(name))
            .FirstOrDefault(element => element is not null);

        return choice is null
            ? $"{message} Give element names as the resource definition writes them, such as 'id' or 'status'."
            : $"{message} Request the choice element {choice.Name}[x] as '{choice.Name}'.";
    }
}
