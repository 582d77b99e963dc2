namespace Sandbox.Benchmarks;

/// <summary>
/// The built servers that the benchmark spawns. They are found in the repository by the same
/// configuration and target framework as this program's own output folder (for example
/// <c>bin/Release/net10.0</c>), and the project file builds them along with the program.
/// The oidc-provider probe is a Node.js script that needs no build, only <c>npm ci</c>.
/// </summary>
internal sealed record BuildOutputs(string ProbeAssembly, string SandboxAssembly, string OutputFolder, string OidcProviderProbeFolder)
{
    /// <exception cref="DirectoryNotFoundException">This program does not run from a build folder of the repository.</exception>
    public static BuildOutputs Locate(string? sandboxAssembly)
    {
        var ownFolder = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var targetFramework = ownFolder.Name;
        var configuration = ownFolder.Parent?.Name ?? "Release";
        var outputFolder = Path.Combine("bin", configuration, targetFramework);
        var root = FindRepositoryRoot(ownFolder);

        return new BuildOutputs(
            Path.Combine(root, "bench", "Probe.Bare", outputFolder, "Probe.Bare.dll"),
            sandboxAssembly ?? Path.Combine(root, "sandbox", outputFolder, "Sandbox.Host.dll"),
            outputFolder,
            Path.Combine(root, "bench", "probe-oidc-provider"));
    }

    private static string FindRepositoryRoot(DirectoryInfo start)
    {
        for (var folder = start; folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Sandbox.sln")))
                return folder.FullName;
        }

        throw new DirectoryNotFoundException($"No folder above {start.FullName} contains Sandbox.sln: run the benchmark from its build output in the repository.");
    }
}
