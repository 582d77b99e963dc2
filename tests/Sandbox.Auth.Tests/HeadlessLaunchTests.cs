using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Sandbox.Auth.Apps;
using Sandbox.Auth.Headless;
using Sandbox.Auth.Launches;
using Sandbox.Testing;

namespace Sandbox.Auth.Tests;

public sealed class HeadlessLaunchTests : IAsyncLifetime
{
    private const string Redirect = "http://127.0.0.1:9/callback";
    private SandboxServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await SandboxServer.StartAsync(new SandboxServerOptions { Seed = "empty" });
        await PostAsync("api/personas", new { username = "dr-test", displayName = "Dr Test", role = "Practitioner", fhirUser = "Practitioner/pr-1" });
        await PostAsync("api/personas", new { username = "pat-1", displayName = "Pat One", role = "Patient", fhirUser = "Patient/p-1" });
        await _server.RegisterAppAsync(new SmartApp { ClientId = "public-app", Name = "Public", RedirectUris = [Redirect] });
        await _server.RegisterAppAsync(new SmartApp { ClientId = "secret-app", Name = "Secret", Kind = AppKind.ConfidentialSymmetric, RedirectUris = [Redirect] });
        await WritePatientsAsync();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Headless_PublicApp_ReturnsLaunchContext()
    {
        var token = await _server.HeadlessLaunchAsync(Request("public-app"));

        Assert.Equal("p-1", token["patient"]!.GetValue<string>());
        Assert.Equal("e-1", token["encounter"]!.GetValue<string>());
        Assert.Equal("Bearer", token["token_type"]!.GetValue<string>());
        Assert.Contains("patient/Patient.rs", token["scope"]!.GetValue<string>());
    }

