using Sandbox.Benchmarks.Reporting;

namespace Sandbox.Benchmarks.Tests;

public sealed class RoundSummaryTests
{
    [Fact]
    public void Summarize_ThreeRounds_TakesMedianOfEachSide()
    {
        ScenarioReport[] rounds = [Round(1.0, 3.0), Round(3.0, 1.0), Round(2.0, 5.0)];

        var summary = Assert.Single(RoundSummary.Summarize(rounds, 3));
        var comparison = Assert.Single(summary.Comparisons);

        Assert.Equal(2.0, comparison.Probe.Value);
        Assert.Equal(3.0, comparison.Sandbox.Value);
    }

    [Fact]
    public void Summarize_SandboxNeverMeasured_KeepsReason()
    {
        ScenarioReport[] rounds = [Round(1.0, null), Round(2.0, null)];

        var summary = Assert.Single(RoundSummary.Summarize(rounds, 2));
        var comparison = Assert.Single(summary.Comparisons);

        Assert.Equal("404", comparison.Sandbox.UnavailableReason);
    }

    [Fact]
    public void Summarize_ProbeFailedEveryRound_ReportsFailure()
    {
        ScenarioReport[] rounds = [ScenarioReport.Failed("start", "spawn", "exited"), ScenarioReport.Failed("start", "spawn", "exited")];

        var summary = Assert.Single(RoundSummary.Summarize(rounds, 2));

        Assert.NotNull(summary.Failure);
    }

    private static ScenarioReport Round(double probe, double? sandbox)
    {
        var sandboxReading = sandbox is { } value ? Reading.Of(value) : Reading.NotAvailable("404");
        var comparison = new Comparison("spawn to first 200", "s", Reading.Of(probe), sandboxReading, Target.AtMost(2.0));
        return new ScenarioReport("start", "spawn", [comparison], []);
    }
}
