using Sandbox.Smart.Access;
using Sandbox.Smart.Scopes;

namespace Sandbox.Smart.Tests;

public sealed class FhirAccessGrantTests
{
    [Fact]
    public void Decide_PatientScope_LimitsToCompartment()
    {
        var grant = Grant("p-1", "patient/Observation.rs");

        var decision = grant.Decide("Observation", FhirInteraction.Search);

        Assert.True(decision.IsAllowed);
        var rule = Assert.Single(decision.Rules);
        Assert.Equal("p-1", rule.CompartmentPatientId);
        Assert.Null(rule.Query);
    }

    [Fact]
    public void Decide_MissingLetter_DeniesWithReason()
    {
        var grant = Grant("p-1", "patient/Observation.rs");

        var decision = grant.Decide("Observation", FhirInteraction.Create);

        Assert.False(decision.IsAllowed);
        Assert.Contains("patient/Observation.c", decision.Reason);
    }

    [Fact]
    public void Decide_OtherType_Denies()
    {
        var grant = Grant("p-1", "patient/Observation.rs");

        var decision = grant.Decide("Condition", FhirInteraction.Read);

        Assert.False(decision.IsAllowed);
    }

    [Fact]
    public void Decide_UserScopeBesidePatientScope_IsUnlimited()
    {
        var grant = Grant("p-1", "patient/Observation.rs", "user/Observation.rs");

        var decision = grant.Decide("Observation", FhirInteraction.Read);

        Assert.True(decision.IsUnlimited);
    }

    [Fact]
    public void Decide_TwoGranularScopes_KeepsBothRules()
    {
        var grant = Grant("p-1", "patient/Observation.rs?category=laboratory", "patient/Observation.rs?category=vital-signs");

        var decision = grant.Decide("Observation", FhirInteraction.Search);

        Assert.Equal(2, decision.Rules.Count);
        Assert.All(decision.Rules, rule => Assert.Equal("p-1", rule.CompartmentPatientId));
    }

    [Fact]
    public void Decide_PatientScopeWithoutPatient_Denies()
    {
        var grant = Grant(null, "patient/*.rs");

        var decision = grant.Decide("Observation", FhirInteraction.Read);

        Assert.False(decision.IsAllowed);
        Assert.Contains("no patient", decision.Reason);
    }

    [Fact]
    public void Decide_Version1Write_AllowsUpdateNotRead()
    {
        var grant = Grant(null, "user/Observation.write");

        Assert.True(grant.Decide("Observation", FhirInteraction.Update).IsAllowed);
        Assert.False(grant.Decide("Observation", FhirInteraction.Read).IsAllowed);
    }

    private static FhirAccessGrant Grant(string? patientId, params string[] scopes)
    {
        var parsed = scopes.Select(text =>
        {
            Assert.True(ResourceScope.TryParse(text, out var scope), text);
            return scope!;
        });
        return FhirAccessGrant.FromScopes(parsed, patientId);
    }
}
