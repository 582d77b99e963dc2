using System.Collections.Concurrent;
using Hl7.Fhir.Model;

namespace Sandbox.FhirStore.Search.Extraction;

/// <summary>
/// The FHIRPath <c>resolve()</c> used at indexing time. Firely's <c>resolve()</c> returns
/// nothing without a resolver, which would leave expressions such as
/// <c>Observation.subject.where(resolve() is Patient)</c> empty. Search expressions only
/// test the type of the target, so an empty resource of the referenced type is enough.
/// </summary>
internal static class TypedReferenceResolver
{
    private static readonly ConcurrentDictionary<string, Resource?> EmptyResources = new(StringComparer.Ordinal);

    public static PocoNode? Resolve(string reference)
    {
        if (!ReferenceParser.TryParse(reference, out var type, out _))
            return null;

        var empty = EmptyResources.GetOrAdd(type, static name =>
            ModelInfo.GetTypeForFhirType(name) is { } clrType ? Activator.CreateInstance(clrType) as Resource : null);
        return empty?.ToPocoNode();
    }
}
