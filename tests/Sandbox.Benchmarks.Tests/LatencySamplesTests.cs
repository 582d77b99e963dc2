using Sandbox.Benchmarks.Load;

namespace Sandbox.Benchmarks.Tests;

public sealed class LatencySamplesTests
{
    [Theory]
    [InlineData(50, 50)]
    [InlineData(99, 99)]
    [InlineData(100, 100)]
    public void Percentile_HundredSamples_ReturnsNearestRank(double percent, double expected)
    {
        var samples = new LatencySamples();
        foreach (var value in Enumerable.Range(1, 100).Reverse())
            samples.Add(value);

        Assert.Equal(expected, samples.Percentile(percent));
    }

    [Fact]
    public void Percentile_NoSamples_Throws()
    {
        var samples = new LatencySamples();

        Assert.Throws<InvalidOperationException>(() => samples.Percentile(50));
    }
}
