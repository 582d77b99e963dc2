using Sandbox.Benchmarks.Reporting;

namespace Sandbox.Benchmarks.Scenarios;

/// <summary>One comparison of the sandbox with a probe, selected by name on the command line.</summary>
internal interface IScenario
{
    /// <summary>The command-line name, such as <c>start</c>.</summary>
    string Name { get; }

    /// <summary>What is measured, in one line for the report.</summary>
    string Definition { get; }

    /// <summary>Measures the probe side, which must succeed, and the sandbox side, which may be not available.</summary>
    Task<ScenarioReport> RunAsync(BenchmarkContext context, CancellationToken cancellationToken);
}
