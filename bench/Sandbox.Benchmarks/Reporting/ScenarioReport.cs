namespace Sandbox.Benchmarks.Reporting;

/// <summary>What one scenario measured: its comparisons and notes on how they were made.</summary>
internal sealed record ScenarioReport(
    string Scenario,
    string Definition,
    IReadOnlyList<Comparison> Comparisons,
    IReadOnlyList<string> Notes)
{
    /// <summary>Set when the probe side failed, so that no comparison could be made.</summary>
    public string? Failure { get; init; }

    public static ScenarioReport Failed(string scenario, string definition, string failure) =>
        new(scenario, definition, [], []) { Failure = failure };
}
