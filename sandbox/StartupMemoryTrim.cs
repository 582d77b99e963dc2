using System.Runtime;

namespace Sandbox.Host;

/// <summary>
/// Runs one aggressive, compacting full garbage collection once the sandbox has started. The
/// garbage of start-up is then returned to the operating system instead of staying resident
/// while the sandbox waits for requests: about 16 MiB of committed GC memory in one measurement.
/// </summary>
internal sealed class StartupMemoryTrim(IHostApplicationLifetime lifetime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _ = Task.Run(Trim, CancellationToken.None));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static void Trim()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }
}
