namespace Sandbox.FhirStore.Storage;

/// <summary>
/// A history request: of one resource (<see cref="ResourceType"/> and <see cref="Id"/>), of a
/// type (<see cref="Id"/> null) or of the whole system (both null). Versions come newest first.
/// </summary>
/// <param name="ResourceType">The type whose history is read, or null for the whole system.</param>
/// <param name="Id">The id whose history is read, or null for a whole type.</param>
/// <param name="Since">Only versions written at or after this instant (<c>_since</c>).</param>
/// <param name="AtStart">With <paramref name="AtEnd"/>, only versions current at some point in this period (<c>_at</c>).</param>
/// <param name="AtEnd">The exclusive end of the <c>_at</c> period.</param>
/// <param name="Count">The page size (<c>_count</c>).</param>
/// <param name="After">Only versions that sort after this one, the last version of the previous page; null for the first page.</param>
/// <param name="Through">
/// Only this version and those that sort before it, read nearest first (oldest first), so a
/// page can find where the page before it started. Not used together with <paramref name="After"/>.
/// </param>
public sealed record HistoryQuery(
    string? ResourceType,
    string? Id,
    DateTimeOffset? Since,
    DateTimeOffset? AtStart,
    DateTimeOffset? AtEnd,
    int Count,
    HistoryPosition? After = null,
    HistoryPosition? Through = null);
