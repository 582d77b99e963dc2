using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Sandbox.FhirStore.Tests.Durability;

/// <summary>
/// The built sandbox host running as a child process, so that a test can kill it with
/// SIGKILL. Standard output lines are collected as they arrive.
/// </summary>
internal sealed class SandboxProcess : IDisposable
{
    private readonly Process _process;

    private SandboxProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is not null)
                OutputLines.Enqueue(line.Data);
        };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public ConcurrentQueue<string> OutputLines { get; } = new();

    public bool HasExited => _process.HasExited;

    /// <summary>Starts <c>dotnet Sandbox.Host.dll</c> from the test's output folder with the given arguments.</summary>
    public static SandboxProcess Start(params string[] arguments)
    {
        var hostPath = Path.Combine(AppContext.BaseDirectory, "Sandbox.Host.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(hostPath);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);

        return new SandboxProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start."));
    }

    /// <summary>Starts the server on a free loopback port and waits until /fhir/metadata returns 200.</summary>
    public static async Task<(SandboxProcess Process, Uri BaseAddress)> StartServerAsync(string dataFolder)
    {
        var port = FreePort();
        var process = Start("--urls", $"http://127.0.0.1:{port}", "--data", dataFolder, "--seed", "empty", "--open-fhir", "true");
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var response = await http.GetAsync("fhir/metadata");
                if (response.StatusCode == HttpStatusCode.OK)
                    return (process, baseAddress);
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Still starting.
            }

            await Task.Delay(100);
        }

        process.Dispose();
        throw new InvalidOperationException($"The sandbox on port {port} did not return 200 on /fhir/metadata within 60 s.");
    }

    /// <summary>Waits for the process to end by itself and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancellation.Token);
        return _process.ExitCode;
    }

    /// <summary>Kills the process at once (SIGKILL on Linux) and waits for it to be gone.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            Kill();

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
