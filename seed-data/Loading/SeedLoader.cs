using System.Diagnostics;
using Hl7.Fhir.Model;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sandbox.FhirStore.Storage;
using Sandbox.FhirStore.Storage.Sqlite;
using Sandbox.SeedData.Population;
using Sandbox.SeedData.Reset;

namespace Sandbox.SeedData.Loading;

/// <summary>
/// Fills an empty store with the configured seed in one unit of work, and resets the store to
/// it. Start-up calls <see cref="LoadIfEmptyAsync"/>. The generated population is copied from a
/// snapshot file when <see cref="SeedOptions.SeedCache"/> is on (see <see cref="SeedSnapshotCache"/>).
/// </summary>
/// <remarks>
/// The store is resolved in a scope of its own for each load, whatever its lifetime. The seed
/// personas and apps live outside the store and survive a reset.
/// </remarks>
public sealed class SeedLoader(
    IServiceScopeFactory scopeFactory,
    IOptions<SeedOptions> options,
    TimeProvider timeProvider,
    ILogger<SeedLoader> logger)
{
    // Any instance of these types means the store already contains data, seeded or imported.
    private static readonly string[] OccupancyTypes = ["Patient", "Practitioner", "Organization"];

    private readonly SemaphoreSlim _gate = new(1, 1);
    private SeedPopulation? _population;

    /// <summary>
    /// Writes the seed when the store contains no Patient, Practitioner or Organization, and
    /// does nothing otherwise. Either every resource is written or none is.
    /// </summary>
    public async Task<SeedLoadResult> LoadIfEmptyAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.IsEmpty)
        {
            Log.EmptySeed(logger);
            return new SeedLoadResult(SeedOptions.Empty, 0, Skipped: true, TimeSpan.Zero);
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await LoadAsync(settings, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.SeedFailed(logger, settings.Seed, exception);
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Empties the store and, for <see cref="ResetTarget.Seed"/>, writes the configured seed, all
    /// in one unit of work, so readers never see a half-reset store.
    /// </summary>
    public async Task<ResetResult> ResetAsync(ResetTarget target, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var stopwatch = Stopwatch.StartNew();
        var resetsToEmpty = target == ResetTarget.Empty || settings.IsEmpty;
        int count;

        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopeFactory.CreateAsyncScope();
            var restored = resetsToEmpty
                ? null
                : await TryRestoreSnapshotAsync(scope.ServiceProvider, settings, replace: true, cancellationToken);
            if (restored is null)
            {
                IReadOnlyList<Resource> resources = resetsToEmpty ? [] : ReadSeed(settings);
                var store = scope.ServiceProvider.GetRequiredService<IResourceStore>();
                restored = await store.ExecuteAsync((transaction, token) => ReplaceAllAsync(transaction, resources, token), cancellationToken);
            }

            count = restored.Value;
        }
        finally
        {
            _gate.Release();
        }

        var source = resetsToEmpty ? SeedOptions.Empty : settings.Seed;
        Log.StoreReset(logger, source, count, stopwatch.ElapsedMilliseconds);
        return new ResetResult(target, source, count, stopwatch.ElapsedMilliseconds);
    }

    /// <summary>Returns the generated population for the configured or current reference date, generating it once per date.</summary>
    /// <remarks>
    /// The population stays in memory until the date changes. A load or reset from an existing
    /// snapshot does not call this method, so a sandbox that starts from the snapshot never
    /// keeps the population in memory.
    /// </remarks>
    public SeedPopulation GetPopulation()
    {
        var date = GetReferenceDate();
        if (_population?.ReferenceDate != date)
            _population = PopulationGenerator.Generate(date);

        return _population;
    }

    private DateOnly GetReferenceDate() =>
        options.Value.SeedReferenceDate ?? DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime);

    private async Task<SeedLoadResult> LoadAsync(SeedOptions settings, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();

        await using var scope = scopeFactory.CreateAsyncScope();
        var written = await TryRestoreSnapshotAsync(scope.ServiceProvider, settings, replace: false, cancellationToken);
        if (written is null)
        {
            var store = scope.ServiceProvider.GetRequiredService<IResourceStore>();
            written = await store.ExecuteAsync(
                (transaction, token) => WriteIfEmptyAsync(transaction, () => ReadSeed(settings), token),
                cancellationToken);
        }

        stopwatch.Stop();
        if (written == 0)
        {
            Log.StoreNotEmpty(logger, settings.Seed);
            return new SeedLoadResult(settings.Seed, 0, Skipped: true, stopwatch.Elapsed);
        }

        Log.SeedLoaded(logger, settings.Seed, written.Value, stopwatch.ElapsedMilliseconds);
        return new SeedLoadResult(settings.Seed, written.Value, Skipped: false, stopwatch.Elapsed);
    }

    private IReadOnlyList<Resource> ReadSeed(SeedOptions settings) =>
        settings.IsDefault ? GetPopulation().Resources : new ImportFolderReader(logger).Read(settings.Seed);

    // Copies the generated population from its snapshot, which is written first when missing.
    // Returns null when the seed is not the generated population, the cache is off or unusable,
    // or (without replace) the store is not empty, so that the caller writes resource by resource.
    private async Task<int?> TryRestoreSnapshotAsync(
        IServiceProvider services,
        SeedOptions settings,
        bool replace,
        CancellationToken cancellationToken)
    {
        var cache = services.GetService<SeedSnapshotCache>();
        var snapshot = services.GetService<SqliteStoreSnapshot>();
        if (!settings.IsDefault || cache is null || snapshot is null)
            return null;

        var path = await cache.GetOrCreateAsync(GetReferenceDate(), GetPopulation, cancellationToken);
        if (path is null)
            return null;

        try
        {
            return await snapshot.RestoreAsync(path, replace, cancellationToken);
        }
        catch (Exception exception) when (exception is InvalidDataException or SqliteException)
        {
            // The next load writes a new snapshot in its place.
            Log.SeedSnapshotMismatch(logger, path, exception);
            File.Delete(path);
            return null;
        }
    }

    private static async Task<int> ReplaceAllAsync(IStoreTransaction transaction, IReadOnlyList<Resource> resources, CancellationToken cancellationToken)
    {
        await transaction.ClearAsync(cancellationToken);
        return await SeedWriter.WriteAllAsync(transaction, resources, cancellationToken);
    }

    // The seed is read only once the store is known to be empty, because generating the
    // population or reading an import folder costs more than the check.
    private static async Task<int> WriteIfEmptyAsync(
        IStoreTransaction transaction,
        Func<IReadOnlyList<Resource>> readSeed,
        CancellationToken cancellationToken)
    {
        foreach (var type in OccupancyTypes)
        {
            // NOTE: an empty query is taken to match every current resource of the type.
            var existing = await transaction.MatchAsync(type, string.Empty, cancellationToken);
            if (existing.Count > 0)
                return 0;
        }

        return await SeedWriter.WriteAllAsync(transaction, readSeed(), cancellationToken);
    }
}
