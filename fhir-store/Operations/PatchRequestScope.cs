namespace Sandbox.FhirStore.Operations;

/// <summary>
/// The FHIRPath Patches of one request, such as the PATCH entries of a batch or transaction
/// Bundle. They share one budget of evaluation steps, so a Bundle of many patches cannot take
/// more work than a single PATCH.
/// </summary>
public sealed class PatchRequestScope
{
    /// <summary>The steps that the patches of the request have taken so far.</summary>
    internal long StepsTaken { get; set; }
}
