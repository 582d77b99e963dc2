using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Net;

namespace Sandbox.Benchmarks.Processes;

/// <summary>
/// A server spawned as <c>dotnet &lt;dll&gt;</c> (or <c>node &lt;script&gt;</c>) on a loopback port, started and awaited until its
/// ready path returns 200. Disposing stops it: SIGTERM first, so that it can delete its throwaway
/// data folder, then a kill of the process tree if it has not exited after ten seconds.
/// </summary>
internal sealed partial class ServerProcess : IAsyncDisposable
{
    private const int OutputLinesKept = 15;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    // A 404 on the ready path for this long means the route does not exist in this build.
    private static readonly TimeSpan NotFoundGrace = TimeSpan.FromSeconds(3);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lastOutput = new();

    private ServerProcess(ServerLaunch launch, Process process)
    {
        Launch = launch;
        _process = process;
    }

    public ServerLaunch Launch { get; }

    public Uri BaseAddress => Launch.BaseAddress;

    public int ProcessId => _process.Id;

    /// <summary>Time from the spawn to the first 200 on the ready path.</summary>
    public TimeSpan TimeToReady { get; private set; }

    /// <summary>Spawns the server and waits until its ready path returns 200.</summary>
    /// <exception cref="ServerUnavailableException">
    /// The build output is missing, the server exited, timed out, or has no ready path.
    /// </exception>
    public static async Task<ServerProcess> StartAsync(
        ServerLaunch launch,
        TimeSpan readyTimeout,
        CancellationToken cancellationToken)
    {
        if (!File.Exists(launch.AssemblyPath))
            throw new ServerUnavailableException($"{launch.AssemblyPath} does not exist: build the {launch.Name} first.");

        var stopwatch = Stopwatch.StartNew();
        var server = new ServerProcess(launch, SpawnProcess(launch));
        try
        {
            server.CaptureOutput();
            await server.WaitUntilReadyAsync(stopwatch, readyTimeout, cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Returns the server's resident set size in bytes.</summary>
    public long ReadResidentBytes() => ProcessMemory.ReadResidentBytes(_process.Id);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
                await StopAsync();
        }
        finally
        {
            _process.Dispose();
        }
    }

    private static Process SpawnProcess(ServerLaunch launch)
    {
        var startInfo = new ProcessStartInfo(launch.Program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,

            // The host's content root is the working directory, and its appsettings.json (log
            // levels among them) sits beside the .dll, as it does for `dotnet run` in the project.
            WorkingDirectory = Path.GetDirectoryName(launch.AssemblyPath),
        };
        startInfo.ArgumentList.Add(launch.AssemblyPath);
        foreach (var argument in launch.Arguments)
            startInfo.ArgumentList.Add(argument);

        startInfo.ArgumentList.Add("--urls");
        startInfo.ArgumentList.Add(launch.BaseAddress.GetLeftPart(UriPartial.Authority));
        startInfo.Environment["DOTNET_NOLOGO"] = "1";

        try
        {
            return Process.Start(startInfo)
                ?? throw new ServerUnavailableException($"{launch.Program} did not start {launch.AssemblyPath}.");
        }
        catch (Win32Exception exception)
        {
            throw new ServerUnavailableException(
                $"{launch.Program} could not be started for the {launch.Name} ({exception.Message}): install it and put it on PATH.");
        }
    }

    private void CaptureOutput()
    {
        _process.OutputDataReceived += (_, line) => KeepLine(line.Data);
        _process.ErrorDataReceived += (_, line) => KeepLine(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    private void KeepLine(string? line)
    {
        if (line is null)
            return;

        _lastOutput.Enqueue(line);
        while (_lastOutput.Count > OutputLinesKept)
            _lastOutput.TryDequeue(out _);
    }

    private async Task WaitUntilReadyAsync(Stopwatch stopwatch, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(10) };
        var readyUri = new Uri(BaseAddress, Launch.ReadyPath);
        TimeSpan? firstNotFound = null;

        while (true)
        {
            ThrowIfExitedOrLate(stopwatch.Elapsed, timeout);
            var status = await TryGetStatusAsync(client, readyUri, cancellationToken);
            if (status == HttpStatusCode.OK)
            {
                TimeToReady = stopwatch.Elapsed;
                return;
            }

            firstNotFound = status == HttpStatusCode.NotFound ? firstNotFound ?? stopwatch.Elapsed : null;
            if (stopwatch.Elapsed - firstNotFound > NotFoundGrace)
            {
                throw new ServerUnavailableException(
                    $"GET {Launch.ReadyPath} on the {Launch.Name} returned 404 Not Found for {NotFoundGrace.TotalSeconds:0} s after it started listening, so this build does not serve it.");
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    private void ThrowIfExitedOrLate(TimeSpan elapsed, TimeSpan timeout)
    {
        if (_process.HasExited)
        {
            throw new ServerUnavailableException(
                $"The {Launch.Name} exited with code {_process.ExitCode} before GET {Launch.ReadyPath} returned 200. Its last output: {string.Join(" | ", _lastOutput)}");
        }

        if (elapsed > timeout)
            throw new ServerUnavailableException($"GET {Launch.ReadyPath} on the {Launch.Name} did not return 200 within {timeout.TotalSeconds:0} s.");
    }

    /// <summary>Returns the status of one GET, or null while nothing listens on the port yet.</summary>
    private static async Task<HttpStatusCode?> TryGetStatusAsync(HttpClient client, Uri uri, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.GetAsync(uri, cancellationToken);
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
