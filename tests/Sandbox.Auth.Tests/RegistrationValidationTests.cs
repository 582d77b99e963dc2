using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace Sandbox.Auth.Tests;

public sealed class RegistrationValidationTests
{
    private static JsonObject EcKey(bool withPrivate = false)
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var parameters = ecdsa.ExportParameters(withPrivate);
        var key = new JsonObject
        {
            ["kty"] = "EC",
            ["kid"] = "k1",
            ["alg"] = "ES256",
            ["crv"] = "P-256",
            ["x"] = Base64UrlEncoder.Encode(parameters.Q.X),
            ["y"] = Base64UrlEncoder.Encode(parameters.Q.Y),
        };
        if (withPrivate)
            key["d"] = Base64UrlEncoder.Encode(parameters.D);

        return key;
    }

    private static JsonObject BackendApp(JsonObject key) => new()
    {
        ["clientId"] = "backend",
        ["name"] = "Backend",
        ["kind"] = "BackendService",
        ["scopes"] = new JsonArray("system/*.rs"),
        ["jwks"] = new JsonObject { ["keys"] = new JsonArray(key) },
    };

    private static async Task<(HttpStatusCode Status, string Detail)> PostAppAsync(AuthFixture fixture, JsonObject app)
    {
        var response = await fixture.Client.PostAsJsonAsync("/api/apps", app);
        var body = await AuthFixture.ReadJsonAsync(response);
        return (response.StatusCode, body["detail"]?.GetValue<string>() ?? string.Empty);
    }

    private static async Task<(HttpStatusCode Status, JsonObject Body)> RegisterAsync(AuthFixture fixture, JsonObject metadata)
    {
        var response = await fixture.Client.PostAsJsonAsync("/auth/register", metadata);
        return (response.StatusCode, await AuthFixture.ReadJsonAsync(response));
    }

    [Fact]
    public async Task PostApp_PrivateKeyMember_Returns400()
    {
        await using var fixture = await AuthFixture.StartAsync();

        var (status, detail) = await PostAppAsync(fixture, BackendApp(EcKey(withPrivate: true)));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("'d'", detail);
    }

    [Fact]
    public async Task PostApp_PrivateKeyMember_StoresNoApp()
    {
        await using var fixture = await AuthFixture.StartAsync();

        await PostAppAsync(fixture, BackendApp(EcKey(withPrivate: true)));
        var read = await fixture.Client.GetAsync("/api/apps/backend");

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }

    [Theory]
    [InlineData("crv", "P-999", "crv 'P-999'")]
    [InlineData("alg", "ES384", "alg 'ES384'")]
    [InlineData("x", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "not a point on curve")]
    [InlineData("y", "not base64url!", "not base64url")]
    [InlineData("use", "enc", "use 'enc'")]
    public async Task PostApp_UnusableEcKey_Returns400(string member, string value, string expected)
    {
        await using var fixture = await AuthFixture.StartAsync();
        var key = EcKey();
        key[member] = value;

        var (status, detail) = await PostAppAsync(fixture, BackendApp(key));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(expected, detail);
    }

    [Fact]
    public async Task PostApp_ShortRsaModulus_Returns400()
    {
        await using var fixture = await AuthFixture.StartAsync();
        var key = new JsonObject { ["kty"] = "RSA", ["n"] = "abc", ["e"] = "AQAB" };

        var (status, detail) = await PostAppAsync(fixture, BackendApp(key));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("modulus 'n'", detail);
    }

    [Fact]
    public async Task PostApp_ValidEcKey_IsStored()
    {
        await using var fixture = await AuthFixture.StartAsync();

        var (status, _) = await PostAppAsync(fixture, BackendApp(EcKey()));

        Assert.Equal(HttpStatusCode.Created, status);
    }

    [Fact]
    public async Task PostApp_BackendWithRedirectUris_Returns400()
    {
        await using var fixture = await AuthFixture.StartAsync();
        var app = BackendApp(EcKey());
        app["redirectUris"] = new JsonArray(AuthFixture.RedirectUri);

        var (status, detail) = await PostAppAsync(fixture, app);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("redirectUris", detail);
    }

    [Fact]
    public async Task Register_BackendWithRedirectUris_ReturnsInvalidClientMetadata()
    {
        await using var fixture = await AuthFixture.StartAsync();
        var metadata = new JsonObject
        {
            ["client_name"] = "Backend",
            ["redirect_uris"] = new JsonArray(AuthFixture.RedirectUri),
            ["grant_types"] = new JsonArray("client_credentials"),
            ["token_endpoint_auth_method"] = "private_key_jwt",
            ["jwks"] = new JsonObject { ["keys"] = new JsonArray(EcKey()) },
        };

        var (status, body) = await RegisterAsync(fixture, metadata);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_client_metadata", body["error"]?.GetValue<string>());
        Assert.Contains("redirect_uris", body["error_description"]?.GetValue<string>());
    }

    [Fact]
    public async Task Register_PrivateKeyMember_ReturnsInvalidClientMetadata()
    {
        await using var fixture = await AuthFixture.StartAsync();
        var metadata = new JsonObject
        {
            ["client_name"] = "Signer",
            ["redirect_uris"] = new JsonArray(AuthFixture.RedirectUri),
            ["token_endpoint_auth_method"] = "private_key_jwt",
            ["jwks"] = new JsonObject { ["keys"] = new JsonArray(EcKey(withPrivate: true)) },
        };

        var (status, body) = await RegisterAsync(fixture, metadata);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_client_metadata", body["error"]!.GetValue<string>());
        Assert.DoesNotContain("\"d\"", body.ToJsonString());
    }

    [Theory]
    [InlineData("password")]
    [InlineData("implicit")]
    public async Task Register_UnsupportedGrantType_ReturnsInvalidClientMetadata(string grantType)
    {
        await using var fixture = await AuthFixture.StartAsync();
        var metadata = new JsonObject
        {
            ["client_name"] = "Grants",
            ["redirect_uris"] = new JsonArray(AuthFixture.RedirectUri),
            ["grant_types"] = new JsonArray("authorization_code", grantType),
        };

        var (status, body) = await RegisterAsync(fixture, metadata);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_client_metadata", body["error"]!.GetValue<string>());
        Assert.Contains(grantType, body["error_description"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("token", "'token'")]
    [InlineData("id_token", "'id_token'")]
    [InlineData("code token", "'code token'")]
    public async Task Register_UnsupportedResponseType_ReturnsInvalidClientMetadata(string responseType, string expected)
    {
        await using var fixture = await AuthFixture.StartAsync();
        var metadata = new JsonObject
        {
            ["client_name"] = "Responses",
            ["redirect_uris"] = new JsonArray(AuthFixture.RedirectUri),
            ["response_types"] = new JsonArray(responseType),
        };

        var (status, body) = await RegisterAsync(fixture, metadata);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_client_metadata", body["error"]!.GetValue<string>());
        Assert.Contains(expected, body["error_description"]!.GetValue<string>());
    }

    [Fact]
    public async Task Register_NullResponseType_ReturnsInvalidClientMetadata()
    {
        await using var fixture = await AuthFixture.StartAsync();
        var metadata = new JsonObject
        {
            ["client_name"] = "Responses",
            ["redirect_uris"] = new JsonArray(AuthFixture.RedirectUri),
            ["response_types"] = new JsonArray((JsonNode?)null),
        };

        var (status, body) = await RegisterAsync(fixture, metadata);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_client_metadata", body["error"]!.GetValue<string>());
        Assert.Contains("response_types contains null", body["error_description"]!.GetValue<string>());
    }

    [Fact]
    public async Task Register_CodeBesideToken_NamesToken()
    {
        await using var fixture = await AuthFixture.StartAsync();
        var metadata = new JsonObject
        {
            ["client_name"] = "Responses",
            ["redirect_uris"] = new JsonArray(AuthFixture.RedirectUri),
            ["response_types"] = new JsonArray("code", "token"),
        };

        var (status, body) = await RegisterAsync(fixture, metadata);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_client_metadata", body["error"]!.GetValue<string>());
        Assert.Contains("'token'", body["error_description"]!.GetValue<string>());
    }

    [Fact]
    public async Task Register_EmptyResponseTypes_ReturnsInvalidClientMetadata()
    {
        await using var fixture = await AuthFixture.StartAsync();
        var metadata = new JsonObject
        {
            ["client_name"] = "Responses",
            ["redirect_uris"] = new JsonArray(AuthFixture.RedirectUri),
            ["response_types"] = new JsonArray(),
        };

        var (status, body) = await RegisterAsync(fixture, metadata);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_client_metadata", body["error"]!.GetValue<string>());
        Assert.Contains("response_types", body["error_description"]!.GetValue<string>());
    }

    [Fact]
    public async Task Register_UnsupportedResponseType_StoresNoApp()
    {
        await using var fixture = await AuthFixture.StartAsync();
        var metadata = new JsonObject
        {
            ["client_name"] = "Responses",
            ["redirect_uris"] = new JsonArray(AuthFixture.RedirectUri),
            ["response_types"] = new JsonArray("token"),
        };

        await RegisterAsync(fixture, metadata);
        var apps = await fixture.Client.GetFromJsonAsync<JsonArray>("/api/apps");

        Assert.DoesNotContain(apps!, app => app!["name"]?.GetValue<string>() == "Responses");
    }

    [Theory]
    [InlineData(new string[0], "grant_types is empty")]
    [InlineData(new[] { "refresh_token" }, "without authorization_code")]
    [InlineData(new[] { "authorization_code", null }, "contains null")]
    [InlineData(new[] { "authorization_code", "authorization_code" }, "more than once")]
    public async Task Register_UnusableGrantTypes_ReturnsInvalidClientMetadata(string?[] grantTypes, string expected)
    {
        await using var fixture = await AuthFixture.StartAsync();
        var metadata = new JsonObject
        {
            ["client_name"] = "Grants",
            ["redirect_uris"] = new JsonArray(AuthFixture.RedirectUri),
            ["grant_types"] = new JsonArray([.. grantTypes.Select(type => JsonValue.Create(type))]),
        };

        var (status, body) = await RegisterAsync(fixture, metadata);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_client_metadata", body["error"]!.GetValue<string>());
        Assert.Contains(expected, body["error_description"]!.GetValue<string>());
    }

    [Fact]
    public async Task Register_NoRedirectUris_NamesMetadataField()
    {
        await using var fixture = await AuthFixture.StartAsync();

        var (_, body) = await RegisterAsync(fixture, new JsonObject { ["client_name"] = "No redirect" });
        var description = body["error_description"]!.GetValue<string>();

        Assert.Equal("invalid_redirect_uri", body["error"]!.GetValue<string>());
        Assert.Contains("redirect_uris", description);
        Assert.DoesNotContain("redirectUris", description);
    }

    [Fact]
    public async Task Register_InvalidJwksUri_NamesMetadataField()
    {
        await using var fixture = await AuthFixture.StartAsync();
        var metadata = new JsonObject
        {
            ["client_name"] = "Keys",
            ["redirect_uris"] = new JsonArray(AuthFixture.RedirectUri),
            ["token_endpoint_auth_method"] = "private_key_jwt",
            ["jwks_uri"] = "http://keys.example/jwks",
        };

        var (_, body) = await RegisterAsync(fixture, metadata);
        var description = body["error_description"]!.GetValue<string>();

        Assert.Contains("jwks_uri", description);
        Assert.DoesNotContain("jwksUrl", description);
    }
}
