namespace Sandbox.FhirStore.Tests.Storage;

/// <summary>
/// A system clock whose timers fire only when a test calls <see cref="FireTimers"/>, so
/// that a test decides when delayed work runs.
/// </summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    private readonly List<ManualTimer> _timers = [];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(callback, state, dueTime);
        _timers.Add(timer);
        return timer;
    }

    /// <summary>Runs the callback of every timer that is due, whatever its due time.</summary>
    public void FireTimers()
    {
        foreach (var timer in _timers.ToList())
            timer.FireIfDue();
    }

    private sealed class ManualTimer(TimerCallback callback, object? state, TimeSpan dueTime) : ITimer
    {
        private bool _due = dueTime != Timeout.InfiniteTimeSpan;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            _due = dueTime != Timeout.InfiniteTimeSpan;
            return true;
        }

        public void FireIfDue()
        {
            if (!_due)
                return;

            _due = false;
            callback(state);
        }

        public void Dispose() => _due = false;

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
