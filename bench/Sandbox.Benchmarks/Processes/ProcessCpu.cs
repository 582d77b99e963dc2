namespace Sandbox.Benchmarks.Processes;

/// <summary>Reads a process's CPU time from Linux's <c>/proc</c>.</summary>
internal static class ProcessCpu
{
    // USER_HZ, the unit of the times in /proc/<pid>/stat; 100 on every mainstream Linux build.
    private const double TicksPerSecond = 100;

    /// <summary>Returns the user plus system CPU time the process has used so far, in seconds.</summary>
    /// <exception cref="PlatformNotSupportedException">There is no <c>/proc/&lt;pid&gt;/stat</c>.</exception>
    public static double ReadCpuSeconds(int processId)
    {
        var statPath = $"/proc/{processId}/stat";
        if (!File.Exists(statPath))
            throw new PlatformNotSupportedException($"{statPath} does not exist: CPU time figures need Linux.");

        // The command name in field 2 may contain spaces, so fields are counted after its ')'.
        // utime and stime are fields 14 and 15, the 12th and 13th after the state field.
        var text = File.ReadAllText(statPath);
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11]) + long.Parse(fields[12])) / TicksPerSecond;
    }
}
