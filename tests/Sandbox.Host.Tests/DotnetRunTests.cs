using System.Diagnostics;

namespace Sandbox.Host.Tests;

/// <summary>
/// <c>dotnet run --project sandbox</c> resolves relative paths from the caller's directory,
/// as the README's commands expect when they run from the repository root.
/// </summary>
public sealed class DotnetRunTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private readonly string _folder = Directory.CreateTempSubdirectory("sandbox-run-").FullName;

    [Fact]
    public async Task Import_RelativePaths_ResolveFromCaller()
    {
        var bundles = Directory.CreateDirectory(Path.Combine(_folder, "bundles")).FullName;
        await File.WriteAllTextAsync(Path.Combine(bundles, "patients.ndjson"), "{\"resourceType\":\"Patient\",\"id\":\"run-1\"}\n");

        var (exitCode, output, error) = await RunAsync("import", "bundles", "--data", "run-data");

        Assert.True(exitCode == 0, $"dotnet run exited with {exitCode}.\n{output}\n{error}");
        Assert.True(File.Exists(Path.Combine(_folder, "run-data", "fhir.db")), $"No store in {_folder}/run-data.\n{output}");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // Runs the already built project, in the configuration of this test assembly, from the
    // temporary folder.
    private async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] run = ["run", "--no-build", "-c", BuildConfiguration(), "--project", FindHostProject(), "--"];
        foreach (var argument in run.Concat(arguments))
            start.ArgumentList.Add(argument);

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancellation = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet run did not exit within {Timeout.TotalSeconds} s.");
        }

        return (process.ExitCode, await output, await error);
    }

    // The output folder is bin/{configuration}/{framework}/ under the test project.
    private static string BuildConfiguration() =>
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    private static string FindHostProject()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var project = Path.Combine(folder.FullName, "sandbox", "Sandbox.Host.csproj");
            if (File.Exists(project))
                return project;
        }

        throw new InvalidOperationException($"No sandbox/Sandbox.Host.csproj above {AppContext.BaseDirectory}.");
    }
}
