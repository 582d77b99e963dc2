namespace Sandbox.FhirStore.Import;

/// <summary>One import running in the background, updated as its transactions commit.</summary>
public sealed class ImportJob(string id, string name, TimeProvider timeProvider) : IProgress<int>
{
    private readonly long _startedAt = timeProvider.GetTimestamp();
    private long? _finishedAt;
    private int _resources;
    private ImportFileResult? _result;
    private string _state = "running";

    public string Id { get; } = id;

    public void Report(int value) => Interlocked.Add(ref _resources, value);

    /// <summary>
    /// Ends the job as <c>failed</c> when nothing was stored and something failed, and as
    /// <c>completed</c> otherwise, partial failures (<c>errors</c> above 0) included.
    /// </summary>
    public void Complete(ImportFileResult result)
    {
        _result = result;
        Finish(result.Resources == 0 && result.Errors > 0 ? "failed" : "completed");
    }

    public void Fail(string message)
    {
        _result = new ImportFileResult(name, _resources, 1, TimeSpan.Zero, [message]);
        Finish("failed");
    }

    /// <summary>Ends the job as <c>cancelled</c>, with <paramref name="message"/> saying why.</summary>
    public void Cancel(string message)
    {
        _result = new ImportFileResult(name, Volatile.Read(ref _resources), 0, TimeSpan.Zero, [message]);
        Finish("cancelled");
    }

    public ImportJobStatus ToStatus()
    {
        var end = _finishedAt ?? timeProvider.GetTimestamp();
        var elapsed = timeProvider.GetElapsedTime(_startedAt, end).TotalSeconds;
        var resources = _result?.Resources ?? Volatile.Read(ref _resources);
        var rate = elapsed > 0 ? Math.Round(resources / elapsed, 1) : 0;
        return new ImportJobStatus(
            Id,
            name,
            _state,
            resources,
            _result?.Errors ?? 0,
            Math.Round(elapsed, 3),
            rate,
            _result?.Messages ?? []);
    }

    private void Finish(string state)
    {
        _finishedAt = timeProvider.GetTimestamp();
        _state = state;
    }
}
