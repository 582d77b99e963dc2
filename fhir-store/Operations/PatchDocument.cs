using Hl7.Fhir.Model;

namespace Sandbox.FhirStore.Operations;

/// <summary>
/// The body of a PATCH: a JSON Patch document (RFC 6902) or a FHIRPath Patch, which is a
/// Parameters resource. Both apply to the stored JSON and return the patched JSON, so the writer
/// treats them alike.
/// </summary>
public sealed class PatchDocument
{
    private readonly Func<ReadOnlyMemory<byte>, byte[]?> _apply;

    private PatchDocument(Func<ReadOnlyMemory<byte>, byte[]?> apply) => _apply = apply;

    /// <summary>Wraps a JSON Patch document, which is parsed when it is applied.</summary>
    public static PatchDocument FromJsonPatch(ReadOnlyMemory<byte> document) =>
        new(resource => JsonPatch.Apply(resource, document));

    /// <summary>Wraps a FHIRPath Patch, whose operations are checked when it is applied.</summary>
    public static PatchDocument FromFhirPathPatch(Parameters parameters) =>
        new(resource => FhirPathPatch.Apply(resource, parameters));

    /// <summary>
    /// Returns the patched resource JSON, or null when the patch leaves the resource as it was.
    /// Throws <see cref="FhirOperationException"/> with 400 or 422 when the patch cannot apply.
    /// </summary>
    internal byte[]? Apply(ReadOnlyMemory<byte> resource) => _apply(resource);
}
