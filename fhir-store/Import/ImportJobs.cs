using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Sandbox.FhirStore.Import;

/// <summary>The import jobs started through the admin API, kept in memory until the process stops.</summary>
public sealed class ImportJobs(ResourceImporter importer, TimeProvider timeProvider, ILogger<ImportJobs> logger)
{
    private readonly ConcurrentDictionary<string, ImportJob> _jobs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RunningImport> _running = new(StringComparer.Ordinal);

    // Guards _pauses together with the registration of new jobs in _running, so that a job
    // either starts before a pause takes its list of running jobs or is rejected.
    private readonly Lock _lock = new();
    private int _pauses;

    /// <summary>
    /// Starts importing <paramref name="content"/> in the background and returns the job. Returns
    /// null without starting a job during a <see cref="PauseAsync">pause</see>, because the
    /// store reset that began the pause would remove what the job stores.
    /// </summary>
    public ImportJob? TryStart(string name, byte[] content, bool isNdjson)
    {
        var job = new ImportJob(Guid.NewGuid().ToString("N"), name, timeProvider);
        var running = new RunningImport(job);
        lock (_lock)
        {
            if (_pauses > 0)
            {
                Log.ImportJobRejectedDuringReset(logger, name);
                return null;
            }

            _jobs[job.Id] = job;
            _running[job.Id] = running;
        }

        _ = Task.Run(() => RunAsync(running, name, content, isNdjson));
        return job;
    }

    public ImportJob? Find(string id) => _jobs.GetValueOrDefault(id);

    /// <summary>
    /// Rejects new jobs until the returned pause is disposed, cancels every running job and
    /// waits until each has stopped writing. A job stops at its next transaction, and what it
    /// committed before stays in the store. Each job ends with the state <c>cancelled</c>. Its
    /// first message is what <paramref name="reason"/> returns for the number of resources the
    /// job stored, so the message can state whether the job stored any.
    /// </summary>
    public async Task<ImportPause> PauseAsync(Func<int, string> reason, CancellationToken cancellationToken)
    {
        List<RunningImport> running;
        lock (_lock)
        {
            _pauses++;
            running = [.. _running.Values];
        }

        var pause = new ImportPause([.. running.Select(import => import.Job.Id)], EndPause);
        try
        {
            foreach (var import in running)
                import.Cancel(reason);

            await Task.WhenAll(running.Select(import => import.Stopped.Task)).WaitAsync(cancellationToken);
            return pause;
        }
        catch
        {
            pause.Dispose();
            throw;
        }
    }

    private void EndPause()
    {
        lock (_lock)
            _pauses--;
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
        var stored = running.Job.ToStatus().Resources;
        running.Job.Cancel(running.Reason?.Invoke(stored) ?? "The import was cancelled.");
        var status = running.Job.ToStatus();
        Log.ImportJobCancelled(logger, running.Job.Id, status.Resources, status.Errors);
    }

    /// <summary>A running job with the means to cancel it and to wait until it has stopped.</summary>
    private sealed class RunningImport(ImportJob job)
    {
        public ImportJob Job { get; } = job;

        public CancellationTokenSource Cancellation { get; } = new();

        public TaskCompletionSource Stopped { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Func<int, string>? Reason { get; private set; }

        public void Cancel(Func<int, string> reason)
        {
            Reason = reason;
            Cancellation.Cancel();
        }
    }
}
