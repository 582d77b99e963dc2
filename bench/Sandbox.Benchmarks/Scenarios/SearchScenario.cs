using System.Net;
using Sandbox.Benchmarks.Load;
using Sandbox.Benchmarks.Probes;
using Sandbox.Benchmarks.Reporting;

namespace Sandbox.Benchmarks.Scenarios;

/// <summary>
/// Searches by patient from concurrent clients. The bare probe looks up 20 raw JSON rows through
/// an index. The sandbox, after importing the data set, serves the same 20-entry FHIR search and
/// then each query that SMART apps send most.
/// </summary>
internal sealed class SearchScenario : IScenario
{
    /// <summary>The page size of the search by patient that has a target.</summary>
    public const int PageSize = 20;

    private const string FhirJson = "application/fhir+json";

    /// <summary>The queries SMART apps send most; {0} is the patient id.</summary>
    public static readonly string[] SmartQueries =
    [
        "Observation?patient={0}&category=vital-signs&_sort=-date&_count=50",
        "Observation?patient={0}&code=http://loinc.org|4548-4",
        "Condition?patient={0}&clinical-status=active",
        "MedicationRequest?patient={0}&status=active&_include=MedicationRequest:medication",
        "Encounter?patient={0}&_sort=-date",
        "Patient?name=smi&birthdate=ge1960",
    ];

    public string Name => "search";

    public string Definition => "search by patient, random patients, concurrent clients";

    public async Task<ScenarioReport> RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var settings = context.Settings;
        var load = new LoadSettings(settings.ReadConcurrency, settings.Warmup, settings.Duration, settings.MaxRequests);
        var searchDatabase = context.NewDatabasePath("probe-search");
        var patients = SearchRowStore.Fill(searchDatabase, context.DataSet.Bundles);

        var probe = await MeasureProbeAsync(context, searchDatabase, patients, load, cancellationToken);
        var sandbox = await context.MeasureSandboxAsync(token => MeasureSandboxAsync(context, patients, load, token), cancellationToken);

        var probeRate = Reading.Of(probe.RequestsPerSecond);
        var probeP50 = Reading.Of(probe.Latencies.Percentile(50));
        var probeP95 = Reading.Of(probe.Latencies.Percentile(95));
        var comparisons = new List<Comparison>
        {
            new($"{PageSize} by patient: throughput", "req/s", probeRate, sandbox.ToReading(result => result[0].RequestsPerSecond), Target.AtLeast(0.4)),
            new($"{PageSize} by patient: p50", "ms", probeP50, sandbox.ToReading(result => result[0].Latencies.Percentile(50)), null),
            new($"{PageSize} by patient: p95", "ms", probeP95, sandbox.ToReading(result => result[0].Latencies.Percentile(95)), null),
        };
        for (var index = 0; index < SmartQueries.Length; index++)
        {
            var position = index + 1;
            var label = $"q{position} {SmartQueries[index].Split('?')[0]}";
            comparisons.Add(new($"{label} rate", "req/s", probeRate, sandbox.ToReading(result => result[position].RequestsPerSecond), null));
            comparisons.Add(new($"{label} p50", "ms", probeP50, sandbox.ToReading(result => result[position].Latencies.Percentile(50)), null));
            comparisons.Add(new($"{label} p95", "ms", probeP95, sandbox.ToReading(result => result[position].Latencies.Percentile(95)), null));
        }

        var notes = new List<string?>
        {
            $"{load.Concurrency} clients, {load.Warmup.TotalSeconds:0.#} s warm-up, {load.Duration.TotalSeconds:0.#} s measured per query, "
                + $"patients drawn from {patients.Count}; probe GET /search/Observation?patient=X&_count={PageSize} over an index on (patient, type), "
                + $"sandbox GET /fhir/Observation?patient=X&_count={PageSize} after importing the data set",
            "each SMART query's probe column repeats the probe's 20-row search, as the nearest ceiling; qn is, in order: "
                + string.Join("  ", SmartQueries.Select((query, index) => $"{index + 1}) {string.Format(query, "X")}")),
            LoadChecks.DescribeFailures(probe, "bare probe"),
        };
        notes.AddRange(sandbox.Value?.Select(result => LoadChecks.DescribeFailures(result, "sandbox")) ?? []);
        return new ScenarioReport(Name, Definition, comparisons, [.. notes.OfType<string>()]);
    }

    private static async Task<LoadResult> MeasureProbeAsync(
        BenchmarkContext context,
        string searchDatabase,
        IReadOnlyList<string> patients,
        LoadSettings load,
        CancellationToken cancellationToken)
    {
        await using var probe = await context.StartProbeWithArgumentsAsync(["--Probe:SearchDatabase", searchDatabase], cancellationToken);
        using var generator = new LoadGenerator(probe.BaseAddress, load.Concurrency);
        var result = await generator.RunAsync(
            SearchRandomly(patients, $"search/Observation?patient={{0}}&_count={PageSize}"),
            HttpStatusCode.OK,
            load,
            cancellationToken);
        return LoadChecks.EnsureMeasured(result, "bare probe");
    }

    /// <summary>Returns the 20-entry search first, then one result per SMART query.</summary>
    private static async Task<IReadOnlyList<LoadResult>> MeasureSandboxAsync(
        BenchmarkContext context,
        IReadOnlyList<string> patients,
        LoadSettings load,
        CancellationToken cancellationToken)
    {
        await using var sandbox = await context.StartSandboxAsync("empty", cancellationToken);
        await TransactionImporter.ImportAsync(new Uri(sandbox.BaseAddress, "fhir"), context.DataSet.Bundles, cancellationToken);

        using var generator = new LoadGenerator(sandbox.BaseAddress, load.Concurrency);
        var results = new List<LoadResult>();
        foreach (var query in SmartQueries.Prepend($"Observation?patient={{0}}&_count={PageSize}"))
        {
            var result = await generator.RunAsync(SearchRandomly(patients, "fhir/" + query), HttpStatusCode.OK, load, cancellationToken);
            results.Add(LoadChecks.EnsureMeasured(result, "sandbox"));
        }

        return results;
    }

    /// <summary>Builds requests for <paramref name="pathFormat"/> with a random patient each.</summary>
    public static Func<Random, HttpRequestMessage> SearchRandomly(IReadOnlyList<string> patients, string pathFormat) =>
        random =>
        {
            var patient = Uri.EscapeDataString(patients[random.Next(patients.Count)]);
            var request = new HttpRequestMessage(HttpMethod.Get, string.Format(pathFormat, patient));
            request.Headers.Accept.ParseAdd(FhirJson);
            return request;
        };
}
