using System.Runtime;

namespace Sandbox.Host;

/// <summary>
/// Runs one aggressive, compacting full garbage collection a second after the sandbox has
/// started and <see cref="StartupWarmUp"/> has finished. The garbage of start-up is then
/// returned to the operating system instead of staying resident while the sandbox waits for
/// requests: about 16 MiB of committed GC memory in one measurement.
/// </summary>
/// <remarks>
/// The collection blocks every thread. A test suite that waits for the first response sends
/// its next requests at once, so the collection waits until that burst has passed.
/// </remarks>
internal sealed class StartupMemoryTrim(IHostApplicationLifetime lifetime, StartupWarmUp warmUp) : IHostedService
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _ = TrimAfterWarmUpAsync());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task TrimAfterWarmUpAsync()
    {
        // The warm-up task does not fault, because it catches and logs its own failure.
        await warmUp.Completion.ConfigureAwait(false);
        try
        {
            await Task.Delay(Delay, lifetime.ApplicationStopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // A sandbox that stops needs no trim.
            return;
        }

        await Task.Run(Trim, CancellationToken.None).ConfigureAwait(false);
    }

    private static void Trim()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }
}
