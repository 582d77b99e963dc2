using Microsoft.Extensions.DependencyInjection;
using Sandbox.FhirStore.Hosting;

namespace Sandbox.SeedData.Loading;

/// <summary>
/// A file in the data folder that exists while a seed folder is imported. Each file of a seed
/// folder commits on its own, so a process stopped during the import leaves part of the folder
/// in the store. At the next start the marker shows that the store contains an unfinished
/// import and not data of its own.
/// </summary>
internal sealed class FolderImportMarker(string path)
{
    public const string FileName = "seed-folder-import.unfinished";

    /// <summary>Whether an import started and did not finish.</summary>
    public bool Exists => File.Exists(path);

    /// <summary>The marker of the store's data folder; null when no data folder is registered.</summary>
    public static FolderImportMarker? For(IServiceProvider services) =>
        services.GetService<DataFolder>() is { } dataFolder ? new(dataFolder.GetFilePath(FileName)) : null;

    /// <summary>Writes the marker, with the seed folder's path as its content for a reader of the data folder.</summary>
    public Task SetAsync(string seedFolder, CancellationToken cancellationToken) =>
        File.WriteAllTextAsync(path, seedFolder, cancellationToken);

    public void Clear() => File.Delete(path);
}
