namespace Sandbox.FhirStore.Import;

/// <summary>
/// The counts that one step of an import adds once they are final: the resources a
/// transaction stored, or the resources and lines that failed with their messages.
/// </summary>
/// <param name="Resources">The resources stored in this step.</param>
/// <param name="Errors">The resources or lines that failed in this step.</param>
/// <param name="Messages">The messages of this step's failures, at most a few.</param>
public readonly record struct ImportProgress(int Resources, int Errors, IReadOnlyList<string> Messages);
