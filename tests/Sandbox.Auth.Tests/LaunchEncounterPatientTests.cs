using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Sandbox.Auth.Headless;

namespace Sandbox.Auth.Tests;

public sealed class LaunchEncounterPatientTests
{
    [Fact]
    public async Task CreateLaunch_EncounterOnly_TakesEncounterPatient()
    {
        await using var fixture = await AuthFixture.StartAsync();

        var launchId = await fixture.CreateLaunchAsync(new { user = AuthFixture.PractitionerUser, encounter = "e-1", skipLogin = true });
        var launch = await fixture.Client.GetFromJsonAsync<JsonObject>($"/api/launches/{launchId}");

        Assert.Equal(AuthFixture.PatientId, launch!["request"]!["patient"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateLaunch_EncounterWithoutPatientSubject_Returns400Problem()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await StoreEncounterWithoutSubjectAsync(fixture);

        var response = await fixture.Client.PostAsJsonAsync("/api/launches", new { user = AuthFixture.PractitionerUser, encounter = "e-nobody" });
        var problem = await AuthFixture.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("has no Patient as its subject", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task LaunchToken_EncounterOnly_CarriesEncounterPatient()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");

        var token = await fixture.LaunchAndRedeemAsync("app", "launch patient/Observation.rs",
            new { clientId = "app", user = AuthFixture.PractitionerUser, encounter = "e-1", skipLogin = true });

        Assert.Equal(AuthFixture.PatientId, token["patient"]!.GetValue<string>());
        Assert.Equal("e-1", token["encounter"]!.GetValue<string>());
    }

    [Fact]
    public async Task HeadlessLaunch_EncounterOnly_CarriesEncounterPatient()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");

        var token = await fixture.Server.HeadlessLaunchAsync(new HeadlessLaunchRequest
        {
            ClientId = "app",
            Scope = "launch patient/Observation.rs",
            User = AuthFixture.PractitionerUser,
            Encounter = "e-1",
        });

        Assert.Equal(AuthFixture.PatientId, token["patient"]!.GetValue<string>());
    }

    [Fact]
    public async Task HeadlessLaunch_EncounterWithoutPatientSubject_Returns400()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterPublicAppAsync("app");
        await StoreEncounterWithoutSubjectAsync(fixture);

        var response = await fixture.Client.PostAsJsonAsync("/api/launches/headless",
            new { clientId = "app", scope = "launch patient/Observation.rs", user = AuthFixture.PractitionerUser, encounter = "e-nobody" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static async Task StoreEncounterWithoutSubjectAsync(AuthFixture fixture)
    {
        var encounter = new Hl7.Fhir.Model.Encounter
        {
            Id = "e-nobody",
            Status = Hl7.Fhir.Model.Encounter.EncounterStatus.Finished,
            Class = new Hl7.Fhir.Model.Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB"),
            Subject = new Hl7.Fhir.Model.ResourceReference("Group/g-1"),
        };
        await fixture.SaveAsync(encounter);
    }
}
