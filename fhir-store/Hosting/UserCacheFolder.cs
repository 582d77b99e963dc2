namespace Sandbox.FhirStore.Hosting;

/// <summary>
/// The sandbox's folder in the user's cache: <c>$XDG_CACHE_HOME/smart-sandbox</c>, else
/// <c>~/.cache/smart-sandbox</c>, and <c>%LOCALAPPDATA%\smart-sandbox</c> on Windows. It contains
/// files that only save time, which the sandbox recreates when they are missing.
/// </summary>
public static class UserCacheFolder
{
    /// <summary>Returns the path of the named subfolder of the sandbox's cache folder.</summary>
    public static string GetPath(string name)
    {
        if (OperatingSystem.IsWindows())
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "smart-sandbox", name);

        var cacheHome = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (string.IsNullOrEmpty(cacheHome))
            cacheHome = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");

        return Path.Combine(cacheHome, "smart-sandbox", name);
    }
}
