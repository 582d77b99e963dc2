using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Sandbox.FhirStore.Import;

/// <summary>The import jobs started through the admin API, kept in memory until the process stops.</summary>
public sealed class ImportJobs(ResourceImporter importer, TimeProvider timeProvider, ILogger<ImportJobs> logger)
{
    private readonly ConcurrentDictionary<string, ImportJob> _jobs = new(StringComparer.Ordinal);

    /// <summary>Starts importing <paramref name="content"/> in the background and returns the job.</summary>
    public ImportJob Start(string name, byte[] content, bool isNdjson)
    {
        var job = new ImportJob(Guid.NewGuid().ToString("N"), name, timeProvider);
        _jobs[job.Id] = job;
        _ = Task.Run(() => RunAsync(job, name, content, isNdjson));
        return job;
    }

    public ImportJob? Find(string id) => _jobs.GetValueOrDefault(id);

    private async Task RunAsync(ImportJob job, string name, byte[] content, bool isNdjson)
    {
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            var result = await importer.ImportAsync(name, stream, isNdjson, job, CancellationToken.None);
            job.Complete(result);
        }
        catch (Exception exception)
        {
            // Nothing awaits this task, so any exception that escaped here would leave the job
            // "running" for good. Errors of single lines and entries are counted by the importer.
            Log.ImportJobFailed(logger, exception, job.Id);
            job.Fail($"The import failed: {exception.Message}");
        }
    }
}
