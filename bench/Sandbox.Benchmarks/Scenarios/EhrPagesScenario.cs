using System.Globalization;
using Sandbox.Benchmarks.EhrPages;
using Sandbox.Benchmarks.Reporting;

namespace Sandbox.Benchmarks.Scenarios;

/// <summary>
/// Server time of the EHR's pages on the default seed, one signed-in client on loopback, each
/// page after its own warm-up, against the bare probe's fixed JSON document as the floor.
/// </summary>
internal sealed class EhrPagesScenario : IScenario
{
    /// <summary>The page target, an absolute time, not a ratio: every page's p95 under this.</summary>
    public const double TargetMilliseconds = 100;

    public string Name => "ehr-pages";

    public string Definition => "EHR page time, one signed-in client, per page p50 and p95 (default seed)";

    public async Task<ScenarioReport> RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var load = PageLoad.From(context.Settings);
        var probe = await MeasureProbeAsync(context, load, cancellationToken);
        var sandbox = await context.MeasureSandboxAsync(token => MeasureSandboxAsync(context, load, token), cancellationToken);

        var pages = sandbox.Value ?? [];
        var comparisons = new List<Comparison>();
        foreach (var name in PageNames(pages))
        {
            comparisons.Add(Row(name, "p50", 50, probe, sandbox));
            comparisons.Add(Row(name, "p95", 95, probe, sandbox));
        }

        return new ScenarioReport(Name, Definition, comparisons, Notes(load, pages));
    }

    private static Comparison Row(string name, string label, double percent, PageTiming probe, Outcome<IReadOnlyList<PageTiming>> sandbox) =>
        new(
            $"{name} {label}",
            "ms",
            Reading.Of(probe.Latencies.Percentile(percent)),
            sandbox.ToReading(pages => pages.First(page => page.Name == name).Latencies.Percentile(percent)),
            null);

    // Without a sandbox the rows still name the pages, so the report shows what was skipped.
    private static IEnumerable<string> PageNames(IReadOnlyList<PageTiming> pages) =>
        pages.Count > 0 ? pages.Select(page => page.Name) : ["every page"];

    private static async Task<PageTiming> MeasureProbeAsync(BenchmarkContext context, PageLoad load, CancellationToken cancellationToken)
    {
        await using var server = await context.StartProbeAsync(null, cancellationToken);
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = server.BaseAddress };
        var page = new EhrPage("bare probe GET /json", BenchmarkContext.ProbeReadyPath.TrimStart('/'));
        return await PageTiming.MeasureAsync(client, page, server.ProcessId, load, cancellationToken);
    }

    private static async Task<IReadOnlyList<PageTiming>> MeasureSandboxAsync(BenchmarkContext context, PageLoad load, CancellationToken cancellationToken)
    {
        await using var server = await context.StartSandboxAsync("default", cancellationToken);
        using var session = await EhrPageSession.StartAsync(server.BaseAddress, cancellationToken);
        var timings = new List<PageTiming>();
        foreach (var page in session.Pages)
            timings.Add(await PageTiming.MeasureAsync(session.Client, page, server.ProcessId, load, cancellationToken));

        return timings;
    }

    private static List<string> Notes(PageLoad load, IReadOnlyList<PageTiming> pages)
    {
        var notes = new List<string>
        {
            $"each page: {load.WarmupRequests} untimed requests, then up to {load.MaxRequests} timed requests or {load.Duration.TotalSeconds:0.#} s, one at a time; "
                + "time is measured by the client on loopback from sending the request to the last byte of the page; the probe column is the bare probe's GET /json under the same load",
            $"target: every page's p95 under {TargetMilliseconds:0} ms (an absolute time, so the ratio column has no target)",
        };
        if (pages.Count == 0)
            return notes;

        var slow = pages.Where(page => page.Latencies.Percentile(95) >= TargetMilliseconds).Select(page => page.Name).ToList();
        notes.Add(slow.Count == 0
            ? $"every page met the {TargetMilliseconds:0} ms target at p95"
            : $"pages at or over {TargetMilliseconds:0} ms at p95: {string.Join(", ", slow)}");
        notes.Add("Server-Timing page;dur p50 / p95 (ms, from model binding to the response headers): "
            + string.Join(", ", pages.Select(DescribeServerTiming)));
        notes.Add("server CPU per request (ms, from /proc/<pid>/stat in 10 ms ticks): "
            + string.Join(", ", pages.Select(page => $"{page.Name} {page.CpuMilliseconds?.ToString("0.0", CultureInfo.InvariantCulture) ?? "n/a"}")));
        return notes;
    }

    private static string DescribeServerTiming(PageTiming page) =>
        page.ServerTimings.Count == 0
            ? $"{page.Name} none"
            : string.Create(CultureInfo.InvariantCulture, $"{page.Name} {page.ServerTimings.Percentile(50):0.0} / {page.ServerTimings.Percentile(95):0.0}");
}
