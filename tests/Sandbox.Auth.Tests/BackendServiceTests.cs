using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Sandbox.Auth.Tests;

public sealed class BackendServiceTests
{
    private const string ClientId = "backend";

    private static async Task<AuthFixture> StartWithBackendAsync(SecurityKey publicKey, string scopePolicy = "Drop")
    {
        var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterAppAsync(BackendApp(publicKey, scopePolicy));
        return fixture;
    }

    private static object BackendApp(SecurityKey publicKey, string scopePolicy = "Drop")
    {
        var jwk = JsonWebKeyConverter.ConvertFromSecurityKey(publicKey);
        var jwks = JsonNode.Parse($"{{\"keys\":[{System.Text.Json.JsonSerializer.Serialize(jwk, new System.Text.Json.JsonSerializerOptions { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull })}]}}")!;
        return new { clientId = ClientId, name = "Backend", kind = "BackendService", jwks, scopes = new[] { "system/*.rs" }, scopePolicy };
    }

    private static async Task ReplaceAppAsync(AuthFixture fixture, SecurityKey publicKey)
    {
        using var response = await fixture.Client.PutAsJsonAsync($"api/apps/{ClientId}", BackendApp(publicKey));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static string Assertion(AuthFixture fixture, SigningCredentials credentials, string? jti = null, TimeSpan? lifetime = null)
    {
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = ClientId,
            Audience = fixture.TokenUrl,
            Claims = new Dictionary<string, object> { ["sub"] = ClientId, ["jti"] = jti ?? Guid.NewGuid().ToString() },
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (lifetime ?? TimeSpan.FromMinutes(4)),
            SigningCredentials = credentials,
            TokenType = "JWT",
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    private static Task<HttpResponseMessage> RequestTokenAsync(AuthFixture fixture, string assertion, string scope = "system/Observation.rs") =>
        fixture.PostTokenAsync(new()
        {
            ["grant_type"] = "client_credentials",
            ["scope"] = scope,
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ["client_assertion"] = assertion,
        });

    private static (SecurityKey Public, SigningCredentials Credentials) Rsa384()
    {
        var key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "rsa-1" };
        var publicKey = new RsaSecurityKey(key.Rsa.ExportParameters(false)) { KeyId = "rsa-1" };
        return (publicKey, new SigningCredentials(key, SecurityAlgorithms.RsaSha384));
    }

    [Fact]
    public async Task HeadlessLaunch_BackendService_PointsToClientCredentials()
    {
        await using var fixture = (await BackendClient.StartAsync(ClientId)).Fixture;
        var body = new { clientId = ClientId, scope = "system/*.rs" };

        var response = await fixture.Client.PostAsJsonAsync("/api/launches/headless", body);

        var detail = (await AuthFixture.ReadJsonAsync(response))["detail"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("client_credentials", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("redirect URI", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientCredentials_Rs384Assertion_IssuesSystemToken()
    {
        var (publicKey, credentials) = Rsa384();
        await using var fixture = await StartWithBackendAsync(publicKey);

        var response = await RequestTokenAsync(fixture, Assertion(fixture, credentials));

        var body = await AuthFixture.ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("system/Observation.rs", body["scope"]!.GetValue<string>());
        Assert.Null(body["refresh_token"]);
        Assert.Equal(300, body["expires_in"]!.GetValue<int>());
    }

    [Fact]
    public async Task ClientCredentials_OfflineAccessUnderDrop_IsDropped()
    {
        var (publicKey, credentials) = Rsa384();
        await using var fixture = await StartWithBackendAsync(publicKey);

        var response = await RequestTokenAsync(fixture, Assertion(fixture, credentials), "openid offline_access system/Observation.rs");

        var body = await AuthFixture.ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("system/Observation.rs", body["scope"]!.GetValue<string>());
        Assert.Null(body["refresh_token"]);
    }

    [Fact]
    public async Task ClientCredentials_ScopeDroppedUnderDrop_JournalsWarning()
    {
        var (publicKey, credentials) = Rsa384();
        await using var fixture = await StartWithBackendAsync(publicKey);

        using var response = await RequestTokenAsync(fixture, Assertion(fixture, credentials), "offline_access system/Observation.rs");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var events = (await fixture.Client.GetFromJsonAsync<JsonArray>($"/api/launches/client:{ClientId}/events"))!;
        var dropped = Assert.Single(events, entry => entry!["message"]!.GetValue<string>().StartsWith("Scope dropped: ", StringComparison.Ordinal));
        Assert.Equal("Warning", dropped!["outcome"]!.GetValue<string>());
        Assert.Contains("'offline_access'", dropped["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task ClientCredentials_RejectedOfflineAccess_ReturnsInvalidScope()
    {
        var (publicKey, credentials) = Rsa384();
        await using var fixture = await StartWithBackendAsync(publicKey, "Reject");

        var response = await RequestTokenAsync(fixture, Assertion(fixture, credentials), "offline_access system/Observation.rs");

        var body = await AuthFixture.ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_scope", body["error"]!.GetValue<string>());
        Assert.Contains("'offline_access'", body["error_description"]!.GetValue<string>());
    }

    [Fact]
    public async Task ClientCredentials_RejectedUnknownScope_ReturnsInvalidScope()
    {
        var (publicKey, credentials) = Rsa384();
        await using var fixture = await StartWithBackendAsync(publicKey, "Reject");

        var response = await RequestTokenAsync(fixture, Assertion(fixture, credentials), "bogus system/Observation.rs");

        Assert.Equal("invalid_scope", (await AuthFixture.ReadJsonAsync(response))["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task ClientCredentials_Es384Assertion_IssuesToken()
    {
        var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var privateKey = new ECDsaSecurityKey(ecdsa) { KeyId = "ec-1" };
        var publicKey = new ECDsaSecurityKey(ECDsa.Create(ecdsa.ExportParameters(false))) { KeyId = "ec-1" };
        await using var fixture = await StartWithBackendAsync(publicKey);

        var response = await RequestTokenAsync(fixture, Assertion(fixture, new SigningCredentials(privateKey, SecurityAlgorithms.EcdsaSha384)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ClientCredentials_ReplayedJti_ReturnsInvalidClient()
    {
        var (publicKey, credentials) = Rsa384();
        await using var fixture = await StartWithBackendAsync(publicKey);
        await RequestTokenAsync(fixture, Assertion(fixture, credentials, jti: "same-jti"));

        var response = await RequestTokenAsync(fixture, Assertion(fixture, credentials, jti: "same-jti"));

        Assert.Equal("invalid_client", (await AuthFixture.ReadJsonAsync(response))["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task ClientCredentials_ExpTooFarAhead_ReturnsInvalidClient()
    {
        var (publicKey, credentials) = Rsa384();
        await using var fixture = await StartWithBackendAsync(publicKey);

        var response = await RequestTokenAsync(fixture, Assertion(fixture, credentials, lifetime: TimeSpan.FromMinutes(30)));

        Assert.Equal("invalid_client", (await AuthFixture.ReadJsonAsync(response))["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task ClientCredentials_WrongKey_ReturnsInvalidClient()
    {
        var (publicKey, _) = Rsa384();
        var (_, otherCredentials) = Rsa384();
        await using var fixture = await StartWithBackendAsync(publicKey);

        var response = await RequestTokenAsync(fixture, Assertion(fixture, otherCredentials));

        Assert.Equal("invalid_client", (await AuthFixture.ReadJsonAsync(response))["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task ClientCredentials_KeyOfReplacedApp_ReturnsInvalidClient()
    {
        var (oldKey, oldCredentials) = Rsa384();
        var (newKey, _) = Rsa384();
        await using var fixture = await StartWithBackendAsync(oldKey);
        await RequestTokenAsync(fixture, Assertion(fixture, oldCredentials));
        await ReplaceAppAsync(fixture, newKey);

        var response = await RequestTokenAsync(fixture, Assertion(fixture, oldCredentials));

        Assert.Equal("invalid_client", (await AuthFixture.ReadJsonAsync(response))["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task ClientCredentials_NewKeyOfReplacedApp_IssuesToken()
    {
        var (oldKey, oldCredentials) = Rsa384();
        var (newKey, newCredentials) = Rsa384();
        await using var fixture = await StartWithBackendAsync(oldKey);
        await RequestTokenAsync(fixture, Assertion(fixture, oldCredentials));
        await ReplaceAppAsync(fixture, newKey);

        var response = await RequestTokenAsync(fixture, Assertion(fixture, newCredentials));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ClientCredentials_NoSystemScope_ReturnsInvalidScope()
    {
        var (publicKey, credentials) = Rsa384();
        await using var fixture = await StartWithBackendAsync(publicKey);

        var response = await RequestTokenAsync(fixture, Assertion(fixture, credentials), scope: "patient/Observation.rs");

        Assert.Equal("invalid_scope", (await AuthFixture.ReadJsonAsync(response))["error"]!.GetValue<string>());
    }
}
