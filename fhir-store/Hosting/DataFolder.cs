using Microsoft.Extensions.Options;

namespace Sandbox.FhirStore.Hosting;

/// <summary>
/// The resolved data folder of this process. It exists once this object is created, and this
/// object holds an exclusive lock on <see cref="LockFileName"/> in it until it is disposed at
/// shutdown, when a throwaway folder is also deleted.
/// </summary>
public sealed class DataFolder : IDisposable
{
    /// <summary>The name of the file whose lock marks the folder as in use by one process.</summary>
    public const string LockFileName = "sandbox.lock";

    private readonly FileStream _lock;

    /// <exception cref="DataFolderInUseException">Another process holds the folder's lock.</exception>
    public DataFolder(IOptions<DataFolderOptions> options)
    {
        var value = options.Value;
        IsEphemeral = value.Ephemeral;
        Path = IsEphemeral
            ? Directory.CreateTempSubdirectory("sandbox-").FullName
            : System.IO.Path.GetFullPath(value.DataFolder);
        Directory.CreateDirectory(Path);
        _lock = AcquireLock(Path);
    }

    /// <summary>The absolute path of the folder.</summary>
    public string Path { get; }

    /// <summary>Whether the folder is deleted at shutdown.</summary>
    public bool IsEphemeral { get; }

    /// <summary>Returns the absolute path of a file inside the folder.</summary>
    public string GetFilePath(string fileName) => System.IO.Path.Combine(Path, fileName);

    public void Dispose()
    {
        // The lock file stays, because deleting it could let two processes lock two different
        // files of the same name. Only the lock decides whether the folder is in use.
        _lock.Dispose();
        if (!IsEphemeral)
            return;

        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still open at shutdown leaves the folder behind in the temp directory,
            // where the operating system cleans it up; shutdown must not fail over it.
        }
    }

    // FileShare.None makes .NET take an exclusive flock on Linux and macOS and a sharing lock
    // on Windows. The operating system drops either when the process ends, so a lock file left
    // by a killed process does not block the next start.
    // NOTE: the flock is advisory and .NET skips it when DOTNET_SYSTEM_IO_DISABLEFILELOCKING is
    // set, so then nothing stops a second process.
    private static FileStream AcquireLock(string folder)
    {
        var path = System.IO.Path.Combine(folder, LockFileName);
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException exception) when (IsSharingViolation(exception))
        {
            throw new DataFolderInUseException(folder, exception);
        }
    }

    // .NET reports a lock held elsewhere as an IOException whose HResult is EWOULDBLOCK on
    // Linux (11) and macOS (35), and ERROR_SHARING_VIOLATION or ERROR_LOCK_VIOLATION on Windows.
    // Only the Linux case is covered by tests.
    private static bool IsSharingViolation(IOException exception)
    {
        if (exception.GetType() != typeof(IOException))
            return false;
        if (OperatingSystem.IsWindows())
            return (exception.HResult & 0xFFFF) is 32 or 33;

        return exception.HResult == (OperatingSystem.IsMacOS() ? 35 : 11);
    }
}
