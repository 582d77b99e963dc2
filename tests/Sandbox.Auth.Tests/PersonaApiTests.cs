using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Sandbox.Testing;

namespace Sandbox.Auth.Tests;

public sealed class PersonaApiTests : IAsyncLifetime
{
    private SandboxServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await SandboxServer.StartAsync(new SandboxServerOptions { Seed = "empty" });
        var created = await _server.Client.PostAsJsonAsync("api/personas", new { username = "nurse", displayName = "Nurse", role = "Practitioner", fhirUser = "Practitioner/pr-9" });
        created.EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Persona_Get_ReturnsStoredPersona()
    {
        var persona = await _server.Client.GetFromJsonAsync<JsonObject>("api/personas/nurse");

        Assert.Equal("Practitioner/pr-9", persona!["fhirUser"]!.GetValue<string>());
    }

    [Fact]
    public async Task Persona_GetUnknown_Returns404Problem()
    {
        var response = await _server.Client.GetAsync("api/personas/nobody");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Persona_Delete_RemovesPersona()
    {
        var deleted = await _server.Client.DeleteAsync("api/personas/nurse");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        var read = await _server.Client.GetAsync("api/personas/nurse");
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }

    [Fact]
    public async Task Persona_DeleteUnknown_Returns404()
    {
        var response = await _server.Client.DeleteAsync("api/personas/nobody");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Persona_DeletedUser_CannotHeadlessLaunch()
    {
        await _server.RegisterAppAsync(new Apps.SmartApp { ClientId = "app", Name = "App", RedirectUris = ["http://127.0.0.1:9/cb"] });
        await _server.Client.DeleteAsync("api/personas/nurse");

        var response = await _server.Client.PostAsJsonAsync("api/launches/headless", new { clientId = "app", scope = "launch openid", user = "nurse" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Persona_Delete_RevokesItsTokens()
    {
        await _server.RegisterAppAsync(new Apps.SmartApp { ClientId = "app", Name = "App", RedirectUris = ["http://127.0.0.1:9/cb"] });
        var token = await _server.HeadlessLaunchAsync(new Headless.HeadlessLaunchRequest { ClientId = "app", Scope = "openid fhirUser user/Patient.rs", User = "nurse" });
        using var fhir = _server.CreateFhirClient(token["access_token"]!.GetValue<string>());
        var before = await fhir.GetAsync("Patient");

        await _server.Client.DeleteAsync("api/personas/nurse");

        var after = await fhir.GetAsync("Patient");
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task OpenApi_Document_ListsPersonaPaths()
    {
        var document = await _server.Client.GetFromJsonAsync<JsonObject>("openapi/v1.json");

        Assert.NotNull(document!["paths"]!["/api/personas/{username}"]);
    }
}
