namespace Sandbox.SeedData.Loading;

/// <summary>The outcome of one seed load: how many resources were written and from where.</summary>
/// <param name="Source"><c>default</c>, <c>empty</c> or the import folder.</param>
/// <param name="ResourceCount">The resources written; 0 when nothing was loaded.</param>
/// <param name="Skipped">True when the store already held data or the seed is <c>empty</c>.</param>
/// <param name="Elapsed">The time spent generating or reading and writing.</param>
/// <param name="ErrorCount">The resources of an import folder that failed to import; 0 for the generated population.</param>
public sealed record SeedLoadResult(string Source, int ResourceCount, bool Skipped, TimeSpan Elapsed, int ErrorCount = 0);
