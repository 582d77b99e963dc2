using Microsoft.Extensions.Hosting;

namespace Sandbox.FhirStore.Hosting;

/// <summary>
/// A hosted service whose work starts on the thread pool when the host calls
/// <see cref="StartingAsync"/>, beside the other services' start and Kestrel's binding, and
/// which <see cref="StartedAsync"/> waits for. The host reports itself started only after every
/// <c>StartedAsync</c>, so a host that delays requests until then serves none before the work is done.
/// </summary>
public abstract class StartupWork : IHostedLifecycleService
{
    private Task? _work;

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        _work = Task.Run(() => PrepareAsync(cancellationToken), CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StartedAsync(CancellationToken cancellationToken) =>
        await (_work ?? PrepareAsync(cancellationToken));

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Waits for work that a stop during the start left running, until the host's shutdown
    /// timeout cancels <paramref name="cancellationToken"/>. The host disposes its services
    /// after the stop, and work that outlives them fails on the disposed service provider, which
    /// the seed loader logs as an error with its stack trace.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_work is { IsCompleted: false } work)
            await Task.WhenAny(work, Task.Delay(Timeout.Infinite, cancellationToken));
    }

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Does the work that must be done before the host reports itself started.</summary>
    protected abstract Task PrepareAsync(CancellationToken cancellationToken);
}
