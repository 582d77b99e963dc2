using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Sandbox.FhirStore.Import;

/// <summary>The import jobs started through the admin API, kept in memory until the process stops.</summary>
public sealed class ImportJobs(ResourceImporter importer, TimeProvider timeProvider, ILogger<ImportJobs> logger)
{
    private readonly ConcurrentDictionary<string, ImportJob> _jobs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RunningImport> _running = new(StringComparer.Ordinal);

    /// <summary>Starts importing <paramref name="content"/> in the background and returns the job.</summary>
    public ImportJob Start(string name, byte[] content, bool isNdjson)
    {
        var job = new ImportJob(Guid.NewGuid().ToString("N"), name, timeProvider);
        var running = new RunningImport(job);
        _jobs[job.Id] = job;
        _running[job.Id] = running;
        _ = Task.Run(() => RunAsync(running, name, content, isNdjson));
        return job;
    }

    public ImportJob? Find(string id) => _jobs.GetValueOrDefault(id);

    /// <summary>
    /// Cancels every running job and waits until each has stopped writing. A job stops at its
    /// next transaction, and what it committed before stays in the store. Each job ends with
    /// the state <c>cancelled</c> and <paramref name="reason"/> as its message.
    /// </summary>
    /// <returns>The ids of the jobs that were running.</returns>
    public async Task<IReadOnlyList<string>> CancelRunningAsync(string reason, CancellationToken cancellationToken)
    {
        var running = _running.Values.ToList();
        foreach (var import in running)
            import.Cancel(reason);

        await Task.WhenAll(running.Select(import => import.Stopped.Task)).WaitAsync(cancellationToken);
        return [.. running.Select(import => import.Job.Id)];
    }

    private async Task RunAsync(RunningImport running, string name, byte[] content, bool isNdjson)
    {
        var job = running.Job;
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            var result = await importer.ImportAsync(name, stream, isNdjson, job, running.Cancellation.Token);

            // A cancellation that comes after the last transaction finds nothing to stop, but
            // the caller that cancelled still treats the job's resources as gone.
            if (running.Cancellation.IsCancellationRequested)
                MarkCancelled(running);
            else
                job.Complete(result);
        }
        catch (OperationCanceledException) when (running.Cancellation.IsCancellationRequested)
        {
            MarkCancelled(running);
        }
        catch (Exception exception)
        {
            // Nothing awaits this task, so any exception that escaped here would leave the job
            // "running" for good. Errors of single lines and entries are counted by the importer.
            Log.ImportJobFailed(logger, exception, job.Id);
            job.Fail($"The import failed: {exception.Message}");
        }
        finally
        {
            _running.TryRemove(job.Id, out _);
            running.Stopped.TrySetResult();
        }
    }

    private void MarkCancelled(RunningImport running)
    {
        running.Job.Cancel(running.Reason ?? "The import was cancelled.");
        Log.ImportJobCancelled(logger, running.Job.Id, running.Job.ToStatus().Resources);
    }

    /// <summary>A running job with the means to cancel it and to wait until it has stopped.</summary>
    private sealed class RunningImport(ImportJob job)
    {
        public ImportJob Job { get; } = job;

        public CancellationTokenSource Cancellation { get; } = new();

        public TaskCompletionSource Stopped { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string? Reason { get; private set; }

        public void Cancel(string reason)
        {
            Reason = reason;
            Cancellation.Cancel();
        }
    }
}
