using Microsoft.Extensions.Options;

namespace Sandbox.FhirStore.Hosting;

/// <summary>
/// The resolved data folder of this process. It exists once this object is created, and a
/// throwaway folder is deleted when the object is disposed at shutdown.
/// </summary>
public sealed class DataFolder : IDisposable
{
    public DataFolder(IOptions<DataFolderOptions> options)
    {
        var value = options.Value;
        IsEphemeral = value.Ephemeral;
        Path = IsEphemeral
            ? Directory.CreateTempSubdirectory("sandbox-").FullName
            : System.IO.Path.GetFullPath(value.DataFolder);
        Directory.CreateDirectory(Path);
    }

    /// <summary>The absolute path of the folder.</summary>
    public string Path { get; }

    /// <summary>Whether the folder is deleted at shutdown.</summary>
    public bool IsEphemeral { get; }

    /// <summary>Returns the absolute path of a file inside the folder.</summary>
    public string GetFilePath(string fileName) => System.IO.Path.Combine(Path, fileName);

    public void Dispose()
    {
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
}
