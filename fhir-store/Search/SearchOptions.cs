namespace Sandbox.FhirStore.Search;

/// <summary>Search paging limits, bound from the <c>Sandbox:Search</c> configuration section.</summary>
public sealed record SearchOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Sandbox:Search";

    /// <summary>The page size when a search sends no <c>_count</c>. Default 20.</summary>
    public int DefaultCount { get; init; } = 20;

    /// <summary>The largest page size; a larger <c>_count</c> is lowered to it. Default 500.</summary>
    public int MaxCount { get; init; } = 500;

    /// <summary>How long the paging links of a search stay valid. Default 30 minutes.</summary>
    public TimeSpan CursorLifetime { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// The maximum number of match keys that the paging cursors of all searches keep in
    /// memory together, 8 bytes each. When a new cursor does not fit, the oldest cursors are
    /// dropped and their paging links return 410 Gone. Default 4,000,000 (32 MB of keys).
    /// </summary>
    public long MaxCursorKeys { get; init; } = 4_000_000;

    /// <summary>
    /// The maximum number of matches one search keeps for paging. Later matches are not
    /// reachable through its links, and the Bundle reports that in an OperationOutcome. Default 100,000.
    /// </summary>
    public int MaxResults { get; init; } = 100_000;
}
