using Sandbox.FhirStore.Hosting;

namespace Sandbox.FhirStore.Tests.Hosting;

/// <summary>
/// A stop during the start waits for the start-up work, so that the host does not dispose the
/// services the work still uses.
/// </summary>
public sealed class StartupWorkTests
{
    [Fact]
    public async Task Stop_WorkRunning_WaitsForIt()
    {
        var work = new GatedWork();
        using var start = new CancellationTokenSource();
        await work.StartingAsync(start.Token);
        await start.CancelAsync();

        var stop = work.StopAsync(CancellationToken.None);
        await Task.Delay(100);
        Assert.False(stop.IsCompleted);

        work.Release();
        await stop.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(work.Finished);
    }

    [Fact]
    public async Task Stop_ShutdownTimeout_ReturnsWhileWorkRuns()
    {
        var work = new GatedWork();
        await work.StartingAsync(CancellationToken.None);
        using var shutdown = new CancellationTokenSource();

        var stop = work.StopAsync(shutdown.Token);
        await shutdown.CancelAsync();

        await stop.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(work.Finished);
        work.Release();
    }

    [Fact]
    public async Task Stop_WorkFailed_Returns()
    {
        var work = new GatedWork();
        await work.StartingAsync(CancellationToken.None);
        work.Fail();

        await work.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
    }

    // Work that runs until the test releases it or makes it fail.
    private sealed class GatedWork : StartupWork
    {
        private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Finished { get; private set; }

        public void Release() => _gate.TrySetResult();

        public void Fail() => _gate.TrySetException(new InvalidOperationException("The work failed."));

        protected override async Task PrepareAsync(CancellationToken cancellationToken)
        {
            await _gate.Task;
            Finished = true;
        }
    }
}
