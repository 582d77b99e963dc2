using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Sandbox.Auth.Tests;

/// <summary>
/// Client assertion claims in the forms JWT libraries write them (RFC 7519, RFC 7523): an
/// <c>aud</c> array, and <c>exp</c> as a string or left out. Each assertion is built from a
/// raw JSON payload, because token descriptors always write a single <c>aud</c> and a numeric <c>exp</c>.
/// </summary>
public sealed class ClientAssertionClaimTests
{
    private const string ClientId = "backend";

    private static Task<(AuthFixture Fixture, SigningCredentials Credentials)> StartAsync() =>
        BackendClient.StartAsync(ClientId);

    /// <summary>The payload of a valid assertion, for a test to change one claim of.</summary>
    private static JsonObject Payload(AuthFixture fixture)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return new JsonObject
        {
            ["iss"] = ClientId,
            ["sub"] = ClientId,
            ["aud"] = fixture.TokenUrl,
            ["jti"] = Guid.NewGuid().ToString(),
            ["iat"] = now,
            ["exp"] = now + 240,
        };
    }

    private static string Sign(JsonObject payload, SigningCredentials credentials) =>
        new JsonWebTokenHandler().CreateToken(payload.ToJsonString(), credentials);

    private static Task<HttpResponseMessage> RequestAsync(AuthFixture fixture, string assertion) =>
        fixture.PostTokenAsync(new()
        {
            ["grant_type"] = "client_credentials",
            ["scope"] = "system/Patient.rs",
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ["client_assertion"] = assertion,
        });

    [Fact]
    public async Task Assertion_AudArrayWithTokenUrl_IssuesToken()
    {
        var (fixture, credentials) = await StartAsync();
        await using var _ = fixture;
        var payload = Payload(fixture);
        payload["aud"] = new JsonArray("http://127.0.0.1:9/other", fixture.TokenUrl);

        var response = await RequestAsync(fixture, Sign(payload, credentials));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Assertion_AudArrayOtherUrls_ReturnsInvalidClient()
    {
        var (fixture, credentials) = await StartAsync();
        await using var _ = fixture;
        var payload = Payload(fixture);
        payload["aud"] = new JsonArray("http://127.0.0.1:9/other", "http://127.0.0.1:9/another");

        var response = await RequestAsync(fixture, Sign(payload, credentials));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", (await AuthFixture.ReadJsonAsync(response))["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Assertion_ExpAsString_ReturnsInvalidClient()
    {
        var (fixture, credentials) = await StartAsync();
        await using var _ = fixture;
        var payload = Payload(fixture);
        payload["exp"] = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 240).ToString(System.Globalization.CultureInfo.InvariantCulture);

        var response = await RequestAsync(fixture, Sign(payload, credentials));

        var body = await AuthFixture.ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", body["error"]!.GetValue<string>());
        Assert.Contains("exp", body["error_description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assertion_MissingExp_ReturnsInvalidClient()
    {
        var (fixture, credentials) = await StartAsync();
        await using var _ = fixture;
        var payload = Payload(fixture);
        payload.Remove("exp");

        var response = await RequestAsync(fixture, Sign(payload, credentials));

        var body = await AuthFixture.ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", body["error"]!.GetValue<string>());
        Assert.Contains("exp", body["error_description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assertion_NullJti_ReturnsInvalidClient()
    {
        var (fixture, credentials) = await StartAsync();
        await using var _ = fixture;
        var payload = Payload(fixture);
        payload["jti"] = null;

        var response = await RequestAsync(fixture, Sign(payload, credentials));

        var body = await AuthFixture.ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", body["error"]!.GetValue<string>());
        Assert.Contains("jti", body["error_description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assertion_MissingSub_ReturnsInvalidClient()
    {
        var (fixture, credentials) = await StartAsync();
        await using var _ = fixture;
        var payload = Payload(fixture);
        payload.Remove("sub");

        var response = await RequestAsync(fixture, Sign(payload, credentials));

        var body = await AuthFixture.ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", body["error"]!.GetValue<string>());
        Assert.Contains("sub", body["error_description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assertion_MissingKid_ReturnsInvalidClient()
    {
        var (fixture, credentials) = await StartAsync();
        await using var _ = fixture;
        var header = new JsonObject { ["alg"] = "RS384", ["typ"] = "JWT" };

        var response = await RequestAsync(fixture, SignRaw(header, Payload(fixture), credentials));

        var body = await AuthFixture.ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", body["error"]!.GetValue<string>());
        Assert.Contains("kid", body["error_description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assertion_MissingTyp_ReturnsInvalidClient()
    {
        var (fixture, credentials) = await StartAsync();
        await using var _ = fixture;
        var header = new JsonObject { ["alg"] = "RS384", ["kid"] = credentials.Key.KeyId };

        var response = await RequestAsync(fixture, SignRaw(header, Payload(fixture), credentials));

        var body = await AuthFixture.ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", body["error"]!.GetValue<string>());
        Assert.Contains("typ", body["error_description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    // The newer client authentication draft's typ, which OpenIddict 7.9 accepts, is not the
    // typ JWT that SMART App Launch 2.2 requires.
    [Fact]
    public async Task Assertion_ClientAuthenticationTyp_ReturnsInvalidClient()
    {
        var (fixture, credentials) = await StartAsync();
        await using var _ = fixture;
        var header = new JsonObject { ["alg"] = "RS384", ["typ"] = "client-authentication+jwt", ["kid"] = credentials.Key.KeyId };

        var response = await RequestAsync(fixture, SignRaw(header, Payload(fixture), credentials));

        var body = await AuthFixture.ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", body["error"]!.GetValue<string>());
        Assert.Contains("typ 'JWT'", body["error_description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assertion_KidAndTyp_IssuesToken()
    {
        var (fixture, credentials) = await StartAsync();
        await using var _ = fixture;
        var header = new JsonObject { ["alg"] = "RS384", ["typ"] = "JWT", ["kid"] = credentials.Key.KeyId };

        var response = await RequestAsync(fixture, SignRaw(header, Payload(fixture), credentials));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    // Signs header and payload as given, so a test can leave out header parameters that JWT
    // libraries always write.
    private static string SignRaw(JsonObject header, JsonObject payload, SigningCredentials credentials)
    {
        var input = $"{Base64UrlEncoder.Encode(header.ToJsonString())}.{Base64UrlEncoder.Encode(payload.ToJsonString())}";
        var rsa = ((RsaSecurityKey)credentials.Key).Rsa;
        var signature = rsa.SignData(System.Text.Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA384, RSASignaturePadding.Pkcs1);
        return $"{input}.{Base64UrlEncoder.Encode(signature)}";
    }
}
