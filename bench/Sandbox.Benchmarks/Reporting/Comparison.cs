namespace Sandbox.Benchmarks.Reporting;

/// <summary>
/// One figure measured on the probe and on the sandbox in the same run, with the ratio
/// sandbox / probe checked against its target. A comparison without a target is informational.
/// </summary>
internal sealed record Comparison(string Figure, string Unit, Reading Probe, Reading Sandbox, Target? Target)
{
    /// <summary>The ratio sandbox / probe, or null when either side is missing or the probe is zero.</summary>
    public double? Ratio =>
        Probe.Value is { } probe && probe > 0 && Sandbox.Value is { } sandbox ? sandbox / probe : null;

    /// <summary>Whether the target is met: "met", "MISSED", "no target" or "not available".</summary>
    public string Verdict => (Ratio, Target) switch
    {
        (null, _) => "not available",
        (_, null) => "no target",
        ({ } ratio, { } target) => target.IsMetBy(ratio) ? "met" : "MISSED",
    };
}
