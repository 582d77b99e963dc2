using System.Runtime;

namespace Sandbox.Host;

/// <summary>
/// Runs one aggressive, compacting full garbage collection once the sandbox has started and
/// <see cref="StartupWarmUp"/> has finished. The garbage of start-up is then returned to the
/// operating system instead of staying resident while the sandbox waits for requests: about
/// 16 MiB of committed GC memory in one measurement.
/// </summary>
internal sealed class StartupMemoryTrim(IHostApplicationLifetime lifetime, StartupWarmUp warmUp) : IHostedService
{
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
        await Task.Run(Trim, CancellationToken.None).ConfigureAwait(false);
    }

    private static void Trim()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }
}
