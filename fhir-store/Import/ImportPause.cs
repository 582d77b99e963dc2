namespace Sandbox.FhirStore.Import;

/// <summary>
/// A period in which no import job can start, from <see cref="ImportJobs.PauseAsync"/> until
/// this object is disposed. A store reset keeps one open for its whole run.
/// </summary>
public sealed class ImportPause : IDisposable
{
    private Action? _end;

    internal ImportPause(IReadOnlyList<string> cancelledJobIds, Action end)
    {
        CancelledJobIds = cancelledJobIds;
        _end = end;
    }

    /// <summary>The ids of the jobs that were running when the pause began, all cancelled and stopped.</summary>
    public IReadOnlyList<string> CancelledJobIds { get; }

    /// <summary>Lets import jobs start again. Only the first call has an effect.</summary>
    public void Dispose() => Interlocked.Exchange(ref _end, null)?.Invoke();
}
