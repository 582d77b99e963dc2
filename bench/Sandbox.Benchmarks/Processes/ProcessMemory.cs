namespace Sandbox.Benchmarks.Processes;

/// <summary>Reads a process's memory figures from Linux's <c>/proc</c>.</summary>
internal static class ProcessMemory
{
    /// <summary>Returns the resident set size (VmRSS) of the process in bytes.</summary>
    /// <exception cref="PlatformNotSupportedException">There is no <c>/proc/&lt;pid&gt;/status</c>.</exception>
    public static long ReadResidentBytes(int processId)
    {
        var statusPath = $"/proc/{processId}/status";
        if (!File.Exists(statusPath))
            throw new PlatformNotSupportedException($"{statusPath} does not exist: the memory scenario needs Linux.");

        // The line reads "VmRSS:    123456 kB".
        var line = File.ReadLines(statusPath).First(text => text.StartsWith("VmRSS:", StringComparison.Ordinal));
        var kilobytes = long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0]);
        return kilobytes * 1024;
    }
}
