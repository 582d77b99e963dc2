using System.Net;
using Sandbox.Benchmarks.Data;
using Sandbox.Benchmarks.Load;
using Sandbox.Benchmarks.Reporting;

namespace Sandbox.Benchmarks.Scenarios;

/// <summary>
/// Reads by id, drawn uniformly over every stored resource, from concurrent clients: the raw
/// SQLite read of the bare probe against <c>GET /fhir/{type}/{id}</c> on the sandbox.
/// </summary>
internal sealed class ReadScenario : IScenario
{
    private const string FhirJson = "application/fhir+json";

    public string Name => "read";

    public string Definition => "read by id, random over the store, concurrent clients";

    public async Task<ScenarioReport> RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var settings = context.Settings;
        var load = new LoadSettings(settings.ReadConcurrency, settings.Warmup, settings.Duration, settings.MaxRequests);
        var keys = context.DataSet.DistinctKeys;

        var (json, raw) = await MeasureProbeAsync(context, keys, load, cancellationToken);
        var sandbox = await context.MeasureSandboxAsync(token => MeasureSandboxAsync(context, keys, load, token), cancellationToken);

        Comparison[] comparisons =
        [
            new("throughput", "req/s", Reading.Of(raw.RequestsPerSecond), sandbox.ToReading(result => result.RequestsPerSecond), Target.AtLeast(0.5)),
            new("latency p50", "ms", Reading.Of(raw.Latencies.Percentile(50)), sandbox.ToReading(result => result.Latencies.Percentile(50)), null),
            new("latency p95", "ms", Reading.Of(raw.Latencies.Percentile(95)), sandbox.ToReading(result => result.Latencies.Percentile(95)), null),
            new("latency p99", "ms", Reading.Of(raw.Latencies.Percentile(99)), sandbox.ToReading(result => result.Latencies.Percentile(99)), Target.AtMost(3.0)),
        ];
        string?[] notes =
        [
            $"{load.Concurrency} clients, {load.Warmup.TotalSeconds:0.#} s warm-up, {load.Duration.TotalSeconds:0.#} s measured, "
                + $"ids drawn from {keys.Count} distinct resources; probe GET /raw/{{type}}/{{id}}, sandbox GET /fhir/{{type}}/{{id}} after importing the data set",
            $"probe GET {BenchmarkContext.ProbeReadyPath} (fixed 2 KB document, the HTTP ceiling): {ReportPrinter.Format(json.RequestsPerSecond)} req/s, "
                + $"p50 {ReportPrinter.Format(json.Latencies.Percentile(50))} ms, p99 {ReportPrinter.Format(json.Latencies.Percentile(99))} ms",
            LoadChecks.DescribeFailures(raw, "bare probe"),
            LoadChecks.DescribeFailures(sandbox.Value, "sandbox"),
        ];
        return new ScenarioReport(Name, Definition, comparisons, [.. notes.OfType<string>()]);
    }

    private static async Task<(LoadResult Json, LoadResult Raw)> MeasureProbeAsync(
        BenchmarkContext context,
        IReadOnlyList<ResourceKey> keys,
        LoadSettings load,
        CancellationToken cancellationToken)
    {
        await using var probe = await context.StartProbeAsync(context.GetProbeDatabase(), cancellationToken);
        using var generator = new LoadGenerator(probe.BaseAddress, load.Concurrency);
        var json = await generator.RunAsync(
            _ => new HttpRequestMessage(HttpMethod.Get, BenchmarkContext.ProbeReadyPath),
            HttpStatusCode.OK,
            load,
            cancellationToken);
        var raw = await generator.RunAsync(ReadRandomly(keys, "raw/"), HttpStatusCode.OK, load, cancellationToken);
        return (LoadChecks.EnsureMeasured(json, "bare probe"), LoadChecks.EnsureMeasured(raw, "bare probe"));
    }

    private static async Task<LoadResult> MeasureSandboxAsync(
        BenchmarkContext context,
        IReadOnlyList<ResourceKey> keys,
        LoadSettings load,
        CancellationToken cancellationToken)
    {
        await using var sandbox = await context.StartSandboxAsync("empty", cancellationToken);
        await TransactionImporter.ImportAsync(new Uri(sandbox.BaseAddress, "fhir"), context.DataSet.Bundles, cancellationToken);

        using var generator = new LoadGenerator(sandbox.BaseAddress, load.Concurrency);
        var result = await generator.RunAsync(ReadRandomly(keys, "fhir/"), HttpStatusCode.OK, load, cancellationToken);
        return LoadChecks.EnsureMeasured(result, "sandbox");
    }

    private static Func<Random, HttpRequestMessage> ReadRandomly(IReadOnlyList<ResourceKey> keys, string pathPrefix) =>
        random =>
        {
            var key = keys[random.Next(keys.Count)];
            var request = new HttpRequestMessage(HttpMethod.Get, $"{pathPrefix}{key.Type}/{Uri.EscapeDataString(key.Id)}");
            request.Headers.Accept.ParseAdd(FhirJson);
            return request;
        };
}
