using Sandbox.FhirStore.Storage;

namespace Sandbox.FhirStore.Operations;

/// <summary>One page of a history interaction.</summary>
/// <param name="Versions">The versions shown, newest first, after access checks.</param>
/// <param name="Next">Where the next page starts, or null when this page is the last.</param>
public sealed record HistoryPage(IReadOnlyList<StoredResource> Versions, HistoryPosition? Next);
