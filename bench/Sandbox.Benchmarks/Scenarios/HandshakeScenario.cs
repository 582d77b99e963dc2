using Sandbox.Benchmarks.Handshakes;
using Sandbox.Benchmarks.Load;
using Sandbox.Benchmarks.Processes;
using Sandbox.Benchmarks.Reporting;

namespace Sandbox.Benchmarks.Scenarios;

/// <summary>
/// Complete SMART handshakes, one at a time and 8-way: the bare probe's stateless handshake
/// against the sandbox's headless EHR launch, with the server's CPU time per handshake.
/// </summary>
internal sealed class HandshakeScenario : IScenario
{
    private const int Parallel = 8;

    public string Name => "handshake";

    public string Definition => "complete SMART handshake (discovery, authorize, code for tokens), sequential and 8-way";

    public async Task<ScenarioReport> RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var probe = await MeasureAsync(() => context.StartProbeAsync(null, cancellationToken), new SmartHandshake(createsLaunch: false), context.Settings, cancellationToken);
        var sandbox = await context.MeasureSandboxAsync(
            token => MeasureAsync(() => StartRegisteredSandboxAsync(context, token), new SmartHandshake(createsLaunch: true), context.Settings, token),
            cancellationToken);

        Comparison[] comparisons =
        [
            new("sequential rate", "handshakes/s", Reading.Of(probe.Sequential.RequestsPerSecond), sandbox.ToReading(result => result.Sequential.RequestsPerSecond), Target.AtLeast(0.8)),
            new("sequential p50", "ms", Reading.Of(probe.Sequential.Latencies.Percentile(50)), sandbox.ToReading(result => result.Sequential.Latencies.Percentile(50)), null),
            new("server CPU per handshake", "ms", Reading.Of(probe.CpuMilliseconds), sandbox.ToReading(result => result.CpuMilliseconds), Target.AtMost(1.6)),
            new($"{Parallel}-way rate", "handshakes/s", Reading.Of(probe.Parallel.RequestsPerSecond), sandbox.ToReading(result => result.Parallel.RequestsPerSecond), Target.AtLeast(0.75)),
            new($"{Parallel}-way p95", "ms", Reading.Of(probe.Parallel.Latencies.Percentile(95)), sandbox.ToReading(result => result.Parallel.Latencies.Percentile(95)), null),
        ];
        string?[] notes =
        [
            "probe: GET /fhir/.well-known/smart-configuration, GET /auth/authorize (302 with an HMAC-protected code), POST /auth/token "
                + "(PKCE S256 check, RS256 id_token); sandbox: the same plus POST /api/launches with skipLogin and skipConsent before authorize",
            "server CPU is user plus system time from /proc/<pid>/stat over the sequential measured phase (10 ms ticks), divided by its handshakes",
            LoadChecks.DescribeFailures(probe.Parallel, "bare probe"),
            LoadChecks.DescribeFailures(sandbox.Value?.Sequential, "sandbox"),
            LoadChecks.DescribeFailures(sandbox.Value?.Parallel, "sandbox"),
        ];
        return new ScenarioReport(Name, Definition, comparisons, [.. notes.OfType<string>()]);
    }

    private static async Task<ServerProcess> StartRegisteredSandboxAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var sandbox = await context.StartSandboxAsync("empty", cancellationToken);
        try
        {
            using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = sandbox.BaseAddress };
            await SmartHandshake.RegisterAsync(client, cancellationToken);
            return sandbox;
        }
        catch
        {
            await sandbox.DisposeAsync();
            throw;
        }
    }

    private static async Task<HandshakeResult> MeasureAsync(
        Func<Task<ServerProcess>> start,
        SmartHandshake handshake,
        RunSettings settings,
        CancellationToken cancellationToken)
    {
        await using var server = await start();
        using var generator = new LoadGenerator(server.BaseAddress, Parallel);
        Task<string?> Operation(HttpClient client, Random random, CancellationToken token) => handshake.RunAsync(client, token);

        // The warm-up runs on its own, so that the CPU reading covers the measured phase only.
        var warmup = new LoadSettings(1, settings.Warmup, TimeSpan.Zero, int.MaxValue);
        await generator.RunOperationsAsync(Operation, warmup, cancellationToken);

        var cpuBefore = ProcessCpu.ReadCpuSeconds(server.ProcessId);
        var sequential = await generator.RunOperationsAsync(Operation, new LoadSettings(1, TimeSpan.Zero, settings.Duration, settings.MaxRequests), cancellationToken);
        var cpuSeconds = ProcessCpu.ReadCpuSeconds(server.ProcessId) - cpuBefore;
        LoadChecks.EnsureMeasured(sequential, server.Launch.Name);

        var parallel = await generator.RunOperationsAsync(
            Operation,
            new LoadSettings(Parallel, settings.Warmup, settings.Duration, settings.MaxRequests),
            cancellationToken);
        LoadChecks.EnsureMeasured(parallel, server.Launch.Name);
        return new HandshakeResult(sequential, parallel, cpuSeconds * 1000 / sequential.Succeeded);
    }

    private sealed record HandshakeResult(LoadResult Sequential, LoadResult Parallel, double CpuMilliseconds);
}
