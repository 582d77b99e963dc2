using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sandbox.Benchmarks.Data;
using Sandbox.Benchmarks.Load;
using Sandbox.Benchmarks.Probes;
using Sandbox.Benchmarks.Reporting;

namespace Sandbox.Benchmarks.Scenarios;

/// <summary>
/// Writes committed one at a time: the storage probe with one commit per resource against
/// sequential <c>POST /fhir/Patient</c> creates on the sandbox.
/// </summary>
internal sealed class CreatesScenario : IScenario
{
    public string Name => "creates";

    public string Definition => "single creates committed one by one, sequentially";

    public async Task<ScenarioReport> RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var settings = context.Settings;
        var probe = StorageProbe.IngestOneCommitEach(
            context.NewDatabasePath("probe-commits"),
            context.DataSet.Bundles,
            settings.MaxSingleCommits);

        var patient = CreatePatientBody(context.DataSet);
        var load = new LoadSettings(1, settings.Warmup, settings.Duration, settings.MaxRequests);
        var sandbox = await context.MeasureSandboxAsync(token => MeasureSandboxAsync(context, patient, load, token), cancellationToken);

        var comparison = new Comparison(
            "committed writes",
            "per s",
            Reading.Of(probe.ResourcesPerSecond),
            sandbox.ToReading(result => result.RequestsPerSecond),
            Target.AtLeast(0.3));
        string?[] notes =
        [
            $"probe: {probe.Resources} resources of the data set, Firely parse, serialize and one SQLite commit each",
            $"probe time: {probe.Breakdown?.Describe()}",
            $"sandbox (--seed empty): POST /fhir/Patient with the data set's first Patient ({patient.Length} bytes, id removed), "
                + $"one client, {load.Warmup.TotalSeconds:0.#} s warm-up, {load.Duration.TotalSeconds:0.#} s measured",
            LoadChecks.DescribeFailures(sandbox.Value, "sandbox"),
        ];
        return new ScenarioReport(Name, Definition, [comparison], [.. notes.OfType<string>()]);
    }

    private static async Task<LoadResult> MeasureSandboxAsync(
        BenchmarkContext context,
        byte[] patient,
        LoadSettings load,
        CancellationToken cancellationToken)
    {
        await using var sandbox = await context.StartSandboxAsync("empty", cancellationToken);
        using var generator = new LoadGenerator(sandbox.BaseAddress, load.Concurrency);
        var result = await generator.RunAsync(
            _ =>
            {
                var content = new ByteArrayContent(patient);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/fhir+json");
                return new HttpRequestMessage(HttpMethod.Post, "fhir/Patient") { Content = content };
            },
            HttpStatusCode.Created,
            load,
            cancellationToken);
        return LoadChecks.EnsureMeasured(result, "sandbox");
    }

    /// <summary>Returns the first Patient of the data set without its id, as the body of a create.</summary>
    private static byte[] CreatePatientBody(DataSet dataSet)
    {
        foreach (var bundle in dataSet.Bundles)
        {
            var entries = JsonNode.Parse(bundle.Json)?["entry"]?.AsArray() ?? [];
            var patient = entries
                .Select(entry => entry?["resource"])
                .OfType<JsonObject>()
                .FirstOrDefault(resource => (string?)resource["resourceType"] == "Patient");
            if (patient is null)
                continue;

            patient.Remove("id");
            return JsonSerializer.SerializeToUtf8Bytes(patient);
        }

        throw new InvalidDataException("The data set has no Patient to create.");
    }
}
