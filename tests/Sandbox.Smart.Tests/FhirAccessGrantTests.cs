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

    [Fact]
    public void Decide_SharedTypeSearch_HasNoCompartment()
    {
        var grant = SharedGrant("p-1", null, "patient/*.rs");

        var decision = grant.Decide("Practitioner", FhirInteraction.Search);

        Assert.True(decision.IsUnlimited);
    }

    [Fact]
    public void Decide_SharedTypeGranularScope_KeepsQuery()
    {
        var grant = SharedGrant("p-1", null, "patient/Practitioner.rs?active=true");

        var decision = grant.Decide("Practitioner", FhirInteraction.Read);

        var rule = Assert.Single(decision.Rules);
        Assert.Null(rule.CompartmentPatientId);
        Assert.Equal("active=true", rule.Query);
    }

    [Fact]
    public void Decide_SharedTypeWrite_DeniesWithReason()
    {
        var grant = SharedGrant("p-1", null, "patient/*.cruds");

        var decision = grant.Decide("Practitioner", FhirInteraction.Create);

        Assert.False(decision.IsAllowed);
        Assert.Contains("contains no patient's data", decision.Reason);
    }

    [Fact]
    public void Decide_CompartmentTypeBesideSharedTypes_StaysConfined()
    {
        var grant = SharedGrant("p-1", null, "patient/*.rs");

        var decision = grant.Decide("Observation", FhirInteraction.Search);

        var rule = Assert.Single(decision.Rules);
        Assert.Equal("p-1", rule.CompartmentPatientId);
    }

    [Fact]
    public void Decide_FhirUserRead_AllowsOnlyThatId()
    {
        var grant = SharedGrant("p-1", new FhirUserReference("Practitioner", "pr-1"), "patient/Observation.rs");

        var read = grant.Decide("Practitioner", FhirInteraction.Read);
        var search = grant.Decide("Practitioner", FhirInteraction.Search);

        var rule = Assert.Single(read.Rules);
        Assert.Null(rule.CompartmentPatientId);
        Assert.Equal("_id=pr-1", rule.Query);
        Assert.False(search.IsAllowed);
    }

    [Theory]
    [InlineData("https://ehr.example/fhir/Practitioner/pr-1", "Practitioner", "pr-1")]
    [InlineData("PractitionerRole/role.7", "PractitionerRole", "role.7")]
    public void FhirUserReference_ValidValue_Parses(string value, string type, string id)
    {
        var reference = FhirUserReference.TryParse(value);

        Assert.Equal(new FhirUserReference(type, id), reference);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("pr-1")]
    [InlineData("https://ehr.example/fhir/Practitioner/pr,1")]
    [InlineData("https://ehr.example/fhir/practitioner/pr-1")]
    public void FhirUserReference_InvalidValue_ReturnsNull(string? value)
    {
        Assert.Null(FhirUserReference.TryParse(value));
    }

    private static FhirAccessGrant SharedGrant(string? patientId, FhirUserReference? fhirUser, params string[] scopes)
    {
        var parsed = scopes.Select(text =>
        {
            Assert.True(ResourceScope.TryParse(text, out var scope), text);
            return scope!;
        });
        return FhirAccessGrant.FromScopes(parsed, patientId, null, fhirUser, new HashSet<string> { "Practitioner" });
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
