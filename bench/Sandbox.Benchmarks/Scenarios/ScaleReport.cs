using System.Globalization;
using Sandbox.Benchmarks.Load;
using Sandbox.Benchmarks.Reporting;

namespace Sandbox.Benchmarks.Scenarios;

/// <summary>Turns the steps of the search-scale scenario into comparisons, the growth table and notes.</summary>
internal static class ScaleReport
{
    public static ScenarioReport Create(
        string name,
        string definition,
        LoadSettings load,
        IReadOnlyList<ScaleStep> steps,
        double largestP50TargetMilliseconds)
    {
        var labels = QueryLabels();
        var comparisons = steps.SelectMany(step => CompareStep(step, labels)).ToList();
        var notes = new List<string>
        {
            $"{load.Concurrency} clients, {load.Warmup.TotalSeconds:0.#} s warm-up, {load.Duration.TotalSeconds:0.#} s measured per query and size; "
                + "each size adds copies of the data set with new ids, written by the sandbox's import verb into one data folder; "
                + "the probe column is the bare probe's 20-row search over the same copies",
        };
        notes.AddRange(steps.Select(DescribeImport).OfType<string>());
        notes.AddRange(GrowthTable(steps, labels));
        notes.Add(DescribeLargestP50(steps[^1], largestP50TargetMilliseconds));
        notes.AddRange(steps.SelectMany(DescribeFailures).OfType<string>());
        return new ScenarioReport(name, definition, comparisons, notes);
    }

    private static List<string> QueryLabels() =>
        [
            $"{SearchScenario.PageSize} by patient",
            .. SearchScenario.SmartQueries.Select((query, index) => $"q{index + 1} {query.Split('?')[0]}"),
        ];

    private static IEnumerable<Comparison> CompareStep(ScaleStep step, IReadOnlyList<string> labels)
    {
        var size = FormatSize(step.Resources);
        var probeRate = Reading.Of(step.Probe.RequestsPerSecond);
        var probeP50 = Reading.Of(step.Probe.Latencies.Percentile(50));
        var probeP95 = Reading.Of(step.Probe.Latencies.Percentile(95));
        for (var index = 0; index < labels.Count; index++)
        {
            var position = index;
            var label = $"{size}: {labels[index]}";
            yield return new($"{label} rate", "req/s", probeRate, step.Sandbox.ToReading(result => result.Results[position].RequestsPerSecond), null);
            yield return new($"{label} p50", "ms", probeP50, step.Sandbox.ToReading(result => result.Results[position].Latencies.Percentile(50)), null);
            yield return new($"{label} p95", "ms", probeP95, step.Sandbox.ToReading(result => result.Results[position].Latencies.Percentile(95)), null);
        }
    }

    /// <summary>
    /// Lists, per query, the p50 at each size divided by the p50 at the first size, beside
    /// ln(size) / ln(first size), the growth that a B-tree lookup allows.
    /// </summary>
    private static IEnumerable<string> GrowthTable(IReadOnlyList<ScaleStep> steps, IReadOnlyList<string> labels)
    {
        var first = steps[0];
        var sizes = string.Join(" | ", steps.Select(step => FormatSize(step.Resources)));
        var logGrowth = string.Join(" | ", steps.Select(step => Ratio(Math.Log(step.Resources), Math.Log(first.Resources))));
        yield return $"growth table, sizes {sizes}; ln(size) / ln(first size): {logGrowth}";
        if (first.Sandbox.Value is null)
            yield break;

        for (var index = 0; index < labels.Count; index++)
        {
            var baseP50 = first.Sandbox.Value.Results[index].Latencies.Percentile(50);
            var growth = steps.Select(step => step.Sandbox.Value is { } value
                ? Ratio(value.Results[index].Latencies.Percentile(50), baseP50)
                : "n/a");
            yield return $"growth of {labels[index]} p50: {string.Join(" | ", growth)}";
        }

        var probeBase = first.Probe.Latencies.Percentile(50);
        var probeGrowth = steps.Select(step => Ratio(step.Probe.Latencies.Percentile(50), probeBase));
        yield return $"growth of the probe's 20-row search p50: {string.Join(" | ", probeGrowth)}";
    }

    private static string DescribeLargestP50(ScaleStep largest, double targetMilliseconds)
    {
        if (largest.Sandbox.Value is not { } value)
            return $"20-entry search p50 at {FormatSize(largest.Resources)} resources: not available";

        var p50 = value.Results[0].Latencies.Percentile(50);
        var verdict = p50 < targetMilliseconds ? "met" : "MISSED";
        return $"20-entry search p50 at {FormatSize(largest.Resources)} resources: {p50:0.###} ms, target under {targetMilliseconds:0} ms: {verdict}";
    }

    private static string? DescribeImport(ScaleStep step)
    {
        if (step.Sandbox.Value is not { } value)
            return null;

        if (value.ImportTime is not { } importTime)
            return $"import verb up to {FormatSize(step.Resources)} resources: not run, the store of an earlier round was reused";

        var added = step.AddedResources;
        var seconds = importTime.TotalSeconds;
        return $"import verb up to {FormatSize(step.Resources)} resources: {seconds:0.0} s for {added:N0} new resources "
            + $"({added / seconds:N0} per s, including the verb's start)";
    }

    private static IEnumerable<string?> DescribeFailures(ScaleStep step) =>
        [
            LoadChecks.DescribeFailures(step.Probe, $"bare probe at {FormatSize(step.Resources)}"),
            .. step.Sandbox.Value?.Results.Select(result => LoadChecks.DescribeFailures(result, $"sandbox at {FormatSize(step.Resources)}")) ?? [],
        ];

    private static string Ratio(double value, double baseline) =>
        (value / baseline).ToString("0.00", CultureInfo.InvariantCulture);

    private static string FormatSize(int resources) =>
        resources >= 1000 ? (resources / 1000.0).ToString("0.#", CultureInfo.InvariantCulture) + "k" : resources.ToString(CultureInfo.InvariantCulture);
}
