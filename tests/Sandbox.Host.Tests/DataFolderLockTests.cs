using System.Diagnostics;
using Sandbox.FhirStore.Hosting;

namespace Sandbox.Host.Tests;

/// <summary>
/// Two real sandbox processes on one data folder: the second exits with 2 while the first
/// runs, and a lock file left by a killed process blocks nothing.
/// </summary>
public sealed class DataFolderLockTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private readonly string _folder = Directory.CreateTempSubdirectory("sandbox-lock-").FullName;

    [Fact]
    public async Task SecondProcess_SameFolder_Exits2NamingFolder()
    {
        using var first = await StartAsync();

        var (exitCode, _, error) = await HostProcess.RunAsync(Timeout, Arguments());
        await KillAsync(first);

        Assert.Equal(2, exitCode);
        Assert.Contains($"The data folder {_folder} is in use by another sandbox process", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Theory]
    [InlineData("import")]
    [InlineData("reindex")]
    public async Task Verb_FolderInUse_Exits2(string verb)
    {
        var file = Path.Combine(Path.GetTempPath(), $"sandbox-lock-{Guid.NewGuid():N}.ndjson");
        await File.WriteAllTextAsync(file, "{\"resourceType\":\"Patient\",\"id\":\"locked\"}\n");
        using var server = await StartAsync();

        string[] arguments = verb == "import" ? [verb, file, "--data", _folder] : [verb, "--data", _folder];
        var (exitCode, _, error) = await HostProcess.RunAsync(Timeout, arguments);
        await KillAsync(server);
        File.Delete(file);

        Assert.Equal(2, exitCode);
        Assert.Contains($"The data folder {_folder} is in use by another sandbox process", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public async Task KilledProcess_LockFileLeft_NextStartRuns()
    {
        using (var killed = await StartAsync())
            await KillAsync(killed);
        Assert.True(File.Exists(Path.Combine(_folder, DataFolder.LockFileName)));

        using var next = await StartAsync();

        Assert.False(next.HasExited);
        await KillAsync(next);
    }

    [Fact]
    public async Task StoppedProcess_ReleasesLock()
    {
        using (var stopped = await StartAsync())
            await StopAsync(stopped);

        using var stream = new FileStream(Path.Combine(_folder, DataFolder.LockFileName), FileMode.Open, FileAccess.ReadWrite, FileShare.None);

        Assert.True(stream.CanWrite);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string[] Arguments() =>
        ["--urls", "http://127.0.0.1:0", "--data", _folder, "--seed", "empty", "--Logging:LogLevel:Default", "Warning"];

    private Task<Process> StartAsync() => HostProcess.StartListeningAsync(Timeout, Arguments());

    private static async Task KillAsync(Process process)
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    // SIGTERM makes the host stop normally, as Ctrl+C in a terminal or "docker stop" does.
    private static async Task StopAsync(Process process)
    {
        using var term = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await term.WaitForExitAsync();
        using var cancellation = new CancellationTokenSource(Timeout);
        await process.WaitForExitAsync(cancellation.Token);
    }
}
