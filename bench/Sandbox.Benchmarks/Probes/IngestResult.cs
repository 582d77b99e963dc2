namespace Sandbox.Benchmarks.Probes;

/// <summary>Resources written and the time it took.</summary>
internal sealed record IngestResult(int Resources, TimeSpan Elapsed)
{
    public double ResourcesPerSecond => Resources / Elapsed.TotalSeconds;
}
