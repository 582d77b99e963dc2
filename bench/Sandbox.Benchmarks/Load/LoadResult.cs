namespace Sandbox.Benchmarks.Load;

/// <summary>What a load run measured: successful requests, failures and latencies.</summary>
/// <param name="Succeeded">Measured requests whose response had the expected status.</param>
/// <param name="Failed">Measured requests with another status, or with no response.</param>
/// <param name="Elapsed">Time from the end of the warm-up until the last measured response.</param>
/// <param name="Latencies">Latency of each successful measured request.</param>
/// <param name="FirstFailure">The first failure of the run (warm-up included), for the report.</param>
internal sealed record LoadResult(int Succeeded, int Failed, TimeSpan Elapsed, LatencySamples Latencies, string? FirstFailure)
{
    public double RequestsPerSecond => Succeeded / Elapsed.TotalSeconds;
}
