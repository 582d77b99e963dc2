namespace Sandbox.Auth;

/// <summary>
/// Decides when an in-memory store may drop its expired entries: at most once per
/// <see cref="Interval"/>, and then for one caller only. A store that swept on every request
/// would scan all its entries each time, so a request would cost more the longer the
/// sandbox runs.
/// </summary>
internal sealed class SweepSchedule(TimeProvider timeProvider, TimeSpan interval)
{
    private long _nextSweepTicks;

    /// <summary>The least time between two sweeps.</summary>
    public TimeSpan Interval => interval;

    /// <summary>
    /// Returns true when a sweep is due, to one caller only. Callers that ask at the same moment
    /// get false and go on at once.
    /// </summary>
    /// <param name="now">The current time, as the caller's <see cref="TimeProvider"/> gives it.</param>
    public bool TryStart(out DateTimeOffset now)
    {
        now = timeProvider.GetUtcNow();
        var due = Interlocked.Read(ref _nextSweepTicks);
        if (now.UtcTicks < due)
            return false;

        return Interlocked.CompareExchange(ref _nextSweepTicks, (now + interval).UtcTicks, due) == due;
    }
}
