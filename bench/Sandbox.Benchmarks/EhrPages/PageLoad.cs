namespace Sandbox.Benchmarks.EhrPages;

/// <summary>How many requests each page gets: untimed warm-up, then a measured phase bounded in count and time.</summary>
internal sealed record PageLoad(int WarmupRequests, int MaxRequests, TimeSpan Duration)
{
    /// <summary>Derives the per-page load from the run's settings: a quarter of its duration per page.</summary>
    /// <remarks>
    /// The warm-up is long because .NET recompiles a method at tier 1 only after 30 calls and a
    /// background delay. In one run after 30 warm-up requests, the vitals tab cost 78 ms of server
    /// CPU per request, and 35 ms after about 150 (load average near 30, 2 cores).
    /// </remarks>
    public static PageLoad From(RunSettings settings) => settings.Duration < TimeSpan.FromSeconds(2)
        ? new PageLoad(3, 20, settings.Duration)
        : new PageLoad(100, 300, settings.Duration / 4);
}