    [Fact]
    public async Task Headless_Token_ReadsContextPatient()
    {
        var token = await _server.HeadlessLaunchAsync(Request("public-app"));
        using var fhir = _server.CreateFhirClient(token["access_token"]!.GetValue<string>());

        var response = await fhir.GetAsync("Patient/p-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var patient = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("p-1", patient!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Headless_Token_CannotReadOtherPatient()
    {
        var token = await _server.HeadlessLaunchAsync(Request("public-app"));
        using var fhir = _server.CreateFhirClient(token["access_token"]!.GetValue<string>());

        var response = await fhir.GetAsync("Patient/p-2");

        Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, $"Got {(int)response.StatusCode}.");
    }

    [Fact]
    public async Task Headless_ConfidentialApp_ReturnsToken()
    {
        var token = await _server.HeadlessLaunchAsync(Request("secret-app"));

        Assert.Equal("p-1", token["patient"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(token["access_token"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Headless_Token_CarriesFhirUser()
    {
        var token = await _server.HeadlessLaunchAsync(Request("public-app"));

        var idToken = AuthFixture.ReadJwtPayload(token["id_token"]!.GetValue<string>());
        Assert.Equal($"{_server.FhirBase.AbsoluteUri.TrimEnd('/')}/Practitioner/pr-1", idToken["fhirUser"]!.GetValue<string>());
    }

    [Fact]
    public async Task Headless_UnknownApp_Returns400Problem()
    {
        var response = await _server.Client.PostAsJsonAsync("api/launches/headless", Request("no-such-app"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Contains("no-such-app", problem!["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Headless_UnknownUser_Returns400Problem()
    {
        var response = await _server.Client.PostAsJsonAsync("api/launches/headless", Request("public-app") with { User = "nobody" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Headless_UnknownPatient_Returns400Problem()
    {
        var response = await _server.Client.PostAsJsonAsync("api/launches/headless", Request("public-app") with { Patient = "p-missing", Encounter = null });

        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Patient/p-missing does not exist", problem!["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Headless_UnknownEncounter_Returns400Problem()
    {
        var response = await _server.Client.PostAsJsonAsync("api/launches/headless", Request("public-app") with { Encounter = "e-missing" });

        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Encounter/e-missing does not exist", problem!["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Headless_UnknownPatient_CreatesNoLaunch()
    {
        var before = await _server.Client.GetFromJsonAsync<JsonArray>("api/launches");

        await _server.Client.PostAsJsonAsync("api/launches/headless", Request("public-app") with { Patient = "p-missing", Encounter = null });

        var after = await _server.Client.GetFromJsonAsync<JsonArray>("api/launches");
        Assert.Equal(before!.Count, after!.Count);
    }

    [Fact]
    public async Task Headless_PatientPersonaOtherPatient_Returns400Problem()
    {
        var response = await _server.Client.PostAsJsonAsync("api/launches/headless", Request("public-app") with { User = "pat-1", Patient = "p-2", Encounter = null });

        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'pat-1' may open only Patient/p-1, not Patient/p-2", problem!["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Launch_PatientPersonaOtherPatient_Returns400Problem()
    {
        var response = await _server.Client.PostAsJsonAsync("api/launches", new { clientId = "public-app", user = "pat-1", patient = "p-2", skipLogin = true });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Headless_PatientPersonaOwnRecord_ReturnsToken()
    {
        var token = await _server.HeadlessLaunchAsync(Request("public-app") with { User = "pat-1", Encounter = null });

        Assert.Equal("p-1", token["patient"]!.GetValue<string>());
    }

    [Fact]
    public async Task Headless_DeeplyNestedEncounter_ReturnsToken()
    {
        var token = await _server.HeadlessLaunchAsync(Request("public-app") with { Patient = null, Encounter = "e-deep" });

        Assert.Equal("p-1", token["patient"]!.GetValue<string>());
        Assert.Equal("e-deep", token["encounter"]!.GetValue<string>());
    }

    [Fact]
    public async Task Headless_UnregisteredRedirect_Returns400Problem()
    {
        var response = await _server.Client.PostAsJsonAsync("api/launches/headless", Request("public-app") with { RedirectUri = "http://127.0.0.1:9/other" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Headless_MalformedBody_Returns400()
    {
        using var content = new StringContent("{\"clientId\": 5", Encoding.UTF8, "application/json");

        var response = await _server.Client.PostAsync("api/launches/headless", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Headless_SimulatedAccessDenied_Returns422WithOAuthError()
    {
        var request = Request("public-app") with { SimulatedError = SimulatedError.AuthorizeAccessDenied };

        var response = await _server.Client.PostAsJsonAsync("api/launches/headless", request);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("access_denied", problem!["error"]!.GetValue<string>());
        Assert.Equal("authorize", problem["step"]!.GetValue<string>());
    }

    [Fact]
    public async Task Headless_SimulatedTokenError_Returns422AtTokenStep()
    {
        var request = Request("public-app") with { SimulatedError = SimulatedError.TokenInvalidGrant };

        var response = await _server.Client.PostAsJsonAsync("api/launches/headless", request);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("invalid_grant", problem!["error"]!.GetValue<string>());
        Assert.Equal("token", problem["step"]!.GetValue<string>());
    }

    [Fact]
    public async Task Headless_SimulatedRedirectUriError_Returns422WithOAuthError()
    {
        var request = Request("public-app") with { SimulatedError = SimulatedError.AuthorizeInvalidRedirectUri };

        var response = await _server.Client.PostAsJsonAsync("api/launches/headless", request);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("invalid_request", problem!["error"]?.GetValue<string>());
        Assert.Contains("redirect URI", problem["error_description"]?.GetValue<string>());
        Assert.Equal("authorize", problem["step"]!.GetValue<string>());
    }

    [Fact]
    public async Task OpenApi_Document_ListsHeadlessLaunch()
    {
        var document = await _server.Client.GetFromJsonAsync<JsonObject>("openapi/v1.json");

        Assert.NotNull(document!["paths"]!["/api/launches/headless"]);
    }

    private static HeadlessLaunchRequest Request(string clientId) => new()
    {
        ClientId = clientId,
        Scope = "launch openid fhirUser patient/Patient.rs patient/Observation.rs",
        User = "dr-test",
        Patient = "p-1",
        Encounter = "e-1",
    };

    // Writes the test patients and p-1's encounter with a practitioner token from a headless
    // launch that names no patient, because none exists yet.
    private async Task WritePatientsAsync()
    {
        var token = await _server.HeadlessLaunchAsync(new HeadlessLaunchRequest { ClientId = "public-app", Scope = "user/Patient.cu user/Encounter.cu", User = "dr-test" });
        using var fhir = _server.CreateFhirClient(token["access_token"]!.GetValue<string>());
        foreach (var id in new[] { "p-1", "p-2" })
            await PutAsync(fhir, new JsonObject { ["resourceType"] = "Patient", ["id"] = id, ["active"] = true });

        var encounter = new JsonObject
        {
            ["resourceType"] = "Encounter",
            ["id"] = "e-1",
            ["status"] = "finished",
            ["class"] = new JsonObject { ["code"] = "AMB" },
            ["subject"] = new JsonObject { ["reference"] = "Patient/p-1" },
        };
        await PutAsync(fhir, encounter);

        var deep = encounter.DeepClone().AsObject();
        deep["id"] = "e-deep";
        deep["extension"] = new JsonArray(NestedExtension(40));
        await PutAsync(fhir, deep);
    }

    // Each level adds an object and an array, so 40 levels nest the JSON past 80.
    private static JsonObject NestedExtension(int levels)
    {
        var extension = new JsonObject { ["url"] = "http://example.org/level", ["valueString"] = "innermost" };
        for (var level = 1; level < levels; level++)
            extension = new JsonObject { ["url"] = "http://example.org/level", ["extension"] = new JsonArray(extension) };

        return extension;
    }

    private static async Task PutAsync(HttpClient fhir, JsonObject resource)
    {
        var path = $"{resource["resourceType"]}/{resource["id"]}";
        using var content = new StringContent(resource.ToJsonString(), Encoding.UTF8, "application/fhir+json");
        var response = await fhir.PutAsync(path, content);
        response.EnsureSuccessStatusCode();
    }

    private async Task PostAsync(string path, object body)
    {
        var response = await _server.Client.PostAsJsonAsync(path, body);
        response.EnsureSuccessStatusCode();
    }
}
