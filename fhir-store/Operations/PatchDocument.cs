using Hl7.Fhir.Model;

namespace Sandbox.FhirStore.Operations;

/// <summary>
/// The body of a PATCH: a JSON Patch document (RFC 6902) or a FHIRPath Patch, which is a
/// Parameters resource. Both apply to the stored JSON and return the patched JSON, so the writer
/// treats them alike.
/// </summary>
public sealed class PatchDocument
{
    private readonly Func<ReadOnlyMemory<byte>, long, CancellationToken, byte[]?> _apply;

    private PatchDocument(Func<ReadOnlyMemory<byte>, long, CancellationToken, byte[]?> apply) => _apply = apply;

    /// <summary>Wraps a JSON Patch document, which is parsed when it is applied.</summary>
    public static PatchDocument FromJsonPatch(ReadOnlyMemory<byte> document) =>
        new((resource, _, _) => JsonPatch.Apply(resource, document));

    /// <summary>
    /// Wraps a FHIRPath Patch, whose operations are checked when it is applied. The patches of
    /// one <paramref name="scope"/> share one budget of evaluation steps. Without a scope, the
    /// patch has a budget of its own.
    /// </summary>
    public static PatchDocument FromFhirPathPatch(Parameters parameters, PatchRequestScope? scope = null)
    {
        var shared = scope ?? new PatchRequestScope();
        return new((resource, maxEvaluationSteps, cancellationToken) => FhirPathPatch.Apply(
            resource,
            parameters,
            new PatchEvaluationBudget(maxEvaluationSteps, shared, cancellationToken)));
    }

    /// <summary>
    /// Returns the patched resource JSON, or null when the patch leaves the resource as it was.
    /// Throws <see cref="FhirOperationException"/> with 400 or 422 when the patch cannot apply,
    /// which includes FHIRPath paths that take more than <paramref name="maxEvaluationSteps"/>
    /// steps together with the other patches of its scope. A FHIRPath Patch stops with <see cref="OperationCanceledException"/> when
    /// <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    internal byte[]? Apply(ReadOnlyMemory<byte> resource, long maxEvaluationSteps, CancellationToken cancellationToken) =>
        _apply(resource, maxEvaluationSteps, cancellationToken);
}
