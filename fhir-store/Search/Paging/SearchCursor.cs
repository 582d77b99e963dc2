namespace Sandbox.FhirStore.Search.Paging;

/// <summary>
/// The stored state of a search whose matches span several pages: the ordered match keys
/// taken when the search ran, so pages neither skip nor repeat a match while others write.
/// </summary>
/// <param name="ResourceType">The searched type, or null for a system-wide search.</param>
/// <param name="Compartment">The compartment searched in, such as <c>Patient/123</c>, or null.</param>
/// <param name="Parameters">The parameters the search used, for result options and the self link.</param>
/// <param name="GrantFingerprint">The grant that produced the keys; another grant cannot page through them.</param>
/// <param name="IsTruncated">Whether matches beyond the configured maximum were dropped.</param>
internal sealed record SearchCursor(
    string? ResourceType,
    string? Compartment,
    List<KeyValuePair<string, string>> Parameters,
    string GrantFingerprint,
    bool IsTruncated)
{
    /// <summary>The ordered match keys.</summary>
    public IReadOnlyList<long> Keys { get; init; } = [];

    /// <summary>The store's reset count (<c>SqliteDatabase.ResetCount</c>) before the keys were read.</summary>
    public long StoreResets { get; init; }
}
