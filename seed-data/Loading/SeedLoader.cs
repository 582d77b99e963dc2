using System.Diagnostics;
using Hl7.Fhir.Model;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sandbox.FhirStore.Import;
using Sandbox.FhirStore.Storage;
using Sandbox.FhirStore.Storage.Sqlite;
using Sandbox.SeedData.Personas;
using Sandbox.SeedData.Population;
using Sandbox.SeedData.Reset;

namespace Sandbox.SeedData.Loading;

/// <summary>
/// Fills an empty store with the configured seed, and resets the store to it. The generated
/// population is written in one unit of work; a seed folder goes through the store's importer,
/// one file per unit. Start-up calls <see cref="LoadIfEmptyAsync"/>. The generated population is copied from a
/// snapshot file when <see cref="SeedOptions.SeedCache"/> is on (see <see cref="SeedSnapshotCache"/>).
/// </summary>
/// <remarks>
/// The store is resolved in a scope of its own for each load, whatever its lifetime. The seed
/// apps live outside the store and survive a reset. The seed personas are matched to the
/// reset store by <paramref name="personaSync"/>, when one is given.
/// </remarks>
public sealed class SeedLoader(
    IServiceScopeFactory scopeFactory,
    IOptions<SeedOptions> options,
    TimeProvider timeProvider,
    ILogger<SeedLoader> logger,
    SeedPersonaSync? personaSync = null)
{
    // Any instance of these types means the store already contains data, seeded or imported.
    private static readonly string[] OccupancyTypes = ["Patient", "Practitioner", "Organization"];

    private readonly SemaphoreSlim _gate = new(1, 1);
    private SeedPopulation? _population;

    /// <summary>
    /// Writes the seed when the store contains no Patient, Practitioner or Organization, and
    /// does nothing otherwise. The generated population is written whole or not at all, a
    /// seed folder file by file.
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
    /// Empties the store and, for <see cref="ResetTarget.Seed"/>, writes the configured seed.
    /// With the generated population this is one unit of work, so readers never see a
    /// half-reset store. A seed folder is imported after the store is emptied. Import jobs of
    /// the admin API that are still running are cancelled first, and the reset waits until
    /// they have stopped writing. No job can start until the reset ends, so no job's resources
    /// outlive the reset. Afterwards the seed personas are added or removed so that each one's
    /// <c>fhirUser</c> resource exists.
    /// </summary>
    public async Task<ResetResult> ResetAsync(ResetTarget target, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var stopwatch = Stopwatch.StartNew();
        var seed = target == ResetTarget.Empty || settings.IsEmpty ? SeedOptions.Empty : settings.Seed;

        int count;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopeFactory.CreateAsyncScope();
            using var importPause = await PauseImportJobsAsync(scope.ServiceProvider, cancellationToken);
            count = settings.IsDefault && seed != SeedOptions.Empty
                ? await ResetToPopulationAsync(scope.ServiceProvider, settings, cancellationToken)
                : await ResetToFolderAsync(scope.ServiceProvider, seed, cancellationToken);

            if (personaSync is not null)
                await personaSync.SyncAsync(scope.ServiceProvider.GetRequiredService<IResourceStore>(), cancellationToken);
        }
        finally
        {
            _gate.Release();
        }

        Log.StoreReset(logger, seed, count, stopwatch.ElapsedMilliseconds);
        return new ResetResult(target, seed, count, stopwatch.ElapsedMilliseconds);
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
        var loaded = settings.IsDefault
            ? await LoadPopulationAsync(scope.ServiceProvider, settings, cancellationToken)
            : await LoadFolderAsync(scope.ServiceProvider, settings.Seed, cancellationToken);

        stopwatch.Stop();
        if (loaded is not { } totals)
        {
            Log.StoreNotEmpty(logger, settings.Seed);
            return new SeedLoadResult(settings.Seed, 0, Skipped: true, stopwatch.Elapsed);
        }

        Log.SeedLoaded(logger, settings.Seed, totals.Resources, stopwatch.ElapsedMilliseconds);
        return new SeedLoadResult(settings.Seed, totals.Resources, Skipped: false, stopwatch.Elapsed, totals.Errors);
    }

    // Writes the generated population in one unit of work; null when the store is not empty.
    private async Task<(int Resources, int Errors)?> LoadPopulationAsync(
        IServiceProvider services,
        SeedOptions settings,
        CancellationToken cancellationToken)
    {
        if (FolderImportMarker.For(services) is { Exists: true })
            Log.UnfinishedSeedImportKept(logger);

        var written = await TryRestoreSnapshotAsync(services, settings, replace: false, cancellationToken);
        if (written is null)
        {
            var store = services.GetRequiredService<IResourceStore>();
            written = await store.ExecuteAsync(
                (transaction, token) => WriteIfEmptyAsync(transaction, () => GetPopulation().Resources, token),
                cancellationToken);
        }

        return written == 0 ? null : (written.Value, 0);
    }

    // Imports a seed folder when the store is empty or contains an import that a stopped process
    // left unfinished, which is emptied first. Returns null when the store contains other data.
    private async Task<(int Resources, int Errors)?> LoadFolderAsync(
        IServiceProvider services,
        string folder,
        CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<IResourceStore>();
        var marker = FolderImportMarker.For(services);
        if (marker is { Exists: true })
        {
            Log.UnfinishedSeedImport(logger, folder);
            await store.ExecuteAsync((transaction, token) => ReplaceAllAsync(transaction, [], token), cancellationToken);
        }
        else if (!await store.ExecuteAsync(IsEmptyAsync, cancellationToken))
        {
            return null;
        }

        return await ImportFolderAsync(services, marker, folder, cancellationToken);
    }

    private async Task<int> ResetToPopulationAsync(
        IServiceProvider services,
        SeedOptions settings,
        CancellationToken cancellationToken)
    {
        var restored = await TryRestoreSnapshotAsync(services, settings, replace: true, cancellationToken);
        if (restored is { } count)
            return count;

        var resources = GetPopulation().Resources;
        var store = services.GetRequiredService<IResourceStore>();
        return await store.ExecuteAsync((transaction, token) => ReplaceAllAsync(transaction, resources, token), cancellationToken);
    }

    // Cancels the running import jobs and rejects new ones until the returned pause is disposed.
    // Rejecting, not cancelling, a job that arrives during the reset means that no client gets
    // 202 Accepted for an import whose resources the reset then removes.
    private async Task<ImportPause?> PauseImportJobsAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        if (services.GetService<ImportJobs>() is not { } jobs)
            return null;

        var pause = await jobs.PauseAsync(CancelledByReset, cancellationToken);
        if (pause.CancelledJobIds.Count > 0)
            Log.ImportJobsCancelledByReset(logger, pause.CancelledJobIds.Count, string.Join(", ", pause.CancelledJobIds));

        return pause;
    }

    private static string CancelledByReset(int storedResources) => storedResources switch
    {
        0 => "The import was cancelled because the store was reset, before the import had stored any resources.",
        1 => "The import was cancelled because the store was reset. The reset removed the one resource it had stored.",
        _ => $"The import was cancelled because the store was reset. The reset removed the {storedResources} resources it had stored.",
    };

    // Empties the store in one unit of work, then imports the folder, if any, file by file.
    // NOTE: readers can see an empty or partly imported store until the last file commits.
    private async Task<int> ResetToFolderAsync(IServiceProvider services, string seed, CancellationToken cancellationToken)
    {
        var marker = FolderImportMarker.For(services);
        var store = services.GetRequiredService<IResourceStore>();
        await store.ExecuteAsync((transaction, token) => ReplaceAllAsync(transaction, [], token), cancellationToken);
        if (seed == SeedOptions.Empty)
        {
            marker?.Clear();
            return 0;
        }

        var (resources, _) = await ImportFolderAsync(services, marker, seed, cancellationToken);
        return resources;
    }

    // The marker is in place for the whole import and removed once the last file has committed.
    private async Task<(int Resources, int Errors)> ImportFolderAsync(
        IServiceProvider services,
        FolderImportMarker? marker,
        string folder,
        CancellationToken cancellationToken)
    {
        if (marker is not null)
            await marker.SetAsync(folder, cancellationToken);

        var importer = services.GetRequiredService<ResourceImporter>();
        var totals = await FolderSeedImporter.ImportAsync(importer, folder, logger, cancellationToken);
        marker?.Clear();
        return totals;
    }

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

    // The population is generated only once the store is known to be empty, because
    // generating it costs more than the check.
    private static async Task<int> WriteIfEmptyAsync(
        IStoreTransaction transaction,
        Func<IReadOnlyList<Resource>> readSeed,
        CancellationToken cancellationToken) =>
        await IsEmptyAsync(transaction, cancellationToken)
            ? await SeedWriter.WriteAllAsync(transaction, readSeed(), cancellationToken)
            : 0;

    private static async Task<bool> IsEmptyAsync(IStoreTransaction transaction, CancellationToken cancellationToken)
    {
        foreach (var type in OccupancyTypes)
        {
            // NOTE: an empty query is taken to match every current resource of the type.
            var existing = await transaction.MatchAsync(type, string.Empty, cancellationToken);
            if (existing.Count > 0)
                return false;
        }

        return true;
    }
}
