using System.Diagnostics;

namespace Sandbox.Benchmarks.Processes;

/// <summary>
/// Runs the sandbox's <c>import</c> verb (<c>dotnet Sandbox.Host.dll import &lt;folder&gt; --data
/// &lt;folder&gt;</c>), which writes Bundles into a data folder's store through the same
/// transaction processing and indexing as <c>POST /fhir</c>, without HTTP.
/// </summary>
internal static class ImportVerb
{
    private const int OutputLinesKept = 5;

    /// <summary>Imports every file of <paramref name="bundleFolder"/> and returns the time it took.</summary>
    /// <exception cref="ServerUnavailableException">The sandbox build is missing or the verb failed.</exception>
    public static async Task<TimeSpan> RunAsync(
        string sandboxAssembly,
        string bundleFolder,
        string dataFolder,
        CancellationToken cancellationToken)
    {
        if (!File.Exists(sandboxAssembly))
            throw new ServerUnavailableException($"{sandboxAssembly} does not exist: build the sandbox first.");

        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(sandboxAssembly),
        };
        foreach (var argument in new[] { sandboxAssembly, "import", bundleFolder, "--data", dataFolder })
            startInfo.ArgumentList.Add(argument);
        startInfo.Environment["DOTNET_NOLOGO"] = "1";

        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(startInfo)
            ?? throw new ServerUnavailableException($"dotnet did not start {sandboxAssembly} import.");
        var output = new Queue<string>();
        process.OutputDataReceived += (_, line) => Keep(output, line.Data);
        process.ErrorDataReceived += (_, line) => Keep(output, line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            lock (output)
            {
                throw new ServerUnavailableException(
                    $"The sandbox's import verb exited with code {process.ExitCode}. Its last output: {string.Join(" | ", output)}");
            }
        }

        return stopwatch.Elapsed;
    }

    private static void Keep(Queue<string> output, string? line)
    {
        if (line is null)
            return;

        lock (output)
        {
            output.Enqueue(line);
            while (output.Count > OutputLinesKept)
                output.Dequeue();
        }
    }
}
