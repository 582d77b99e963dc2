using Sandbox.Benchmarks.Processes;
using Sandbox.Benchmarks.Reporting;

namespace Sandbox.Benchmarks.Scenarios;

/// <summary>Resident memory of the idle server a few seconds after it is ready.</summary>
internal sealed class MemoryScenario : IScenario
{
    private const double BytesPerMegabyte = 1024 * 1024;

    public string Name => "memory";

    public string Definition => "resident memory (VmRSS) of the idle server 3 s after its first 200";

    public async Task<ScenarioReport> RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var runs = context.Settings.MemoryRuns;
        var (probe, sandbox) = await SpawnSeries.RunAsync(
            context,
            runs,
            "default",
            (server, token) => ObserveAsync(server, context.Settings.MemorySettle, token),
            cancellationToken);

        var comparison = new Comparison(
            "idle resident memory",
            "MiB",
            Reading.Of(probe.Median),
            sandbox.ToReading(observations => observations.Median),
            Target.AtMost(1.6));
        string[] notes = [$"spawns: {runs} of each server, median reported; sandbox started with --seed default"];
        return new ScenarioReport(Name, Definition, [comparison], notes);
    }

    private static async Task<double> ObserveAsync(ServerProcess server, TimeSpan settle, CancellationToken cancellationToken)
    {
        await Task.Delay(settle, cancellationToken);
        return server.ReadResidentBytes() / BytesPerMegabyte;
    }
}
