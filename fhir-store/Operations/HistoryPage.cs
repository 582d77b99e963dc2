using Sandbox.FhirStore.Storage;

namespace Sandbox.FhirStore.Operations;

/// <summary>One page of a history interaction.</summary>
/// <param name="Versions">The versions shown, newest first, after access checks.</param>
/// <param name="Next">Where the next page starts, or null when this page is the last.</param>
/// <param name="HasPrevious">Whether a page comes before this one.</param>
/// <param name="PreviousAfter">
/// The version just before the previous page, which that page starts after, or null when
/// the previous page is the first page.
/// </param>
public sealed record HistoryPage(
    IReadOnlyList<StoredResource> Versions,
    HistoryPosition? Next,
    bool HasPrevious = false,
    HistoryPosition? PreviousAfter = null);
