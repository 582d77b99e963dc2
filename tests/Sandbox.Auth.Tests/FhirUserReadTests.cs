using System.Net;
using static Sandbox.Auth.Tests.SharedResourceData;

namespace Sandbox.Auth.Tests;

/// <summary>With <c>openid fhirUser</c>, the resource the token's fhirUser names is readable by id and nothing more.</summary>
public sealed class FhirUserReadTests
{
    private const string UserScope = "launch openid fhirUser patient/Observation.rs";

    [Theory]
    [InlineData("Practitioner/pr-1")]
    [InlineData("Practitioner/pr-1/_history/1")]
    public async Task FhirUserScope_OwnPractitioner_IsReadable(string path)
    {
        await using var fixture = await AuthFixture.StartAsync();
        var token = await TokenAsync(fixture, UserScope);

        var response = await fixture.GetFhirAsync(path, token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    // Search and history need a scope for the type. Another Practitioner is not found, as a
    // resource outside a patient's compartment is, so that its existence stays hidden.
    [Theory]
    [InlineData("Practitioner", HttpStatusCode.Forbidden)]
    [InlineData("Practitioner?_id=pr-1", HttpStatusCode.Forbidden)]
    [InlineData("Practitioner/pr-1/_history", HttpStatusCode.Forbidden)]
    [InlineData("Practitioner/pr-2", HttpStatusCode.NotFound)]
    [InlineData("Practitioner/pr-2/_history/1", HttpStatusCode.NotFound)]
    public async Task FhirUserScope_OtherPractitionerRequests_AreRejected(string path, HttpStatusCode expected)
    {
        await using var fixture = await AuthFixture.StartAsync();
        var token = await TokenAsync(fixture, UserScope);

        var response = await fixture.GetFhirAsync(path, token);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task OpenIdWithoutFhirUser_OwnPractitioner_IsForbidden()
    {
        await using var fixture = await AuthFixture.StartAsync();
        var token = await TokenAsync(fixture, "launch openid patient/Observation.rs");

        var response = await fixture.GetFhirAsync("Practitioner/pr-1", token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
