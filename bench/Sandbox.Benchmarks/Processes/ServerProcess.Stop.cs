using System.Runtime.InteropServices;

namespace Sandbox.Benchmarks.Processes;

internal sealed partial class ServerProcess
{
    private const int SigTerm = 15;

    private async Task StopAsync()
    {
        // SIGTERM lets ASP.NET Core shut down gracefully, which is when the sandbox deletes an
        // --ephemeral data folder. Process.Kill would send SIGKILL and leave the folder behind.
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
            _ = SendSignal(_process.Id, SigTerm);

        using var timeout = new CancellationTokenSource(StopTimeout);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int processId, int signal);
}
