using Sandbox.SeedData.Population;

namespace Sandbox.SeedData.Tests;

/// <summary>The seed population for a fixed reference date, generated once per test run.</summary>
public static class PopulationFixture
{
    public static readonly DateOnly ReferenceDate = new(2026, 6, 15);

    private static readonly Lazy<SeedPopulation> Lazy = new(() => PopulationGenerator.Generate(ReferenceDate));

    public static SeedPopulation Population => Lazy.Value;
}
