using System.Diagnostics;
using System.Globalization;
using Sandbox.Benchmarks.Load;
using Sandbox.Benchmarks.Processes;

namespace Sandbox.Benchmarks.EhrPages;

/// <summary>
/// The latencies of one page as the client measured them, the durations the server reported in
/// its <c>Server-Timing</c> header (empty when it sends none), and the server's CPU time per
/// request when it was read.
/// </summary>
internal sealed record PageTiming(string Name, LatencySamples Latencies, LatencySamples ServerTimings, double? CpuMilliseconds)
{
    private const string ServerTimingPrefix = "page;dur=";

    /// <summary>
    /// Requests <paramref name="page"/> one at a time: the load's warm-up requests untimed, then
    /// timed requests until the load's count or duration is reached. Each response must be 200
    /// and is read to its end. The CPU time is read only when a server process id is given.
    /// </summary>
    /// <exception cref="ServerUnavailableException">A response was not 200 OK.</exception>
    public static async Task<PageTiming> MeasureAsync(
        HttpClient client,
        EhrPage page,
        int? serverProcessId,
        PageLoad load,
        CancellationToken cancellationToken)
    {
        for (var i = 0; i < load.WarmupRequests; i++)
            await FetchAsync(client, page, cancellationToken);

        var latencies = new LatencySamples();
        var serverTimings = new LatencySamples();
        var cpuBefore = serverProcessId is { } pid ? ProcessCpu.ReadCpuSeconds(pid) : 0;
        var clock = Stopwatch.StartNew();
        while (latencies.Count < load.MaxRequests && clock.Elapsed < load.Duration)
        {
            var started = Stopwatch.GetTimestamp();
            var serverTiming = await FetchAsync(client, page, cancellationToken);
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (serverTiming is { } reported)
                serverTimings.Add(reported);
        }

        double? cpu = serverProcessId is { } id
            ? (ProcessCpu.ReadCpuSeconds(id) - cpuBefore) * 1000 / latencies.Count
            : null;
        return new PageTiming(page.Name, latencies, serverTimings, cpu);
    }

    /// <summary>Fetches the page and returns the duration of its <c>Server-Timing</c> header, if any.</summary>
    private static async Task<double?> FetchAsync(HttpClient client, EhrPage page, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(page.Path, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await response.Content.CopyToAsync(Stream.Null, cancellationToken);
        if (response.StatusCode != System.Net.HttpStatusCode.OK)
            throw new ServerUnavailableException($"GET /{page.Path} ({page.Name}) returned {(int)response.StatusCode}, not 200 OK");

        if (!response.Headers.TryGetValues("Server-Timing", out var values))
            return null;

        var value = values.FirstOrDefault(item => item.StartsWith(ServerTimingPrefix, StringComparison.Ordinal));
        return double.TryParse(value?[ServerTimingPrefix.Length..], NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds)
            ? milliseconds
            : null;
    }
}
