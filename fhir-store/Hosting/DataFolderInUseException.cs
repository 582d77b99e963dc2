namespace Sandbox.FhirStore.Hosting;

/// <summary>
/// The error raised when another process holds the lock of the data folder, because two
/// processes on one SQLite store and one set of keys would overwrite each other's state.
/// </summary>
public sealed class DataFolderInUseException(string folder, Exception innerException)
    : IOException(
        $"The data folder {folder} is in use by another sandbox process, which holds the lock on its {DataFolder.LockFileName}. "
        + "Stop that process, or give this one another folder with --data <folder> or --ephemeral.",
        innerException)
{
    /// <summary>The absolute path of the folder.</summary>
    public string Folder { get; } = folder;
}
