using Sandbox.Benchmarks.Processes;

namespace Sandbox.Benchmarks.Scenarios;

/// <summary>
/// Spawns the probe and the sandbox in turn, the given number of times each, and takes one
/// observation of each server while it runs. Alternating spreads the machine's drift evenly
/// over both sides. After the first failed sandbox start, only the probe is spawned. Each
/// sandbox runs until it has refilled its RSA key pool, so the next one starts with keys, as a
/// tester's sandbox does (see <see cref="BenchmarkContext.StartSandboxWithKeyPoolAsync"/>).
/// </summary>
internal static class SpawnSeries
{
    public sealed record Observations(IReadOnlyList<double> Values)
    {
        public double Median => Statistics.Median(Values);
    }

    public static async Task<(Observations Probe, Outcome<Observations> Sandbox)> RunAsync(
        BenchmarkContext context,
        int runs,
        string sandboxSeed,
        Func<ServerProcess, CancellationToken, Task<double>> observe,
        CancellationToken cancellationToken)
    {
        var probeValues = new List<double>(runs);
        var sandboxValues = new List<double>(runs);
        string? sandboxReason = null;

        for (var run = 0; run < runs; run++)
        {
            await using (var probe = await context.StartProbeAsync(null, cancellationToken))
                probeValues.Add(await observe(probe, cancellationToken));

            if (sandboxReason is not null)
                continue;

            var sandbox = await context.MeasureSandboxAsync(
                async token =>
                {
                    await using var server = await context.StartSandboxWithKeyPoolAsync(sandboxSeed, token);
                    var observation = await observe(server, token);
                    await context.WaitForFullKeyPoolAsync(token);
                    return new Observations([observation]);
                },
                cancellationToken);
            sandboxReason = sandbox.UnavailableReason;
            sandboxValues.AddRange(sandbox.Value?.Values ?? []);
        }

        var sandboxOutcome = sandboxReason is null
            ? Outcome<Observations>.Of(new Observations(sandboxValues))
            : Outcome<Observations>.NotAvailable(sandboxReason);
        return (new Observations(probeValues), sandboxOutcome);
    }
}
