namespace Sandbox.Benchmarks.Tests;

public sealed class BenchmarkOptionsTests
{
    private static readonly string[] Known = ["start", "memory", "read"];

    [Fact]
    public void Parse_UnknownScenario_ReturnsError()
    {
        var options = BenchmarkOptions.Parse(["start", "speed"], Known, out var error);

        Assert.Null(options);
        Assert.Contains("'speed'", error);
    }

    [Fact]
    public void Parse_All_SelectsEveryScenarioOnce()
    {
        var options = BenchmarkOptions.Parse(["read", "all"], Known, out _);

        Assert.Equal(["read", "start", "memory"], options?.Scenarios);
    }

    [Fact]
    public void Parse_NoScenario_SelectsAll()
    {
        var options = BenchmarkOptions.Parse(["--quick"], Known, out _);

        Assert.Equal(Known, options?.Scenarios);
    }

    [Fact]
    public void Parse_ScaleCopies_ReadsSizes()
    {
        var options = BenchmarkOptions.Parse(["--scale-copies", "1,4,10"], Known, out _);

        Assert.Equal([1, 4, 10], options?.ScaleCopies);
    }

    [Fact]
    public void Parse_ScaleCopiesDecreasing_ReturnsError()
    {
        var options = BenchmarkOptions.Parse(["--scale-copies", "4,1"], Known, out var error);

        Assert.Null(options);
        Assert.Contains("--scale-copies", error);
    }

    [Fact]
    public void Parse_Help_ReturnsNullWithoutError()
    {
        var options = BenchmarkOptions.Parse(["--help"], Known, out var error);

        Assert.Null(options);
        Assert.Null(error);
    }

    [Fact]
    public void Parse_RoundsZero_ReturnsError()
    {
        var options = BenchmarkOptions.Parse(["--rounds", "0"], Known, out var error);

        Assert.Null(options);
        Assert.Contains("--rounds", error);
    }

    [Fact]
    public void Parse_Rounds_SetsRoundCount()
    {
        var options = BenchmarkOptions.Parse(["start", "--rounds", "3"], Known, out _);

        Assert.Equal(3, options?.Rounds);
    }
}
