using System.Diagnostics;
using Hl7.Fhir.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sandbox.FhirStore.Storage;
using Sandbox.SeedData.Population;
using Sandbox.SeedData.Reset;

namespace Sandbox.SeedData.Loading;

// NOTE: the sandbox has no data reset yet. A reset must clear the store and then call
// LoadIfEmptyAsync. The seed personas and apps live outside the store and survive it.
/// <summary>
/// Fills an empty store with the configured seed in one unit of work. Start-up calls
/// <see cref="LoadIfEmptyAsync"/>.
/// </summary>
/// <remarks>The store is resolved in a scope of its own for each load, whatever its lifetime.</remarks>
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
        var resources = target == ResetTarget.Empty || settings.IsEmpty ? [] : ReadSeed(settings);

        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopeFactory.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<IResourceStore>();
            await store.ExecuteAsync((transaction, token) => ReplaceAllAsync(transaction, resources, token), cancellationToken);
        }
        finally
        {
            _gate.Release();
        }

        var source = resources.Count == 0 ? SeedOptions.Empty : settings.Seed;
        Log.StoreReset(logger, source, resources.Count, stopwatch.ElapsedMilliseconds);
        return new ResetResult(target, source, resources.Count, stopwatch.ElapsedMilliseconds);
    }

    /// <summary>Returns the generated population for the configured or current reference date, generating it once per date.</summary>
    public SeedPopulation GetPopulation()
    {
        var date = options.Value.SeedReferenceDate ?? DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime);
        if (_population?.ReferenceDate != date)
            _population = PopulationGenerator.Generate(date);

        return _population;
    }

    private async Task<SeedLoadResult> LoadAsync(SeedOptions settings, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var resources = ReadSeed(settings);

        await using var scope = scopeFactory.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IResourceStore>();
        var written = await store.ExecuteAsync((transaction, token) => WriteIfEmptyAsync(transaction, resources, token), cancellationToken);
        stopwatch.Stop();
        if (written == 0)
        {
            Log.StoreNotEmpty(logger, settings.Seed);
            return new SeedLoadResult(settings.Seed, 0, Skipped: true, stopwatch.Elapsed);
        }

        Log.SeedLoaded(logger, settings.Seed, written, stopwatch.ElapsedMilliseconds);
        return new SeedLoadResult(settings.Seed, written, Skipped: false, stopwatch.Elapsed);
    }

    private IReadOnlyList<Resource> ReadSeed(SeedOptions settings) =>
        settings.IsDefault ? GetPopulation().Resources : new ImportFolderReader(logger).Read(settings.Seed);

    private static async Task<int> ReplaceAllAsync(IStoreTransaction transaction, IReadOnlyList<Resource> resources, CancellationToken cancellationToken)
    {
        await transaction.ClearAsync(cancellationToken);
        foreach (var resource in resources)
            await transaction.SaveAsync(resource, cancellationToken);

        return resources.Count;
    }

    private static async Task<int> WriteIfEmptyAsync(IStoreTransaction transaction, IReadOnlyList<Resource> resources, CancellationToken cancellationToken)
    {
        foreach (var type in OccupancyTypes)
        {
            // NOTE: an empty query is taken to match every current resource of the type.
            var existing = await transaction.MatchAsync(type, string.Empty, cancellationToken);
            if (existing.Count > 0)
                return 0;
        }

        foreach (var resource in resources)
            await transaction.SaveAsync(resource, cancellationToken);

        return resources.Count;
    }
}
