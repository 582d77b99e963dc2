namespace Sandbox.FhirStore.Import;

/// <summary>One import running in the background, updated as its transactions commit.</summary>
public sealed class ImportJob(string id, string name, TimeProvider timeProvider) : IProgress<ImportProgress>
{
    private const int MaxMessages = 5;

    private readonly long _startedAt = timeProvider.GetTimestamp();
    private readonly Lock _lock = new();
    private readonly List<string> _messages = [];
    private long? _finishedAt;
    private int _resources;
    private int _errors;
    private ImportFileResult? _result;
    private string _state = "running";

    public string Id { get; } = id;

    public void Report(ImportProgress value)
    {
        lock (_lock)
        {
            _resources += value.Resources;
            _errors += value.Errors;
            _messages.AddRange(value.Messages.Take(MaxMessages - _messages.Count));
        }
    }

    /// <summary>
    /// Ends the job as <c>failed</c> when nothing was stored and something failed, and as
    /// <c>completed</c> otherwise, partial failures (<c>errors</c> above 0) included.
    /// </summary>
    public void Complete(ImportFileResult result)
    {
        lock (_lock)
            Finish(result.Resources == 0 && result.Errors > 0 ? "failed" : "completed", result);
    }

    /// <summary>Ends the job as <c>failed</c>, counting the failure that stopped it as one more error.</summary>
    public void Fail(string message)
    {
        lock (_lock)
            Finish("failed", new ImportFileResult(name, _resources, _errors + 1, TimeSpan.Zero, [.. _messages, message]));
    }

    /// <summary>
    /// Ends the job as <c>cancelled</c>, with <paramref name="message"/> saying why before the
    /// messages of the errors so far. The counts are what the job stored and what failed
    /// before it stopped.
    /// </summary>
    public void Cancel(string message)
    {
        lock (_lock)
            Finish("cancelled", new ImportFileResult(name, _resources, _errors, TimeSpan.Zero, [message, .. _messages]));
    }

    public ImportJobStatus ToStatus()
    {
        lock (_lock)
        {
            var end = _finishedAt ?? timeProvider.GetTimestamp();
            var elapsed = timeProvider.GetElapsedTime(_startedAt, end).TotalSeconds;
            var resources = _result?.Resources ?? _resources;
            var rate = elapsed > 0 ? Math.Round(resources / elapsed, 1) : 0;
            return new ImportJobStatus(
                Id,
                name,
                _state,
                resources,
                _result?.Errors ?? _errors,
                Math.Round(elapsed, 3),
                rate,
                _result?.Messages ?? [.. _messages]);
        }
    }

    // Callers hold _lock.
    private void Finish(string state, ImportFileResult result)
    {
        _result = result;
        _finishedAt = timeProvider.GetTimestamp();
        _state = state;
    }
}
