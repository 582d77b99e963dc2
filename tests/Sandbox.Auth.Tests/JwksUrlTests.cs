using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Sandbox.Auth.Tests;

public sealed class JwksUrlTests
{
    private static string Jwks(RSA rsa, string keyId = "k1")
    {
        var jwk = JsonWebKeyConverter.ConvertFromSecurityKey(new RsaSecurityKey(rsa.ExportParameters(false)) { KeyId = keyId });
        var options = new JsonSerializerOptions { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };
        return $"{{\"keys\":[{JsonSerializer.Serialize(jwk, options)}]}}";
    }

    private static string Assertion(AuthFixture fixture, RSA rsa, string? jku, string keyId = "k1")
    {
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = "backend",
            Audience = fixture.TokenUrl,
            Claims = new Dictionary<string, object> { ["sub"] = "backend", ["jti"] = Guid.NewGuid().ToString() },
            Expires = DateTime.UtcNow.AddMinutes(2),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = keyId }, SecurityAlgorithms.RsaSha384),
            TokenType = "JWT",
        };
        if (jku is not null)
            descriptor.AdditionalHeaderClaims = new Dictionary<string, object> { ["jku"] = jku };

        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    private static Task<HttpResponseMessage> RequestAsync(AuthFixture fixture, string assertion) =>
        fixture.PostTokenAsync(new()
        {
            ["grant_type"] = "client_credentials",
            ["scope"] = "system/Patient.rs",
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ["client_assertion"] = assertion,
        });

    [Fact]
    public async Task ClientCredentials_JwksUrlKeys_IssueToken()
    {
        using var rsa = RSA.Create(2048);
        using var jwks = new JwksServer(Jwks(rsa));
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterAppAsync(new { clientId = "backend", name = "Backend", kind = "BackendService", jwksUrl = jwks.Url });

        var response = await RequestAsync(fixture, Assertion(fixture, rsa, jku: jwks.Url));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Register_JwksUrlWithPrivateKey_Returns400()
    {
        using var rsa = RSA.Create(2048);
        var privateJwk = JsonWebKeyConverter.ConvertFromSecurityKey(new RsaSecurityKey(rsa.ExportParameters(true)) { KeyId = "k1" });
        var options = new JsonSerializerOptions { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };
        using var jwks = new JwksServer($"{{\"keys\":[{JsonSerializer.Serialize(privateJwk, options)}]}}");
        await using var fixture = await AuthFixture.StartAsync();

        var response = await fixture.Client.PostAsJsonAsync("api/apps", new { clientId = "backend", name = "Backend", kind = "BackendService", jwksUrl = jwks.Url });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("public signing key", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ClientCredentials_ForeignJku_ReturnsInvalidClient()
    {
        using var rsa = RSA.Create(2048);
        using var jwks = new JwksServer(Jwks(rsa));
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterAppAsync(new { clientId = "backend", name = "Backend", kind = "BackendService", jwksUrl = jwks.Url });

        var response = await RequestAsync(fixture, Assertion(fixture, rsa, jku: "http://127.0.0.1:9/other-jwks.json"));

        Assert.Equal("invalid_client", (await AuthFixture.ReadJsonAsync(response))["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task ClientCredentials_RotatedKey_IssuesToken()
    {
        using var oldKey = RSA.Create(2048);
        using var newKey = RSA.Create(2048);
        using var jwks = new JwksServer(Jwks(oldKey, "k1"));
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterAppAsync(new { clientId = "backend", name = "Backend", kind = "BackendService", jwksUrl = jwks.Url });
        var before = await RequestAsync(fixture, Assertion(fixture, oldKey, jku: jwks.Url, keyId: "k1"));
        jwks.Publish(Jwks(newKey, "k2"));

        var after = await RequestAsync(fixture, Assertion(fixture, newKey, jku: jwks.Url, keyId: "k2"));

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task ClientCredentials_RetiredKey_ReturnsInvalidClient()
    {
        using var oldKey = RSA.Create(2048);
        using var newKey = RSA.Create(2048);
        using var jwks = new JwksServer(Jwks(oldKey, "k1"));
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterAppAsync(new { clientId = "backend", name = "Backend", kind = "BackendService", jwksUrl = jwks.Url });
        var before = await RequestAsync(fixture, Assertion(fixture, oldKey, jku: null, keyId: "k1"));
        jwks.Publish(Jwks(newKey, "k2"));

        var after = await RequestAsync(fixture, Assertion(fixture, oldKey, jku: null, keyId: "k1"));

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal("invalid_client", (await AuthFixture.ReadJsonAsync(after))["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task ClientCredentials_ForeignJku_IsNeverFetched()
    {
        using var rsa = RSA.Create(2048);
        using var jwks = new JwksServer(Jwks(rsa));
        using var foreign = new JwksServer(Jwks(rsa));
        await using var fixture = await AuthFixture.StartAsync();
        await fixture.RegisterAppAsync(new { clientId = "backend", name = "Backend", kind = "BackendService", jwksUrl = jwks.Url });

        var response = await RequestAsync(fixture, Assertion(fixture, rsa, jku: foreign.Url));

        Assert.Equal("invalid_client", (await AuthFixture.ReadJsonAsync(response))["error"]!.GetValue<string>());
        Assert.Equal(0, foreign.RequestCount);
    }

    [Fact]
    public async Task Register_JwksUrlNotHttp_Returns400()
    {
        await using var fixture = await AuthFixture.StartAsync();
        var app = new { clientId = "backend", name = "Backend", kind = "BackendService", jwksUrl = "ftp://127.0.0.1/jwks.json" };

        var response = await fixture.Client.PostAsJsonAsync("/api/apps", app);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Register_UnreachableJwksUrl_HidesNetworkError()
    {
        await using var fixture = await AuthFixture.StartAsync();
        var app = new { clientId = "backend", name = "Backend", kind = "BackendService", jwksUrl = "http://127.0.0.1:1/jwks.json" };

        var response = await fixture.Client.PostAsJsonAsync("/api/apps", app);

        var description = (await AuthFixture.ReadJsonAsync(response))["detail"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("could not be fetched", description);
        Assert.DoesNotContain("127.0.0.1", description);
        Assert.DoesNotContain("refused", description, StringComparison.OrdinalIgnoreCase);
    }
}
