using Sandbox.Benchmarks.Scenarios;

namespace Sandbox.Benchmarks.Tests;

public sealed class QuickRunTests(QuickRunFixture run) : IClassFixture<QuickRunFixture>
{
    [Fact]
    public void QuickRun_ProbesOnly_ExitsWithSuccess()
    {
        Assert.True(run.ExitCode == BenchmarkRunner.ExitSuccess, run.Report);
    }

    [Fact]
    public void QuickRun_ProbesOnly_NoScenarioFails()
    {
        Assert.DoesNotContain("FAILED", run.Report);
    }

    [Fact]
    public void QuickRun_ProbesOnly_ReportsEveryScenario()
    {
        foreach (var scenario in ScenarioCatalog.All)
            Assert.Contains($"== {scenario.Name}: ", run.Report);
    }

    [Fact]
    public void QuickRun_ProbesOnly_MarksSandboxSkipped()
    {
        var skipped = run.Report.Split('\n').Count(line => line.Contains("not available: skipped by --probes-only"));

        Assert.Equal(ScenarioCatalog.All.Count, skipped);
    }
}
