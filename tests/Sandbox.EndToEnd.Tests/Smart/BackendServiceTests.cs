using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Sandbox.EndToEnd.Tests.Smart;

/// <summary>A backend service authenticating with private_key_jwt, as SMART Backend Services describes.</summary>
public sealed class BackendServiceTests(SmartAppFixture smart) : IClassFixture<SmartAppFixture>
{
    private const string ClientId = "e2e-backend";
    private static readonly RSA Key = RSA.Create(2048);

    [Fact]
    public async Task Backend_SystemScope_ReadsPatientObservations()
    {
        var token = await RequestTokenAsync("system/Observation.rs");
        using var fhir = smart.Sandbox.CreateFhirClient(token);

        var bundle = await fhir.GetFromJsonAsync<JsonObject>($"Observation?patient={smart.PatientId}&_summary=count");

        Assert.Equal(smart.ObservationCount, bundle!["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task Backend_SystemScope_RejectsOtherType()
    {
        var token = await RequestTokenAsync("system/Observation.rs");
        using var fhir = smart.Sandbox.CreateFhirClient(token);

        var response = await fhir.GetAsync($"Patient/{smart.PatientId}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private async Task<string> RequestTokenAsync(string scope)
    {
        await RegisterOnceAsync();
        var tokenUrl = new Uri(smart.Sandbox.BaseAddress, "auth/token").AbsoluteUri;
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["scope"] = scope,
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ["client_assertion"] = Assertion(tokenUrl),
        };
        var response = await smart.Sandbox.Client.PostAsync("auth/token", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        return body!["access_token"]!.GetValue<string>();
    }

    private async Task RegisterOnceAsync()
    {
        var existing = await smart.Sandbox.Client.GetAsync($"api/apps/{ClientId}");
        if (existing.StatusCode == HttpStatusCode.OK)
            return;

        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(Key.ExportParameters(false)) { KeyId = "e2e-1" });
        var options = new JsonSerializerOptions { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
        var jwks = new JsonObject { ["keys"] = new JsonArray(JsonSerializer.SerializeToNode(jwk, options)) };
        var response = await smart.Sandbox.Client.PostAsJsonAsync("api/apps", new { clientId = ClientId, name = "E2E backend", kind = "BackendService", jwks, scopes = new[] { "system/*.rs" } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private static string Assertion(string tokenUrl)
    {
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = ClientId,
            Audience = tokenUrl,
            Claims = new Dictionary<string, object> { ["sub"] = ClientId, ["jti"] = Guid.NewGuid().ToString() },
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(4),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(Key) { KeyId = "e2e-1" }, SecurityAlgorithms.RsaSha384),
            TokenType = "JWT",
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}
