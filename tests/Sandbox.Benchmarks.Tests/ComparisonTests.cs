using Sandbox.Benchmarks.Reporting;

namespace Sandbox.Benchmarks.Tests;

public sealed class ComparisonTests
{
    [Fact]
    public void Ratio_IsSandboxOverProbe()
    {
        var comparison = new Comparison("start", "s", Reading.Of(0.4), Reading.Of(1.0), Target.AtMost(2.0));

        Assert.Equal(2.5, comparison.Ratio);
    }

    [Fact]
    public void Verdict_AboveUpperBound_IsMissed()
    {
        var comparison = new Comparison("start", "s", Reading.Of(0.4), Reading.Of(1.0), Target.AtMost(2.0));

        Assert.Equal("MISSED", comparison.Verdict);
    }

    [Fact]
    public void Verdict_AtLowerBound_IsMet()
    {
        var comparison = new Comparison("reads", "req/s", Reading.Of(1000), Reading.Of(500), Target.AtLeast(0.5));

        Assert.Equal("met", comparison.Verdict);
    }

    [Fact]
    public void Verdict_SandboxMissing_IsNotAvailable()
    {
        var comparison = new Comparison("reads", "req/s", Reading.Of(1000), Reading.NotAvailable("404"), Target.AtLeast(0.5));

        Assert.Equal("not available", comparison.Verdict);
    }
}
