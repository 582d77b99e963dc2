using System.Net;
using Sandbox.Benchmarks.Data;
using Sandbox.Benchmarks.Load;
using Sandbox.Benchmarks.Probes;
using Sandbox.Benchmarks.Processes;
using Sandbox.Benchmarks.Reporting;

namespace Sandbox.Benchmarks.Scenarios;

/// <summary>
/// The search scenario's queries on stores that grow in steps, by default to 40 copies of the data
/// set (about 500,000 resources with the Synthea Bundles). At each step the new copies go into
/// the bare probe's search file and, through the sandbox's <c>import</c> verb, into one sandbox
/// data folder. Both servers are then spawned on their files and measured under the same load.
/// </summary>
internal sealed class SearchScaleScenario : IScenario
{
    /// <summary>The p50 the 20-entry search must stay under at the largest store.</summary>
    private const double LargestP50TargetMilliseconds = 10;

    public string Name => "search-scale";

    public string Definition => "search by patient and the six SMART queries as the store grows to about 500,000 resources";

    // The stores grown by an earlier round of this run, reused by the next rounds.
    private ScaleStores? _stores;

    public async Task<ScenarioReport> RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var settings = context.Settings;
        var load = new LoadSettings(settings.ReadConcurrency, settings.Warmup, settings.Duration, settings.MaxRequests);
        if (_stores?.Context != context)
            _stores = new ScaleStores(context, context.NewDatabasePath("probe-search-scale"), context.NewFolder("sandbox-scale-data"));

        var stores = _stores;
        var steps = new List<ScaleStep>();
        foreach (var copies in settings.ScaleCopies)
        {
            var bundleFolder = copies > stores.Copies ? context.NewFolder($"scale-bundles-{copies}") : null;
            var addedCopies = Math.Max(0, copies - stores.Copies);
            if (bundleFolder is not null)
                WriteCopies(context.DataSet, stores, copies, bundleFolder);

            var patients = stores.PatientsByCopy.Take(copies).SelectMany(list => list).ToList();
            var probe = await MeasureProbeAsync(context, stores.ProbeDatabase, patients, load, cancellationToken);
            var sandbox = await context.MeasureSandboxAsync(
                token => MeasureSandboxAsync(context, bundleFolder, stores.DataFolder, patients, load, token),
                cancellationToken);
            if (bundleFolder is not null)
                Directory.Delete(bundleFolder, recursive: true);

            // A store whose import failed is not reused, so the next round starts from an empty one.
            if (sandbox.Value is null && bundleFolder is not null)
                _stores = null;

            var resources = context.DataSet.DistinctKeys.Count;
            steps.Add(new ScaleStep(resources * copies, copies, resources * addedCopies, patients.Count, probe, sandbox));
        }

        return ScaleReport.Create(Name, Definition, load, steps, LargestP50TargetMilliseconds);
    }

    /// <summary>
    /// Writes the copies from <see cref="ScaleStores.Copies"/> to <paramref name="to"/> - 1 of the
    /// data set as files for the import verb and into the probe's search file, and adds their patients.
    /// </summary>
    private static void WriteCopies(DataSet dataSet, ScaleStores stores, int to, string bundleFolder)
    {
        for (var copy = stores.PatientsByCopy.Count; copy < to; copy++)
        {
            var bundles = dataSet.Bundles.Select(bundle => DataSetCopies.Copy(bundle, copy)).ToList();
            foreach (var bundle in bundles)
                File.WriteAllBytes(Path.Combine(bundleFolder, $"{copy:D3}-{bundle.Name}"), bundle.Json);

            stores.PatientsByCopy.Add(SearchRowStore.Fill(stores.ProbeDatabase, bundles));
        }
    }

    private static async Task<LoadResult> MeasureProbeAsync(
        BenchmarkContext context,
        string probeDatabase,
        IReadOnlyList<string> patients,
        LoadSettings load,
        CancellationToken cancellationToken)
    {
        await using var probe = await context.StartProbeWithArgumentsAsync(["--Probe:SearchDatabase", probeDatabase], cancellationToken);
        using var generator = new LoadGenerator(probe.BaseAddress, load.Concurrency);
        var result = await generator.RunAsync(
            SearchScenario.SearchRandomly(patients, $"search/Observation?patient={{0}}&_count={SearchScenario.PageSize}"),
            HttpStatusCode.OK,
            load,
            cancellationToken);
        return LoadChecks.EnsureMeasured(result, "bare probe");
    }

    /// <summary>Imports the new copies in <paramref name="bundleFolder"/>, when there are any, then measures.</summary>
    private static async Task<SandboxStep> MeasureSandboxAsync(
        BenchmarkContext context,
        string? bundleFolder,
        string dataFolder,
        IReadOnlyList<string> patients,
        LoadSettings load,
        CancellationToken cancellationToken)
    {
        TimeSpan? importTime = bundleFolder is null
            ? null
            : await ImportVerb.RunAsync(context.SandboxAssembly, bundleFolder, dataFolder, cancellationToken);
        await using var sandbox = await context.StartSandboxOnDataAsync(dataFolder, cancellationToken);
        using var generator = new LoadGenerator(sandbox.BaseAddress, load.Concurrency);
        var queries = SearchScenario.SmartQueries.Prepend($"Observation?patient={{0}}&_count={SearchScenario.PageSize}").ToList();

        // Each size runs on a fresh process, so every query is sent untimed first. Otherwise the
        // first query measured would carry most of the JIT compilation and skew the growth table.
        var warmup = load with { Duration = load.Warmup };
        foreach (var query in queries)
            await generator.RunAsync(SearchScenario.SearchRandomly(patients, "fhir/" + query), HttpStatusCode.OK, warmup, cancellationToken);

        var results = new List<LoadResult>();
        foreach (var query in queries)
        {
            var result = await generator.RunAsync(
                SearchScenario.SearchRandomly(patients, "fhir/" + query),
                HttpStatusCode.OK,
                load,
                cancellationToken);
            results.Add(LoadChecks.EnsureMeasured(result, "sandbox"));
        }

        return new SandboxStep(importTime, results);
    }
}
