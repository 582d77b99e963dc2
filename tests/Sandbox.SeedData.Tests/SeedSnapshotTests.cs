using Hl7.Fhir.Model;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Sandbox.FhirStore.Storage.Sqlite;
using Sandbox.SeedData.Loading;
using Sandbox.SeedData.Reset;

namespace Sandbox.SeedData.Tests;

/// <summary>
/// The seed snapshot must leave the store exactly as writing the population resource by
/// resource does: the same rows in every table, bodies byte for byte, search index included.
/// The clock is fixed, so that both ways stamp the same <c>lastUpdated</c>.
/// </summary>
public sealed class SeedSnapshotTests : IClassFixture<SeedSnapshotTests.DirectWrite>, IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 6, 15, 9, 30, 12, 345, TimeSpan.Zero);

    private readonly DirectWrite _direct;
    private readonly string _cacheFolder = Directory.CreateTempSubdirectory("seed-cache-").FullName;

    public SeedSnapshotTests(DirectWrite direct) => _direct = direct;

    [Fact]
    public async System.Threading.Tasks.Task LoadIfEmpty_FromSnapshot_MatchesDirectWrite()
    {
        var events = new EventRecorder();
        await using var sqlite = CreateStore(seedCache: true, out var loader, events);

        await loader.LoadIfEmptyAsync(CancellationToken.None);

        Assert.Equal(["SeedSnapshotWritten", "SeedLoaded"], events.Names);
        Assert.Equal(await _direct.ReadRowsAsync(), await StoreRows.ReadAllAsync(sqlite.DatabasePath));
    }

    [Fact]
    public async System.Threading.Tasks.Task Reset_FromSnapshot_MatchesDirectWrite()
    {
        var events = new EventRecorder();
        await using var sqlite = CreateStore(seedCache: true, out var loader, events);
        await loader.LoadIfEmptyAsync(CancellationToken.None);
        var extra = new Patient { Id = "added-after-seed" };
        await sqlite.Store.ExecuteAsync((transaction, token) => transaction.SaveAsync(extra, token), CancellationToken.None);

        await loader.ResetAsync(ResetTarget.Seed, CancellationToken.None);

        Assert.Equal(["SeedSnapshotWritten", "SeedLoaded", "StoreReset"], events.Names);
        Assert.Equal(await _direct.ReadRowsAsync(), await StoreRows.ReadAllAsync(sqlite.DatabasePath));
    }

    [Fact]
    public async System.Threading.Tasks.Task LoadIfEmpty_SecondStore_ReusesSnapshot()
    {
        var events = new EventRecorder();
        await using (var first = CreateStore(seedCache: true, out var loader, events))
            await loader.LoadIfEmptyAsync(CancellationToken.None);

        await using var second = CreateStore(seedCache: true, out var secondLoader, events);
        await secondLoader.LoadIfEmptyAsync(CancellationToken.None);

        Assert.Equal(["SeedSnapshotWritten", "SeedLoaded", "SeedLoaded"], events.Names);
        Assert.Equal(await _direct.ReadRowsAsync(), await StoreRows.ReadAllAsync(second.DatabasePath));
    }

    [Fact]
    public async System.Threading.Tasks.Task LoadIfEmpty_OpenedStore_CopiesRows()
    {
        await using (var first = CreateStore(seedCache: true, out var loader))
            await loader.LoadIfEmptyAsync(CancellationToken.None);
        await using var sqlite = CreateStore(seedCache: true, out var secondLoader);
        Assert.Empty(await sqlite.ListIdsAsync("Patient"));

        await secondLoader.LoadIfEmptyAsync(CancellationToken.None);

        Assert.Equal(await _direct.ReadRowsAsync(), await StoreRows.ReadAllAsync(sqlite.DatabasePath));
    }

    [Fact]
    public async System.Threading.Tasks.Task LoadIfEmpty_NewStore_ClearsSnapshotCount()
    {
        await using var sqlite = CreateStore(seedCache: true, out var loader);

        await loader.LoadIfEmptyAsync(CancellationToken.None);

        Assert.Equal(0L, await ReadUserVersionAsync(sqlite.DatabasePath));
        Assert.Equal([SqliteDatabase.FileName], ListStoreFiles(sqlite.DatabasePath));
    }

    [Fact]
    public async System.Threading.Tasks.Task LoadIfEmpty_NewStore_AcceptsLaterWrites()
    {
        await using var sqlite = CreateStore(seedCache: true, out var loader);
        await loader.LoadIfEmptyAsync(CancellationToken.None);

        var added = new Patient { Id = "added-after-seed" };
        await sqlite.Store.ExecuteAsync((transaction, token) => transaction.SaveAsync(added, token), CancellationToken.None);

        Assert.Contains("added-after-seed", await sqlite.ListIdsAsync("Patient"));
        Assert.Equal(PopulationFixture.Population.Resources.OfType<Patient>().Count() + 1, (await sqlite.ListIdsAsync("Patient")).Count);
    }

    [Fact]
    public async System.Threading.Tasks.Task LoadIfEmpty_InvalidSnapshot_WritesDirectly()
    {
        await using (var first = CreateStore(seedCache: true, out var loader))
            await loader.LoadIfEmptyAsync(CancellationToken.None);
        var snapshot = Directory.GetFiles(_cacheFolder, "seed-*.db").Single();
        File.WriteAllBytes(snapshot, []);
        var events = new EventRecorder();

        await using var sqlite = CreateStore(seedCache: true, out var secondLoader, events);
        await secondLoader.LoadIfEmptyAsync(CancellationToken.None);

        Assert.Equal(["SeedSnapshotMismatch", "SeedLoaded"], events.Names);
        Assert.False(File.Exists(snapshot));
        Assert.Equal(await _direct.ReadRowsAsync(), await StoreRows.ReadAllAsync(sqlite.DatabasePath));
    }

    [Fact]
    public async System.Threading.Tasks.Task LoadIfEmpty_SnapshotCountChanged_WritesDirectly()
    {
        await using (var first = CreateStore(seedCache: true, out var loader))
            await loader.LoadIfEmptyAsync(CancellationToken.None);
        var snapshot = Directory.GetFiles(_cacheFolder, "seed-*.db").Single();
        await SetRecordedCountAsync(snapshot, PopulationFixture.Population.Resources.Count + 1);
        var events = new EventRecorder();

        await using var sqlite = CreateStore(seedCache: true, out var secondLoader, events);
        await secondLoader.LoadIfEmptyAsync(CancellationToken.None);

        Assert.Equal(["SeedSnapshotMismatch", "SeedLoaded"], events.Names);
        Assert.False(File.Exists(snapshot));
        Assert.Equal(await _direct.ReadRowsAsync(), await StoreRows.ReadAllAsync(sqlite.DatabasePath));
    }

    [Fact]
    public async System.Threading.Tasks.Task LoadIfEmpty_CacheOff_WritesNoSnapshot()
    {
        await using var sqlite = CreateStore(seedCache: false, out var loader);

        var result = await loader.LoadIfEmptyAsync(CancellationToken.None);

        Assert.Equal(PopulationFixture.Population.Resources.Count, result.ResourceCount);
        Assert.Empty(Directory.GetFiles(_cacheFolder));
    }

    public void Dispose() => Directory.Delete(_cacheFolder, recursive: true);

    private static async System.Threading.Tasks.Task<long> ReadUserVersionAsync(string path)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    // The database file and its WAL companions, without the data folder's other files.
    private static List<string> ListStoreFiles(string databasePath) =>
    [
        .. Directory.GetFiles(Path.GetDirectoryName(databasePath)!, SqliteDatabase.FileName + "*")
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => !name.EndsWith("-wal", StringComparison.Ordinal) && !name.EndsWith("-shm", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal),
    ];

    // The snapshot records the number of resources written into it in SQLite's user_version.
    private static async System.Threading.Tasks.Task SetRecordedCountAsync(string path, int count)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA user_version = {count}";
        await command.ExecuteNonQueryAsync();
    }

    private SqliteStore CreateStore(bool seedCache, out SeedLoader loader, ILogger<SeedLoader>? logger = null)
    {
        var options = Options.Create(new SeedOptions
        {
            Seed = SeedOptions.Default,
            SeedReferenceDate = PopulationFixture.ReferenceDate,
            SeedCache = seedCache,
            SeedCacheFolder = _cacheFolder,
        });
        logger ??= NullLogger<SeedLoader>.Instance;
        var clock = new FixedClock(Now);
        var sqlite = new SqliteStore(clock, services => services
            .AddSingleton(options)
            .AddSingleton(logger)
            .AddSingleton<SeedSnapshotCache>());
        loader = new SeedLoader(sqlite.ScopeFactory, options, clock, logger);
        return sqlite;
    }

    /// <summary>The rows of the population written resource by resource, once for the class.</summary>
    public sealed class DirectWrite : IAsyncLifetime
    {
        private List<string>? _rows;

        public Task<List<string>> ReadRowsAsync() => System.Threading.Tasks.Task.FromResult(_rows!);

        public async System.Threading.Tasks.Task InitializeAsync()
        {
            var options = Options.Create(new SeedOptions
            {
                Seed = SeedOptions.Default,
                SeedReferenceDate = PopulationFixture.ReferenceDate,
                SeedCache = false,
            });
            var clock = new FixedClock(Now);
            await using var sqlite = new SqliteStore(clock);
            var loader = new SeedLoader(sqlite.ScopeFactory, options, clock, NullLogger<SeedLoader>.Instance);
            await loader.LoadIfEmptyAsync(CancellationToken.None);
            _rows = await StoreRows.ReadAllAsync(sqlite.DatabasePath);
        }

        public System.Threading.Tasks.Task DisposeAsync() => System.Threading.Tasks.Task.CompletedTask;
    }

    /// <summary>Counts the loader's log events by name.</summary>
    private sealed class EventRecorder : ILogger<SeedLoader>
    {
        private readonly List<string> _names = [];

        public List<string> Names
        {
            get
            {
                lock (_names)
                    return [.. _names];
            }
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_names)
                _names.Add(eventId.Name ?? string.Empty);
        }
    }
}
