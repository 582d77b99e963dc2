using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Sandbox.Auth.Apps;
using Sandbox.Auth.Headless;
using Sandbox.Testing;
using Xunit;

namespace Sandbox.Auth.Tests;

// The "complete xunit test" of docs/automation.md, copied as it is there apart from the class
// name, so that the example keeps compiling and passing.
public sealed class AutomationDocExampleTests : IAsyncLifetime
{
    private SandboxServer _sandbox = null!;

    public async Task InitializeAsync()
    {
        _sandbox = await SandboxServer.StartAsync(new SandboxServerOptions { Seed = "empty" });
        await _sandbox.RegisterAppAsync(new SmartApp
        {
            ClientId = "my-app",
            Name = "My app",
            RedirectUris = ["http://127.0.0.1:3000/callback"],
        });
        var persona = await _sandbox.Client.PostAsJsonAsync("api/personas", new
        {
            username = "dr-ci",
            displayName = "Dr CI",
            role = "Practitioner",
            fhirUser = "Practitioner/dr-ci",
        });
        persona.EnsureSuccessStatusCode();
        await WritePatientAsync();
    }

    // A launch names a patient that exists, and the store is empty. A token with user/ scopes
    // only needs no patient, so it writes Patient p-1 first.
    private async Task WritePatientAsync()
    {
        var token = await _sandbox.HeadlessLaunchAsync(new HeadlessLaunchRequest
        {
            ClientId = "my-app",
            Scope = "user/Patient.cu",
            User = "dr-ci",
        });
        using var fhir = _sandbox.CreateFhirClient(token["access_token"]!.GetValue<string>());
        using var patient = new StringContent(
            """{"resourceType": "Patient", "id": "p-1"}""",
            Encoding.UTF8,
            "application/fhir+json");
        var written = await fhir.PutAsync("Patient/p-1", patient);
        written.EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    [Fact]
    public async Task HeadlessToken_SearchesPatientObservations()
    {
        var token = await _sandbox.HeadlessLaunchAsync(new HeadlessLaunchRequest
        {
            ClientId = "my-app",
            Scope = "launch openid fhirUser patient/Observation.rs",
            User = "dr-ci",
            Patient = "p-1",
        });
        using var fhir = _sandbox.CreateFhirClient(token["access_token"]!.GetValue<string>());

        var bundle = await fhir.GetFromJsonAsync<JsonObject>("Observation?patient=p-1");

        Assert.Equal("p-1", token["patient"]!.GetValue<string>());
        Assert.Equal("searchset", bundle!["type"]!.GetValue<string>());
    }
}
