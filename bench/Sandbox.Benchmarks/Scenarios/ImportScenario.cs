using Sandbox.Benchmarks.Load;
using Sandbox.Benchmarks.Probes;
using Sandbox.Benchmarks.Reporting;

namespace Sandbox.Benchmarks.Scenarios;

/// <summary>
/// Ingest of the data set: the storage probe's single-thread parse and write in one transaction
/// against the sandbox importing the same Bundles as FHIR transactions over HTTP.
/// </summary>
internal sealed class ImportScenario : IScenario
{
    public string Name => "import";

    public string Definition => "import of the data set's transaction Bundles, resources per second";

    public async Task<ScenarioReport> RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var bundles = context.DataSet.Bundles;
        var probe = StorageProbe.IngestInOneTransaction(context.NewDatabasePath("probe-ingest"), bundles);
        var sandbox = await context.MeasureSandboxAsync(
            async token =>
            {
                await using var server = await context.StartSandboxAsync("empty", token);
                return await TransactionImporter.ImportAsync(new Uri(server.BaseAddress, "fhir"), bundles, token);
            },
            cancellationToken);

        var comparison = new Comparison(
            "ingest rate",
            "resources/s",
            Reading.Of(probe.ResourcesPerSecond),
            sandbox.ToReading(result => result.ResourcesPerSecond),
            Target.AtLeast(0.3));
        string[] notes =
        [
            $"probe: Firely parse, meta, serialize and SQLite write of {probe.Resources} entries on one thread, one transaction",
            $"probe time: {probe.Breakdown?.Describe()}",
            $"sandbox (--seed empty): POST /fhir with each of the {bundles.Count} Bundles in turn, entries sent as PUT Type/id to keep their ids",
            "both sides write the first Bundle once, untimed, before the timed pass, to leave JIT and one-time set-up out",
        ];
        return new ScenarioReport(Name, Definition, [comparison], notes);
    }
}
