namespace Sandbox.Benchmarks.Scenarios;

/// <summary>Every scenario, in the order that <c>all</c> runs them.</summary>
internal static class ScenarioCatalog
{
    public static IReadOnlyList<IScenario> All { get; } =
    [
        new StartScenario(),
        new MemoryScenario(),
        new ReadScenario(),
        new ImportScenario(),
        new CreatesScenario(),
        new SearchScenario(),
        new SearchScaleScenario(),
        new HandshakeScenario(),
        new BackendTokensScenario(),
        new FirstLaunchScenario(),
        new EhrPagesScenario(),
    ];
}
