using System.Diagnostics;

namespace Sandbox.Host.Tests;

/// <summary>Runs the built sandbox host (<c>dotnet Sandbox.Host.dll</c>) as a child process until it exits.</summary>
internal static class HostProcess
{
    /// <summary>Runs the host with <paramref name="arguments"/> and returns its exit code and output; kills it after <paramref name="timeout"/>.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(TimeSpan timeout, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Sandbox.Host.dll"));
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The sandbox did not exit within {timeout.TotalSeconds} s.");
        }

        return (process.ExitCode, await output, await error);
    }
}
