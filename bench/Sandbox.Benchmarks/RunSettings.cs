namespace Sandbox.Benchmarks;

/// <summary>Sizes and durations of one benchmark run: the full run, or the quick smoke run.</summary>
internal sealed record RunSettings
{
    /// <summary>Spawns of each server in the start scenario; the median is reported.</summary>
    public required int StartRuns { get; init; }

    /// <summary>Spawns of each server in the memory scenario; the median is reported.</summary>
    public required int MemoryRuns { get; init; }

    /// <summary>Time a server idles after its first 200 before its resident memory is read.</summary>
    public TimeSpan MemorySettle { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Time allowed from spawn to the first 200 before the server counts as not starting.</summary>
    public required TimeSpan ReadyTimeout { get; init; }

    /// <summary>Concurrent clients of the read scenario.</summary>
    public int ReadConcurrency { get; init; } = 16;

    /// <summary>Load run before the measured load, not counted.</summary>
    public required TimeSpan Warmup { get; init; }

    /// <summary>Measured load time of a throughput figure.</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>Upper bound on measured requests per figure, which also bounds the latency samples kept.</summary>
    public required int MaxRequests { get; init; }

    /// <summary>
    /// Upper bound on the measured tokens of the backend-tokens scenario per server, which is
    /// also how many client assertions are signed for its measured phase.
    /// </summary>
    public required int MaxBackendTokens { get; init; }

    /// <summary>Upper bound on the warm-up tokens of the backend-tokens scenario per server.</summary>
    public required int MaxBackendWarmupTokens { get; init; }

    /// <summary>Upper bound on the resources the per-commit storage probe writes.</summary>
    public required int MaxSingleCommits { get; init; }

    /// <summary>How many Bundle files of the data set are used; null for all of them.</summary>
    public required int? MaxBundles { get; init; }

    /// <summary>Bundles generated when no Synthea folder is configured.</summary>
    public required int GeneratedBundles { get; init; }

    /// <summary>
    /// The store sizes of the search-scale scenario, as copies of the data set, in increasing
    /// order. With the Synthea Bundles, 40 copies are about 500,000 resources.
    /// </summary>
    public required IReadOnlyList<int> ScaleCopies { get; init; }

    public static RunSettings Full { get; } = new()
    {
        StartRuns = 7,
        MemoryRuns = 3,
        ReadyTimeout = TimeSpan.FromSeconds(120),
        Warmup = TimeSpan.FromSeconds(3),
        Duration = TimeSpan.FromSeconds(10),
        MaxRequests = 2_000_000,
        MaxBackendTokens = 50_000,
        MaxBackendWarmupTokens = 10_000,
        MaxSingleCommits = 20_000,
        MaxBundles = null,
        GeneratedBundles = 42,
        ScaleCopies = [1, 10, 40],
    };

    public static RunSettings Quick { get; } = new()
    {
        StartRuns = 1,
        MemoryRuns = 1,
        ReadyTimeout = TimeSpan.FromSeconds(60),
        Warmup = TimeSpan.FromMilliseconds(300),
        Duration = TimeSpan.FromSeconds(1),
        MaxRequests = 50_000,
        MaxBackendTokens = 2_000,
        MaxBackendWarmupTokens = 500,
        MaxSingleCommits = 200,
        MaxBundles = 2,
        GeneratedBundles = 2,
        ScaleCopies = [1, 2],
    };
}
