using Sandbox.Auth.Server;

namespace Sandbox.Auth.Tests;

public sealed class UsedAssertionIdsTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TryUse_NewId_ReturnsTrue()
    {
        var ids = new UsedAssertionIds(new ManualClock(Start));

        var accepted = ids.TryUse("backend", "jti-1", Start.AddMinutes(5));

        Assert.True(accepted);
    }

    [Fact]
    public void TryUse_SameIdTwice_ReturnsFalse()
    {
        var ids = new UsedAssertionIds(new ManualClock(Start));
        ids.TryUse("backend", "jti-1", Start.AddMinutes(5));

        var accepted = ids.TryUse("backend", "jti-1", Start.AddMinutes(5));

        Assert.False(accepted);
    }

    [Fact]
    public void TryUse_SameJtiOtherClient_ReturnsTrue()
    {
        var ids = new UsedAssertionIds(new ManualClock(Start));
        ids.TryUse("backend", "jti-1", Start.AddMinutes(5));

        var accepted = ids.TryUse("other-backend", "jti-1", Start.AddMinutes(5));

        Assert.True(accepted);
    }

    [Fact]
    public void TryUse_ReplayAfterSweep_ReturnsFalse()
    {
        var clock = new ManualClock(Start);
        var ids = new UsedAssertionIds(clock);
        ids.TryUse("backend", "jti-1", Start.AddMinutes(5));
        clock.Advance(TimeSpan.FromMinutes(4));
        ids.TryUse("backend", "jti-2", Start.AddMinutes(9));

        var accepted = ids.TryUse("backend", "jti-1", Start.AddMinutes(5));

        Assert.False(accepted);
    }

    [Fact]
    public void Sweep_IdsPastKeepUntil_AreDropped()
    {
        var clock = new ManualClock(Start);
        var ids = new UsedAssertionIds(clock);
        ids.TryUse("backend", "jti-1", Start.AddMinutes(1));
        ids.TryUse("backend", "jti-2", Start.AddMinutes(10));
        clock.Advance(TimeSpan.FromMinutes(2));

        ids.TryUse("backend", "jti-3", Start.AddMinutes(7));

        Assert.Equal(2, ids.Count);
    }

    [Fact]
    public void Sweep_WithinInterval_RunsOnce()
    {
        var clock = new ManualClock(Start);
        var ids = new UsedAssertionIds(clock);
        ids.TryUse("backend", "jti-1", Start.AddSeconds(1));
        clock.Advance(UsedAssertionIds.SweepInterval / 2);

        ids.TryUse("backend", "jti-2", Start.AddMinutes(5));

        // The first call swept at Start, when jti-1 had not expired; the next sweep is not due yet.
        Assert.Equal(2, ids.Count);
    }
}
