namespace Sandbox.Auth.Tests;

public sealed class SweepScheduleTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    [Fact]
    public void TryStart_FirstCall_ReturnsTrue()
    {
        var schedule = new SweepSchedule(new ManualClock(Start), Interval);

        var started = schedule.TryStart(out _);

        Assert.True(started);
    }

    [Fact]
    public void TryStart_WithinInterval_ReturnsFalse()
    {
        var clock = new ManualClock(Start);
        var schedule = new SweepSchedule(clock, Interval);
        schedule.TryStart(out _);
        clock.Advance(Interval / 2);

        var started = schedule.TryStart(out _);

        Assert.False(started);
    }

    [Fact]
    public void TryStart_AfterInterval_ReturnsTrue()
    {
        var clock = new ManualClock(Start);
        var schedule = new SweepSchedule(clock, Interval);
        schedule.TryStart(out _);
        clock.Advance(Interval);

        var started = schedule.TryStart(out var now);

        Assert.True(started);
        Assert.Equal(Start + Interval, now);
    }
}
