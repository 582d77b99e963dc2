using System.Net;
using System.Text.Json.Nodes;

namespace Sandbox.Auth.Tests;

public sealed class UserScopePatientTests
{
    private static async Task<string> UserTokenAsync(AuthFixture fixture, string username)
    {
        await fixture.RegisterPublicAppAsync("app");
        var launch = new { clientId = "app", user = username, skipLogin = true, skipConsent = true };
        var token = await fixture.LaunchAndRedeemAsync("app", "launch user/*.rs", launch);
        return token["access_token"]!.GetValue<string>();
    }

    [Fact]
    public async Task UserScope_PatientPersona_ReadsOwnRecord()
    {
        await using var fixture = await AuthFixture.StartAsync();
        var token = await UserTokenAsync(fixture, AuthFixture.PatientUser);

        var response = await fixture.GetFhirAsync($"Patient/{AuthFixture.PatientId}", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task UserScope_PatientPersona_CannotReadOtherPatient()
    {
        await using var fixture = await AuthFixture.StartAsync();
        var token = await UserTokenAsync(fixture, AuthFixture.PatientUser);

        var response = await fixture.GetFhirAsync("Patient/p-2", token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task UserScope_PatientPersonaSearch_FindsOnlyOwnRecord()
    {
        await using var fixture = await AuthFixture.StartAsync();
        var token = await UserTokenAsync(fixture, AuthFixture.PatientUser);

        var response = await fixture.GetFhirAsync("Patient?_summary=count", token);

        var bundle = await AuthFixture.ReadJsonAsync(response);
        Assert.Equal(1, bundle["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task UserScope_ParentPersona_ReadsChildRecord()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.AddPersonaAsync(new { username = "parent", displayName = "Parent", role = "Patient", fhirUser = $"Patient/{AuthFixture.PatientId}", patientIds = new[] { AuthFixture.PatientId, "p-42" } });
        var token = await UserTokenAsync(fixture, "parent");

        var child = await fixture.GetFhirAsync("Patient/p-42", token);
        var stranger = await fixture.GetFhirAsync("Patient/p-2", token);

        Assert.Equal(HttpStatusCode.OK, child.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
    }

    [Fact]
    public async Task UserScope_Practitioner_ReadsAnyPatient()
    {
        await using var fixture = await AuthFixture.StartAsync();
        var token = await UserTokenAsync(fixture, AuthFixture.PractitionerUser);

        var response = await fixture.GetFhirAsync("Patient/p-2", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
