using System.Diagnostics;

namespace Sandbox.Host.Tests;

/// <summary>Runs the built sandbox host (<c>dotnet Sandbox.Host.dll</c>) as a child process until it exits.</summary>
internal static class HostProcess
{
    // The start of the line that the host prints on standard output once it listens.
    private const string ListeningLine = "SMART sandbox listening on";

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
        StartAsync(ListeningLine, timeout, arguments);

    /// <summary>
    /// Starts the host with <paramref name="arguments"/> and returns it once a line of its
    /// standard output contains <paramref name="text"/>. The rest of its output is left for
    /// <see cref="InterruptAsync"/> to read.
    /// </summary>
    /// <exception cref="InvalidOperationException">The host exited or did not print the text within <paramref name="timeout"/>.</exception>
    public static async Task<Process> StartAsync(string text, TimeSpan timeout, params string[] arguments) =>
        (await StartUntilLineAsync(text, timeout, arguments)).Process;

    /// <summary>
    /// Starts the host with <paramref name="arguments"/>, which should include
    /// <c>--urls http://127.0.0.1:0</c>, and returns it with the root URL that it prints once it listens.
    /// </summary>
    /// <exception cref="InvalidOperationException">The host exited or did not listen within <paramref name="timeout"/>.</exception>
    public static async Task<(Process Process, Uri Root)> StartListeningAtAsync(TimeSpan timeout, params string[] arguments)
    {
        var (process, line) = await StartUntilLineAsync(ListeningLine, timeout, arguments);
        var root = line[(line.IndexOf(ListeningLine, StringComparison.Ordinal) + ListeningLine.Length)..].Trim();
        return (process, new Uri(root.TrimEnd('/') + "/"));
    }

    private static async Task<(Process Process, string Line)> StartUntilLineAsync(string text, TimeSpan timeout, string[] arguments)
    {
        var process = Process.Start(CreateStartInfo(arguments)) ?? throw new InvalidOperationException("dotnet did not start.");
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(cancellation.Token) is { } line)
            {
                if (line.Contains(text, StringComparison.Ordinal))
                    return (process, line);
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
    /// <exception cref="InvalidOperationException">The host ignores SIGINT. It is killed first.</exception>
    public static async Task<(int ExitCode, string Output, string Error)> InterruptAsync(Process process, TimeSpan timeout)
    {
        if (IgnoresInterrupt(process))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException(
                $"The sandbox (process {process.Id}) ignores SIGINT, so it would never see the interrupt. "
                + "It inherited the ignored signal from the test run. Start it with 'env --default-signal=INT'.");
        }

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

    // Reads the mask of ignored signals from /proc, where SIGINT (signal 2) is bit 1. Returns
    // false on systems without /proc.
    private static bool IgnoresInterrupt(Process process)
    {
        var status = $"/proc/{process.Id}/status";
        if (!OperatingSystem.IsLinux() || !File.Exists(status))
            return false;

        var line = File.ReadLines(status).FirstOrDefault(line => line.StartsWith("SigIgn:", StringComparison.Ordinal));
        if (line is null)
            return false;

        var ignored = ulong.Parse(
            line["SigIgn:".Length..].Trim(),
            System.Globalization.NumberStyles.HexNumber,
            System.Globalization.CultureInfo.InvariantCulture);
        return (ignored & 0b10) != 0;
    }

    private static ProcessStartInfo CreateStartInfo(IEnumerable<string> arguments)
    {
        // A shell without job control (a script, or "bash -c") starts a background command
        // ('&') with SIGINT ignored, and child processes inherit that. The .NET runtime then
        // keeps ignoring SIGINT (seen with .NET 10.0.12 on Linux), so in a test run started
        // that way the host would drop the interrupt. GNU env's --default-signal (coreutils
        // 8.31 or later) resets SIGINT to its default action and then execs dotnet.
        var onLinux = OperatingSystem.IsLinux();
        var start = new ProcessStartInfo(onLinux ? "env" : "dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (onLinux)
        {
            start.ArgumentList.Add("--default-signal=INT");
            start.ArgumentList.Add("dotnet");
        }

        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Sandbox.Host.dll"));
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);

        return start;
    }
}
