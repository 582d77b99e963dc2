using Microsoft.Extensions.Options;
using Sandbox.Auth.Server;
using Sandbox.Auth.Server.Storage;
using Sandbox.FhirStore.Hosting;

namespace Sandbox.Auth.Tests;

/// <summary>The used assertion ids in a real <c>auth-store.db</c> in a temporary data folder.</summary>
public sealed class UsedAssertionIdsTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly string _folder = Directory.CreateTempSubdirectory("sandbox-used-ids-").FullName;
    private readonly List<AuthDatabase> _databases = [];
    private DataFolder? _dataFolder;

    // Every database of a test shares one DataFolder, because it holds the folder's lock.
    private UsedAssertionIds Open(TimeProvider clock)
    {
        _dataFolder ??= new DataFolder(Options.Create(new DataFolderOptions { DataFolder = _folder }));
        var database = new AuthDatabase(_dataFolder);
        _databases.Add(database);
        return new UsedAssertionIds(database, clock);
    }

    // The database keeps its file locked while it is open, as the host does until it stops.
    private void CloseDatabases()
    {
        foreach (var database in _databases)
            database.Dispose();

        _databases.Clear();
    }

    public void Dispose()
    {
        CloseDatabases();
        _dataFolder?.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void TryUse_NewId_ReturnsTrue()
    {
        var ids = Open(new ManualClock(Start));

        var accepted = ids.TryUse("backend", "jti-1", Start.AddMinutes(5));

        Assert.True(accepted);
    }

    [Fact]
    public void TryUse_SameIdTwice_ReturnsFalse()
    {
        var ids = Open(new ManualClock(Start));
        ids.TryUse("backend", "jti-1", Start.AddMinutes(5));

        var accepted = ids.TryUse("backend", "jti-1", Start.AddMinutes(5));

        Assert.False(accepted);
    }

    [Fact]
    public void TryUse_SameJtiOtherClient_ReturnsTrue()
    {
        var ids = Open(new ManualClock(Start));
        ids.TryUse("backend", "jti-1", Start.AddMinutes(5));

        var accepted = ids.TryUse("other-backend", "jti-1", Start.AddMinutes(5));

        Assert.True(accepted);
    }

    [Fact]
    public void TryUse_ReplayAfterSweepBeforeExpiry_ReturnsFalse()
    {
        var clock = new ManualClock(Start);
        var ids = Open(clock);
        ids.TryUse("backend", "jti-1", Start.AddMinutes(5));
        clock.Advance(TimeSpan.FromMinutes(4));
        ids.TryUse("backend", "jti-2", Start.AddMinutes(9));

        var accepted = ids.TryUse("backend", "jti-1", Start.AddMinutes(5));

        Assert.False(accepted);
    }

    [Fact]
    public void TryUse_ExpiredIdNotSwept_ReturnsTrue()
    {
        var clock = new ManualClock(Start);
        var ids = Open(clock);
        ids.TryUse("backend", "jti-1", Start.AddSeconds(1));
        clock.Advance(TimeSpan.FromSeconds(2));

        var accepted = ids.TryUse("backend", "jti-1", Start.AddMinutes(5));

        Assert.True(accepted);
    }

    [Fact]
    public void TryUse_ReopenedDatabase_ReturnsFalse()
    {
        var clock = new ManualClock(Start);
        Open(clock).TryUse("backend", "jti-1", Start.AddMinutes(5));
        CloseDatabases();

        var accepted = Open(clock).TryUse("backend", "jti-1", Start.AddMinutes(5));

        Assert.False(accepted);
    }

    [Fact]
    public void Sweep_IdsPastKeepUntil_AreDeleted()
    {
        var clock = new ManualClock(Start);
        var ids = Open(clock);
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
        var ids = Open(clock);
        ids.TryUse("backend", "jti-1", Start.AddSeconds(1));
        clock.Advance(UsedAssertionIds.SweepInterval / 2);

        ids.TryUse("backend", "jti-2", Start.AddMinutes(5));

        // The first call swept at Start, when jti-1 had not expired; the next sweep is not due yet.
        Assert.Equal(2, ids.Count);
    }
}
