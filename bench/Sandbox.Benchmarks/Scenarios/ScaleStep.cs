using Sandbox.Benchmarks.Load;

namespace Sandbox.Benchmarks.Scenarios;

/// <summary>One store size of the search-scale scenario and what both sides measured at it.</summary>
/// <param name="Resources">Distinct resources in the store: the data set's times <paramref name="Copies"/>.</param>
/// <param name="Copies">Copies of the data set in the store.</param>
/// <param name="AddedResources">Distinct resources the copies of this size added to the store.</param>
/// <param name="Patients">Patients the searches draw from.</param>
/// <param name="Probe">The bare probe's 20-row search.</param>
/// <param name="Sandbox">The sandbox's import of the new copies and its searches, or why it was not measured.</param>
internal sealed record ScaleStep(int Resources, int Copies, int AddedResources, int Patients, LoadResult Probe, Outcome<SandboxStep> Sandbox);

/// <summary>The sandbox side of one store size.</summary>
/// <param name="ImportTime">
/// Time the import verb took to write the copies added at this size, or null when an earlier
/// round of the run had already grown the store to this size.
/// </param>
/// <param name="Results">The 20-entry search first, then one result per SMART query.</param>
internal sealed record SandboxStep(TimeSpan? ImportTime, IReadOnlyList<LoadResult> Results);
