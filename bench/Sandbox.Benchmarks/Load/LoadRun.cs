using System.Diagnostics;

namespace Sandbox.Benchmarks.Load;

/// <summary>The state that the workers of one load run share: its clock, phases and counters.</summary>
internal sealed class LoadRun(LoadSettings settings, Stopwatch clock)
{
    private int _measured;
    private int _succeeded;
    private int _failed;
    private int _warmupFailed;
    private int _anySucceeded;
    private string? _firstFailure;

    public Stopwatch Clock { get; } = clock;

    public int Succeeded => Volatile.Read(ref _succeeded);

    public int Failed => Volatile.Read(ref _failed);

    public string? FirstFailure => Volatile.Read(ref _firstFailure);

    /// <summary>Whether a request starting now is past the measured phase or the request bound.</summary>
    public bool IsOver(TimeSpan now) =>
        now >= settings.Warmup + settings.Duration || Volatile.Read(ref _measured) >= settings.MaxRequests;

    /// <summary>Whether a request that started at <paramref name="startedAt"/> belongs to the measured phase.</summary>
    public bool IsMeasured(TimeSpan startedAt) => startedAt >= settings.Warmup;

    /// <summary>Whether so many requests failed without any success that the run should stop.</summary>
    public bool HasFailedThrough(int failures) =>
        Failed + Volatile.Read(ref _warmupFailed) >= failures && Volatile.Read(ref _anySucceeded) == 0;

    public void RecordWarmup(string? failure)
    {
        if (failure is null)
        {
            Volatile.Write(ref _anySucceeded, 1);
            return;
        }

        Interlocked.Increment(ref _warmupFailed);
        Interlocked.CompareExchange(ref _firstFailure, failure, null);
    }

    /// <summary>Counts a measured request; returns false when the request bound was already reached.</summary>
    public bool TryCountMeasured(string? failure)
    {
        if (Interlocked.Increment(ref _measured) > settings.MaxRequests)
            return false;

        if (failure is null)
        {
            Interlocked.Increment(ref _succeeded);
            Volatile.Write(ref _anySucceeded, 1);
            return true;
        }

        Interlocked.Increment(ref _failed);
        Interlocked.CompareExchange(ref _firstFailure, failure, null);
        return true;
    }
}
