using Sandbox.Smart.Access;
using Sandbox.Smart.Scopes;

namespace Sandbox.Smart.Tests;

public sealed class ResourceScopeTests
{
    [Theory]
    [InlineData("patient/Observation.read", ScopeContext.Patient, "Observation", "rs")]
    [InlineData("user/*.write", ScopeContext.User, "*", "cud")]
    [InlineData("system/*.*", ScopeContext.System, "*", "cruds")]
    [InlineData("patient/Observation.rs", ScopeContext.Patient, "Observation", "rs")]
    [InlineData("user/*.cruds", ScopeContext.User, "*", "cruds")]
    [InlineData("system/Patient.d", ScopeContext.System, "Patient", "d")]
    public void TryParse_ValidScope_ReadsParts(string text, ScopeContext context, string type, string letters)
    {
        var parsed = ResourceScope.TryParse(text, out var scope);

        Assert.True(parsed);
        Assert.Equal(context, scope!.Context);
        Assert.Equal(type, scope.ResourceType);
        Assert.Equal(letters, string.Concat(scope.Interactions.Order().Select(i => "cruds"[(int)i])));
    }

    [Fact]
    public void TryParse_GranularScope_KeepsQuery()
    {
        var parsed = ResourceScope.TryParse(
            "patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory",
            out var scope);

        Assert.True(parsed);
        Assert.Equal(
            "category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory",
            scope!.Query);
        Assert.False(scope.IsVersion1);
    }

    [Theory]
    [InlineData("launch")]
    [InlineData("openid")]
    [InlineData("launch/patient")]
    [InlineData("patient/Observation.sr")]
    [InlineData("patient/Observation.rr")]
    [InlineData("patient/Observation.x")]
    [InlineData("patient/observation.rs")]
    [InlineData("practitioner/Observation.rs")]
    [InlineData("patient/Observation.read?category=laboratory")]
    [InlineData("patient/Observation.rs?")]
    [InlineData("patient/.rs")]
    public void TryParse_NotResourceScope_ReturnsFalse(string text)
    {
        var parsed = ResourceScope.TryParse(text, out var scope);

        Assert.False(parsed);
        Assert.Null(scope);
    }
}
