using System.Diagnostics;
using Sandbox.Benchmarks.Handshakes;
using Sandbox.Benchmarks.Processes;
using Sandbox.Benchmarks.Reporting;

namespace Sandbox.Benchmarks.Scenarios;

/// <summary>
/// Time from spawning the built server to its first completed SMART handshake, as a test suite
/// that starts the sandbox and launches an app at once would see it.
/// </summary>
internal sealed class FirstLaunchScenario : IScenario
{
    public string Name => "first-launch";

    public string Definition => "spawn of the built server to its first completed handshake, median of the spawns";

    public async Task<ScenarioReport> RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var runs = context.Settings.StartRuns;
        var (probe, sandbox) = await SpawnSeries.RunAsync(context, runs, "default", ObserveAsync, cancellationToken);

        var comparison = new Comparison(
            "spawn to first launch",
            "s",
            Reading.Of(probe.Median),
            sandbox.ToReading(observations => observations.Median),
            Target.AtMost(1.3));
        string[] notes =
        [
            $"spawns: {runs} of each server, alternating; time to the first 200 on the ready path plus one handshake; "
                + "on the sandbox (--seed default) the benchmark's app and persona are registered through the admin API first, and that time counts",
        ];
        return new ScenarioReport(Name, Definition, [comparison], notes);
    }

    private static async Task<double> ObserveAsync(ServerProcess server, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var isSandbox = server.Launch.Name == "sandbox";
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = server.BaseAddress,
        };
        if (isSandbox)
            await SmartHandshake.RegisterAsync(client, cancellationToken);

        var failure = await new SmartHandshake(createsLaunch: isSandbox).RunAsync(client, cancellationToken);
        if (failure is not null)
            throw new ServerUnavailableException($"the first handshake on the {server.Launch.Name} failed: {failure}");

        return (server.TimeToReady + stopwatch.Elapsed).TotalSeconds;
    }
}
