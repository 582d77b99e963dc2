using System.Runtime.InteropServices;

namespace Sandbox.Benchmarks.Reporting;

/// <summary>The machine a run measured, as printed at the top of the report.</summary>
internal static class MachineInfo
{
    public static IEnumerable<string> Describe()
    {
        yield return $"machine: {Environment.ProcessorCount} logical cores, {ReadCpuModel()}, {ReadTotalMemory()} memory";
        yield return $"runtime: {RuntimeInformation.FrameworkDescription} on {RuntimeInformation.OSDescription}";
        yield return DescribeLoad();
    }

    /// <summary>Describes the machine's load average, because other work on it slows every figure.</summary>
    public static string DescribeLoad()
    {
        const string loadAverage = "/proc/loadavg";
        if (!File.Exists(loadAverage))
            return "load average: unknown";

        var fields = File.ReadAllText(loadAverage).Split(' ');
        return $"load average over 1, 5 and 15 minutes: {fields[0]} {fields[1]} {fields[2]} on {Environment.ProcessorCount} cores";
    }

    private static string ReadCpuModel()
    {
        const string cpuInfo = "/proc/cpuinfo";
        if (!File.Exists(cpuInfo))
            return "unknown CPU";

        var line = File.ReadLines(cpuInfo).FirstOrDefault(text => text.StartsWith("model name", StringComparison.Ordinal));
        return line?.Split(':', 2)[1].Trim() ?? "unknown CPU";
    }

    private static string ReadTotalMemory()
    {
        var bytes = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return $"{bytes / (1024.0 * 1024 * 1024):0.0} GiB";
    }
}
