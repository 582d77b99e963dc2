using Sandbox.Smart.Scopes;

namespace Sandbox.Smart.Tests;

public sealed class ScopeNarrowingNegotiatorTests
{
    [Fact]
    public void Negotiate_WildcardAllowedTypes_NarrowsToEachType()
    {
        var result = ScopeNegotiator.Negotiate(["patient/*.cruds"], ["patient/Observation.rs", "patient/Condition.r"]);

        Assert.Equal(["patient/Observation.rs", "patient/Condition.r"], result.Granted);
    }

    [Fact]
    public void Negotiate_AllowedQuery_KeepsQuery()
    {
        var result = ScopeNegotiator.Negotiate(["patient/Observation.read"], ["patient/Observation.rs?category=laboratory"]);

        Assert.Equal(["patient/Observation.rs?category=laboratory"], result.Granted);
    }

    [Fact]
    public void Negotiate_CoveredPart_IsLeftOut()
    {
        var result = ScopeNegotiator.Negotiate(["patient/*.cruds"], ["patient/*.rs", "patient/Observation.r"]);

        Assert.Equal(["patient/*.rs"], result.Granted);
    }

    [Fact]
    public void Negotiate_NarrowedScope_IsRecorded()
    {
        var result = ScopeNegotiator.Negotiate(["patient/*.cruds"], ["patient/*.rs"]);

        var narrowed = Assert.Single(result.Narrowed);
        Assert.Equal("patient/*.cruds", narrowed.Scope);
        Assert.False(result.IsComplete);
    }

    [Fact]
    public void Negotiate_UnknownResourceType_IsDropped()
    {
        var result = ScopeNegotiator.Negotiate(["patient/Foo.rs"], [], type => type == "Observation");

        Assert.Equal("patient/Foo.rs", Assert.Single(result.Dropped).Scope);
    }
}
