namespace Sandbox.Benchmarks.Data;

/// <summary>The resources every scenario stores, as transaction Bundles.</summary>
/// <param name="Description">Where the Bundles come from, printed in the report.</param>
/// <param name="Bundles">The Bundles, with every entry rewritten as <c>PUT Type/id</c>.</param>
internal sealed record DataSet(string Description, IReadOnlyList<BundleFile> Bundles)
{
    /// <summary>Entries over all Bundles; a resource repeated in several Bundles counts each time.</summary>
    public int EntryCount => Bundles.Sum(bundle => bundle.Entries.Count);

    /// <summary>Each distinct resource once, in first-seen order.</summary>
    public IReadOnlyList<ResourceKey> DistinctKeys { get; } =
        [.. Bundles.SelectMany(bundle => bundle.Entries).Distinct()];
}
