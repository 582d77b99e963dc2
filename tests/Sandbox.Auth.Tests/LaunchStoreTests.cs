using Microsoft.Extensions.Options;
using Sandbox.Auth.Journal;
using Sandbox.Auth.Launches;

namespace Sandbox.Auth.Tests;

public sealed class LaunchStoreTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    [Fact]
    public void Find_ExpiredLaunchNotSwept_ReturnsNull()
    {
        var clock = new ManualClock(Start);
        var store = NewStore(clock);
        var launch = store.Create(new LaunchRequest { Patient = "p-1" }, LaunchKind.Api);
        clock.Advance(Lifetime);

        var found = store.Find(launch.Id);

        Assert.Null(found);
    }

    [Fact]
    public void Create_SweepDue_DropsExpiredLaunches()
    {
        var clock = new ManualClock(Start);
        var store = NewStore(clock);
        store.Create(new LaunchRequest { Patient = "p-1" }, LaunchKind.Api);
        clock.Advance(Lifetime);

        store.Create(new LaunchRequest { Patient = "p-2" }, LaunchKind.Api);

        Assert.Equal(1, store.Count);
    }

    [Fact]
    public void Create_WithinSweepInterval_KeepsExpiredLaunches()
    {
        var clock = new ManualClock(Start);
        var store = NewStore(clock, lifetime: LaunchStore.SweepInterval / 4);
        store.Create(new LaunchRequest { Patient = "p-1" }, LaunchKind.Api);
        clock.Advance(LaunchStore.SweepInterval / 2);

        store.Create(new LaunchRequest { Patient = "p-2" }, LaunchKind.Api);

        // The first create swept at Start, before p-1 expired; the next sweep is not due yet.
        Assert.Equal(2, store.Count);
    }

    private static LaunchStore NewStore(ManualClock clock, TimeSpan? lifetime = null)
    {
        var options = Options.Create(new SmartAuthOptions { LaunchLifetime = lifetime ?? Lifetime });
        return new LaunchStore(options, new InMemoryLaunchJournal(clock), clock);
    }
}
