namespace Sandbox.SeedData.Tests;

/// <summary>The test classes that share one <see cref="SeededSandbox"/>.</summary>
[CollectionDefinition(Name)]
public sealed class SeededSandboxCollection : ICollectionFixture<SeededSandbox>
{
    public const string Name = "Seeded sandbox";
}
