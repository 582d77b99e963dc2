namespace Sandbox.SeedData.Tests;

/// <summary>A clock that always returns the same instant, so two stores written apart compare equal.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
