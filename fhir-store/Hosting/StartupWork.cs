using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Sandbox.FhirStore.Hosting;

/// <summary>
/// A hosted service whose work starts on the thread pool when the host calls
/// <see cref="StartingAsync"/>, beside the other services' start and Kestrel's binding, and
/// which <see cref="StartedAsync"/> waits for. The host reports itself started only after every
/// <c>StartedAsync</c>, so a host that delays requests until then serves none before the work is done.
/// A host can begin the work earlier, as soon as its services are built, with <see cref="BeginAll"/>.
/// </summary>
public abstract class StartupWork : IHostedLifecycleService
{
    private Task? _work;

    /// <summary>
    /// Begins the work of every <see cref="StartupWork"/> among the hosted services of
    /// <paramref name="services"/>, so that it runs while the caller still builds the request
    /// pipeline. The host's start then waits for that work instead of beginning it.
    /// </summary>
    /// <remarks>
    /// Work begun this way does not see the cancellation of the host's start: a start that is
    /// cancelled stops waiting for it, and the work ends with the process.
    /// </remarks>
    public static void BeginAll(IServiceProvider services)
    {
        foreach (var work in services.GetServices<IHostedService>().OfType<StartupWork>())
            work._work ??= Task.Run(() => work.PrepareAsync(CancellationToken.None), CancellationToken.None);
    }

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        _work ??= Task.Run(() => PrepareAsync(cancellationToken), CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StartedAsync(CancellationToken cancellationToken) =>
        await (_work ?? PrepareAsync(cancellationToken)).WaitAsync(cancellationToken);

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Does the work that must be done before the host reports itself started.</summary>
    protected abstract Task PrepareAsync(CancellationToken cancellationToken);
}
