namespace Sandbox.Benchmarks.Load;

/// <summary>How a load run is shaped.</summary>
/// <param name="Concurrency">Workers, each with one request in flight at a time.</param>
/// <param name="Warmup">Load before the measurement starts; its requests are not counted.</param>
/// <param name="Duration">Measured time, ended early when <paramref name="MaxRequests"/> are measured.</param>
/// <param name="MaxRequests">Upper bound on measured requests, which also bounds the latency samples kept.</param>
internal sealed record LoadSettings(int Concurrency, TimeSpan Warmup, TimeSpan Duration, int MaxRequests);
