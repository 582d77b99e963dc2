using Hl7.Fhir.Model;

namespace Sandbox.FhirStore.Formats;

/// <summary>A request body parsed as a resource, with the entries of a batch that failed their own checks.</summary>
/// <param name="Resource">
/// The resource. An entry named in <paramref name="InvalidEntries"/> contains only what the parser
/// could read of it, so it must not be processed.
/// </param>
/// <param name="InvalidEntries">The 400 error of each invalid batch entry, by entry index. Empty for any other body.</param>
public sealed record ParsedBody(Resource Resource, IReadOnlyDictionary<int, FhirOperationException> InvalidEntries)
{
    /// <summary>The invalid entries of a body without any.</summary>
    public static IReadOnlyDictionary<int, FhirOperationException> NoInvalidEntries { get; } =
        new Dictionary<int, FhirOperationException>();
}
