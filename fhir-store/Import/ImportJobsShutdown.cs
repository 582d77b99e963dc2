using Microsoft.Extensions.Hosting;

namespace Sandbox.FhirStore.Import;

/// <summary>
/// Cancels the running import jobs when the host stops and waits until each has stopped
/// writing, so that none is still using the store when the service provider disposes it. What
/// a job committed before stays in the store, and no new job starts after this point.
/// </summary>
internal sealed class ImportJobsShutdown(ImportJobs jobs) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // The pause is never ended, because the process is stopping and a later job would be cut off.
    public async Task StopAsync(CancellationToken cancellationToken) =>
        _ = await jobs.PauseAsync(CancelledByStop, cancellationToken);

    private static string CancelledByStop(int storedResources) => storedResources switch
    {
        0 => "The import was cancelled because the sandbox stopped, before the import had stored any resources.",
        1 => "The import was cancelled because the sandbox stopped. The one resource it had stored stays in the store.",
        _ => $"The import was cancelled because the sandbox stopped. The {storedResources} resources it had stored stay in the store.",
    };
}
