namespace Sandbox.FhirStore.Operations.Bundles;

/// <summary>
/// An annotation on a response entry's resource: the stored JSON of that same version, so
/// that <see cref="BundleResponseWriter"/> copies the bytes instead of serializing the resource again.
/// </summary>
/// <param name="Json">The stored body, compact FHIR JSON with <c>meta</c> set.</param>
internal sealed record StoredBody(ReadOnlyMemory<byte> Json);
