namespace Sandbox.Benchmarks.Reporting;

/// <summary>
/// Combines the reports of repeated rounds into one report per scenario: for each figure the
/// median of the probe's values and the median of the sandbox's values, and the ratio of the
/// two medians. A side with no value in any round stays not available, with its first reason.
/// </summary>
internal static class RoundSummary
{
    public static IEnumerable<ScenarioReport> Summarize(IReadOnlyList<ScenarioReport> reports, int rounds)
    {
        foreach (var scenario in reports.GroupBy(report => report.Scenario))
        {
            var measured = scenario.Where(report => report.Failure is null).ToList();
            if (measured.Count == 0)
            {
                yield return ScenarioReport.Failed(scenario.Key, scenario.First().Definition, "failed in every round");
                continue;
            }

            var comparisons = measured
                .SelectMany(report => report.Comparisons)
                .GroupBy(comparison => comparison.Figure)
                .Select(Combine)
                .ToList();
            string[] notes = [$"medians over the {measured.Count} of {rounds} rounds in which the probe side was measured"];
            yield return new ScenarioReport(scenario.Key, scenario.First().Definition, comparisons, notes);
        }
    }

    private static Comparison Combine(IGrouping<string, Comparison> rounds)
    {
        var first = rounds.First();
        return first with
        {
            Probe = CombineReadings(rounds.Select(comparison => comparison.Probe)),
            Sandbox = CombineReadings(rounds.Select(comparison => comparison.Sandbox)),
        };
    }

    private static Reading CombineReadings(IEnumerable<Reading> readings)
    {
        var all = readings.ToList();
        var values = all.Select(reading => reading.Value).OfType<double>().ToList();
        if (values.Count > 0)
            return Reading.Of(Statistics.Median(values));

        return Reading.NotAvailable(all.Select(reading => reading.UnavailableReason).OfType<string>().FirstOrDefault() ?? "not measured");
    }
}
