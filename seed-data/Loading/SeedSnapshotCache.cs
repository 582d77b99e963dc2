using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sandbox.FhirStore.Hosting;
using Sandbox.FhirStore.Storage;
using Sandbox.FhirStore.Storage.Sqlite;
using Sandbox.SeedData.Population;
using Resource = Hl7.Fhir.Model.Resource;

namespace Sandbox.SeedData.Loading;

/// <summary>
/// The folder of seed snapshots: SQLite files that each hold the generated population of one
/// reference date as the store writes it, search index included. A file is written on the first
/// load of a population and copied into the store by later loads and resets.
/// </summary>
/// <remarks>
/// A file's name is a hash of the reference date and the module version ids (MVIDs) of the
/// assemblies that generate, serialize, index and store the population. A build that changes
/// any of them changes the MVID, so a snapshot of older code is never used.
/// </remarks>
internal sealed class SeedSnapshotCache(IOptions<SeedOptions> options, ILogger<SeedLoader> logger)
{
    // The newest files kept, so that rebuilds and changing reference dates do not fill the disk.
    private const int KeptSnapshots = 8;

    private static readonly Assembly[] KeyAssemblies =
    [
        typeof(SeedSnapshotCache).Assembly,
        typeof(SqliteStoreSnapshot).Assembly,
        typeof(Sandbox.Smart.Access.AccessRule).Assembly,
        typeof(Resource).Assembly,
        typeof(Hl7.Fhir.Model.ModelInfo).Assembly,
        typeof(SqliteConnection).Assembly,
    ];

    /// <summary>The folder of the snapshots, or null when <see cref="SeedOptions.SeedCache"/> is off.</summary>
    public string? Folder => options.Value.SeedCache ? options.Value.SeedCacheFolder ?? UserCacheFolder.GetPath("seed-cache") : null;

    /// <summary>
    /// Returns the path of the snapshot of the population of <paramref name="referenceDate"/>,
    /// or null when the cache is off or cannot be written (the reason is logged). When the file
    /// does not exist, it calls <paramref name="generate"/> and writes the population first, so
    /// a load from an existing snapshot does not generate the population at all.
    /// </summary>
    public async Task<string?> GetOrCreateAsync(
        DateOnly referenceDate,
        Func<SeedPopulation> generate,
        CancellationToken cancellationToken)
    {
        var folder = Folder;
        if (folder is null)
            return null;

        var path = Path.Combine(folder, $"seed-{ComputeKey(referenceDate)}.db");
        try
        {
            if (File.Exists(path))
            {
                File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
                return path;
            }

            Directory.CreateDirectory(folder);
            var stopwatch = System.Diagnostics.Stopwatch.StartNew();
            var count = await SqliteStoreSnapshot.CreateAsync(path, () => generate().Resources, cancellationToken);
            Log.SeedSnapshotWritten(logger, path, count, stopwatch.ElapsedMilliseconds);
            Prune(folder);
            return path;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or SqliteException or InvalidOperationException)
        {
            Log.SeedSnapshotUnavailable(logger, folder, exception);
            return null;
        }
    }

    private static string ComputeKey(DateOnly referenceDate)
    {
        // The format version: files of version 2 record their resource count in user_version.
        var text = new StringBuilder("seed-snapshot-2;");
        text.Append(referenceDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        foreach (var assembly in KeyAssemblies)
            text.Append(';').Append(assembly.ManifestModule.ModuleVersionId.ToString("N"));

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    private static void Prune(string folder)
    {
        var stale = new DirectoryInfo(folder)
            .GetFiles("seed-*.db")
            .OrderByDescending(file => file.LastWriteTimeUtc)
            .Skip(KeptSnapshots);
        foreach (var file in stale)
            file.Delete();
    }
}
