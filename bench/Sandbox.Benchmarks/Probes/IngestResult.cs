namespace Sandbox.Benchmarks.Probes;

/// <summary>Resources written and the time it took.</summary>
/// <param name="Resources">Entries written; a resource repeated in several Bundles counts each time.</param>
/// <param name="Elapsed">Time of the timed pass.</param>
/// <param name="Breakdown">Where the storage probe's time went; null for an import over HTTP.</param>
internal sealed record IngestResult(int Resources, TimeSpan Elapsed, IngestBreakdown? Breakdown = null)
{
    public double ResourcesPerSecond => Resources / Elapsed.TotalSeconds;
}
