using System.Diagnostics;

namespace Sandbox.Host.Tests;

/// <summary>Runs the built sandbox host (<c>dotnet Sandbox.Host.dll</c>) as a child process until it exits.</summary>
internal static class HostProcess
{
    /// <summary>Runs the host with <paramref name="arguments"/> and returns its exit code and output; kills it after <paramref name="timeout"/>.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(TimeSpan timeout, params string[] arguments)
    {
        using var process = Process.Start(CreateStartInfo(arguments)) ?? throw new InvalidOperationException("dotnet did not start.");
        return await WaitForExitAsync(process, timeout, "");
    }

    /// <summary>
    /// Starts the host with <paramref name="arguments"/> and returns it once it prints the line
    /// that it listens; the caller kills it. Standard error is not read, so pass arguments that
    /// keep the log short.
    /// </summary>
    /// <exception cref="InvalidOperationException">The host exited or did not print the line within <paramref name="timeout"/>.</exception>
    public static Task<Process> StartListeningAsync(TimeSpan timeout, params string[] arguments) =>
        StartAsync("SMART sandbox listening on", timeout, arguments);

    /// <summary>
    /// Starts the host with <paramref name="arguments"/> and returns it once a line of its
    /// standard output contains <paramref name="text"/>. The rest of its output is left for
    /// <see cref="InterruptAsync"/> to read.
    /// </summary>
    /// <exception cref="InvalidOperationException">The host exited or did not print the text within <paramref name="timeout"/>.</exception>
    public static async Task<Process> StartAsync(string text, TimeSpan timeout, params string[] arguments)
    {
        var process = Process.Start(CreateStartInfo(arguments)) ?? throw new InvalidOperationException("dotnet did not start.");
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(cancellation.Token) is { } line)
            {
                if (line.Contains(text, StringComparison.Ordinal))
                    return process;
            }
        }
        catch (OperationCanceledException)
        {
        }

        process.Kill(entireProcessTree: true);
        process.Dispose();
        throw new InvalidOperationException($"The sandbox did not print '{text}' within {timeout.TotalSeconds} s.");
    }

    /// <summary>
    /// Sends SIGINT to the host, as Ctrl+C in a terminal does, and returns its exit code and the
    /// output it wrote from then on; kills it after <paramref name="timeout"/>.
    /// </summary>
    public static async Task<(int ExitCode, string Output, string Error)> InterruptAsync(Process process, TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync();

        return await WaitForExitAsync(process, timeout, " of SIGINT");
    }

    // Reads the rest of the host's output while it runs, and kills it when it has not exited
    // within the timeout. The suffix ends the timeout message, after the number of seconds.
    private static async Task<(int ExitCode, string Output, string Error)> WaitForExitAsync(Process process, TimeSpan timeout, string suffix)
    {
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
            throw new TimeoutException($"The sandbox did not exit within {timeout.TotalSeconds} s{suffix}.");
        }

        return (process.ExitCode, await output, await error);
    }

    private static ProcessStartInfo CreateStartInfo(IEnumerable<string> arguments)
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

        return start;
    }
}
