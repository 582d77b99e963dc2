using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Sandbox.FhirStore.Hosting;

/// <summary>
/// Refills <see cref="RsaKeyPool"/> in the background when this process took a key from it,
/// a few seconds after the host has started, so the generation does not compete with the
/// start or with the first requests. A stop cancels the refill between two keys.
/// </summary>
internal sealed class RsaKeyPoolRefill(
    RsaKeyPool pool,
    IHostApplicationLifetime lifetime,
    TimeProvider timeProvider,
    ILogger<RsaKeyPoolRefill> logger) : BackgroundService
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await WaitForStartAsync(stoppingToken);
            await Task.Delay(Delay, timeProvider, stoppingToken);
            if (pool.WasUsed)
                await Task.Run(() => pool.Refill(stoppingToken), stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The pool only saves time: without it, each start generates its own keys.
            Log.KeyPoolRefillFailed(logger, exception, pool.Folder);
        }
    }

    private Task WaitForStartAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        return started.Task.WaitAsync(stoppingToken);
    }
}
