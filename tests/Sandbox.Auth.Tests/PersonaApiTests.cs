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

    [Theory]
    [InlineData("Practitioner/", "[]", "fhirUser")]
    [InlineData("Practitioner/a/b", "[]", "fhirUser")]
    [InlineData("Practitioner/a b", "[]", "fhirUser")]
    [InlineData("Practitioner/pr-1", "[\"Patient/p-1\"]", "patientIds")]
    [InlineData("Practitioner/pr-1", "[\"\"]", "patientIds")]
    public async Task Persona_InvalidId_Returns400(string fhirUser, string patientIds, string member)
    {
        var body = JsonNode.Parse($$"""
            {"username":"bad-id","displayName":"Bad","role":"Practitioner","fhirUser":"{{fhirUser}}","patientIds":{{patientIds}}}
            """);

        var response = await _server.Client.PostAsJsonAsync("api/personas", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Contains(member, problem!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var stored = await _server.Client.GetAsync("api/personas/bad-id");
        Assert.Equal(HttpStatusCode.NotFound, stored.StatusCode);
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
