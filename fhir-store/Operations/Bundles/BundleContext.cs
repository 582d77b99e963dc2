using Sandbox.Smart.Access;

namespace Sandbox.FhirStore.Operations.Bundles;

/// <summary>What a batch or transaction is processed under.</summary>
/// <param name="Grant">The caller's access grant, checked per entry.</param>
/// <param name="BaseUrl">The public FHIR base URL, for full URLs and absolute request URLs.</param>
/// <param name="ReturnRepresentation">Whether response entries carry the stored resources.</param>
/// <param name="Mode">Whether entries keep the ids they carry.</param>
/// <param name="ReturnOutcome">
/// Whether write and delete entries carry an information OperationOutcome in <c>response.outcome</c>,
/// as <c>Prefer: return=OperationOutcome</c> requests.
/// </param>
public sealed record BundleContext(
    FhirAccessGrant Grant,
    Uri BaseUrl,
    bool ReturnRepresentation,
    BundleMode Mode,
    bool ReturnOutcome = false)
{
    /// <summary>The scope that the FHIRPath Patch entries of the Bundle share their evaluation steps in.</summary>
    public PatchRequestScope PatchScope { get; } = new();
}
