using Sandbox.Smart.Scopes;

namespace Sandbox.Smart.Tests;

public sealed class ScopeNegotiatorTests
{
    [Fact]
    public void Negotiate_EmptyAllowed_GrantsKnownScopes()
    {
        var result = ScopeNegotiator.Negotiate(["launch", "patient/Observation.rs", "openid"], []);

        Assert.Equal(["launch", "patient/Observation.rs", "openid"], result.Granted);
    }

    [Fact]
    public void Negotiate_UnknownScope_IsDroppedWithReason()
    {
        var result = ScopeNegotiator.Negotiate(["patient/Observation.rs", "made-up"], []);

        var dropped = Assert.Single(result.Dropped);
        Assert.Equal("made-up", dropped.Scope);
    }

    [Fact]
    public void Negotiate_WildcardAllowed_CoversNarrowerScope()
    {
        var result = ScopeNegotiator.Negotiate(["patient/Observation.rs?category=laboratory"], ["patient/*.rs"]);

        Assert.Equal(["patient/Observation.rs?category=laboratory"], result.Granted);
    }

    [Fact]
    public void Negotiate_MoreLettersThanAllowed_IsNarrowed()
    {
        var result = ScopeNegotiator.Negotiate(["patient/Observation.cruds"], ["patient/*.rs"]);

        Assert.Equal(["patient/Observation.rs"], result.Granted);
    }

    [Fact]
    public void Negotiate_NoAllowedLetter_IsDropped()
    {
        var result = ScopeNegotiator.Negotiate(["patient/Observation.cud"], ["patient/*.rs"]);

        Assert.Empty(result.Granted);
    }

    [Fact]
    public void Negotiate_OtherContext_IsDropped()
    {
        var result = ScopeNegotiator.Negotiate(["user/Observation.rs"], ["patient/*.rs"]);

        Assert.Empty(result.Granted);
    }

    [Fact]
    public void Negotiate_NonResourceScopeNotAllowed_IsDropped()
    {
        var result = ScopeNegotiator.Negotiate(["offline_access"], ["patient/*.rs"]);

        Assert.Empty(result.Granted);
    }

    [Fact]
    public void Describe_ResourceScope_NamesTypeAndVerbs()
    {
        var text = ScopeDescriber.Describe("patient/Observation.rs");

        Assert.Equal("Read, search the selected patient's Observation records.", text);
    }
}
