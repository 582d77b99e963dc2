using Sandbox.Benchmarks;

namespace Sandbox.Benchmarks.Tests;

/// <summary>
/// One quick run of every scenario against the probes only, shared by the tests that read its
/// report. It spawns the bare probe and writes SQLite files, which took 15 seconds on a 2-core machine.
/// </summary>
public sealed class QuickRunFixture : IAsyncLifetime
{
    public int ExitCode { get; private set; }

    public string Report { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        using var output = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        ExitCode = await BenchmarkRunner.RunAsync(["all", "--quick", "--probes-only"], output, timeout.Token);
        Report = output.ToString();
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
