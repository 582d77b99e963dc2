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

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Does the work that must be done before the host reports itself started.</summary>
    protected abstract Task PrepareAsync(CancellationToken cancellationToken);
}
