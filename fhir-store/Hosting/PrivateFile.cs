namespace Sandbox.FhirStore.Hosting;

/// <summary>A writer of secret and private-key files that only the sandbox's own user can read.</summary>
public static class PrivateFile
{
    /// <summary>
    /// Writes <paramref name="content"/> as UTF-8 without a byte order mark, so shells and JSON
    /// parsers read the file as it is. The mode is set at creation where the file system supports it.
    /// </summary>
    public static void Write(string path, string content, FileMode mode = FileMode.Create)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

        using var writer = new StreamWriter(path, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), options);
        writer.Write(content);
    }
}
