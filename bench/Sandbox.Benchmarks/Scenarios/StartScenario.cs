using Sandbox.Benchmarks.Processes;
using Sandbox.Benchmarks.Reporting;

namespace Sandbox.Benchmarks.Scenarios;

/// <summary>Time from spawning the built server to its first 200, as a test script would measure it.</summary>
internal sealed class StartScenario : IScenario
{
    public string Name => "start";

    public string Definition => "spawn of the built server to its first 200, median of the spawns";

    public async Task<ScenarioReport> RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var runs = context.Settings.StartRuns;
        var (probe, sandbox) = await SpawnSeries.RunAsync(context, runs, "default", ObserveAsync, cancellationToken);

        var comparison = new Comparison(
            "spawn to first 200",
            "s",
            Reading.Of(probe.Median),
            sandbox.ToReading(observations => observations.Median),
            Target.AtMost(2.0));
        string[] notes =
        [
            $"spawns: {runs} of each server, alternating; probe polled on GET {BenchmarkContext.ProbeReadyPath}, "
                + $"sandbox (--seed default) on GET {BenchmarkContext.SandboxReadyPath}, every 5 ms",
        ];
        return new ScenarioReport(Name, Definition, [comparison], notes);
    }

    private static Task<double> ObserveAsync(ServerProcess server, CancellationToken cancellationToken) =>
        Task.FromResult(server.TimeToReady.TotalSeconds);
}
