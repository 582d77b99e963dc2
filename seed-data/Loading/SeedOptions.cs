namespace Sandbox.SeedData.Loading;

/// <summary>
/// What fills an empty store at start-up and on reset. Bound from the <c>Sandbox</c>
/// configuration section.
/// </summary>
public sealed record SeedOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Sandbox";

    /// <summary>The <see cref="Seed"/> value that loads the generated population.</summary>
    public const string Default = "default";

    /// <summary>The <see cref="Seed"/> value that leaves the store empty.</summary>
    public const string Empty = "empty";

    /// <summary>
    /// <c>default</c> (the generated population), <c>empty</c> (nothing), or the path of a
    /// folder of FHIR JSON files (Bundles or single resources) to import. Default <c>default</c>.
    /// </summary>
    public string Seed { get; init; } = Default;

    /// <summary>
    /// The reference date of the generated population (yyyy-MM-dd). Default: today in UTC.
    /// Fix it to get the same dates on every start.
    /// </summary>
    public DateOnly? SeedReferenceDate { get; init; }

    /// <summary>
    /// Whether the generated population is loaded from a snapshot file in
    /// <see cref="SeedCacheFolder"/>, which is written on the first load and reused by later
    /// loads and resets. Default true; false writes every resource with search indexing each time.
    /// </summary>
    public bool SeedCache { get; init; } = true;

    /// <summary>
    /// The folder of the seed snapshots. Default: <c>smart-sandbox/seed-cache</c> under
    /// <c>$XDG_CACHE_HOME</c> or <c>~/.cache</c>, or under the local application data folder on
    /// Windows.
    /// </summary>
    public string? SeedCacheFolder { get; init; }

    /// <summary>Whether <see cref="Seed"/> selects the generated population.</summary>
    public bool IsDefault => string.Equals(Seed, Default, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether <see cref="Seed"/> leaves the store empty.</summary>
    public bool IsEmpty => string.Equals(Seed, Empty, StringComparison.OrdinalIgnoreCase);
}
