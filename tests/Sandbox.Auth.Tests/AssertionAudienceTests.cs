using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Sandbox.Auth.Tests;

/// <summary>
/// Client assertions whose <c>aud</c> is not the token endpoint URL, which SMART App Launch 2.2
/// requires. At the introspection and revocation endpoints, RFC 7662 section 2.3 and RFC 7009
/// section 2.2.1 require 401 <c>invalid_client</c> for failed client authentication, not an
/// inactive token or an empty 200.
/// </summary>
public sealed class AssertionAudienceTests
{
    private const string ClientId = "backend";
    private const string WrongAudience = "https://elsewhere.example/token";

    private static Task<(AuthFixture Fixture, SigningCredentials Credentials)> StartAsync() =>
        BackendClient.StartAsync(ClientId);

    private static string Assertion(SigningCredentials credentials, string audience)
    {
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = ClientId,
            Audience = audience,
            Claims = new Dictionary<string, object> { ["sub"] = ClientId, ["jti"] = Guid.NewGuid().ToString() },
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(4),
            SigningCredentials = credentials,
            TokenType = "JWT",
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    private static Task<HttpResponseMessage> PostAsync(AuthFixture fixture, string path, string token, string assertion) =>
        fixture.Client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = token,
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ["client_assertion"] = assertion,
        }));

    private static async Task<string> AccessTokenAsync(AuthFixture fixture, SigningCredentials credentials)
    {
        var response = await fixture.PostTokenAsync(new()
        {
            ["grant_type"] = "client_credentials",
            ["scope"] = "system/Patient.rs",
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ["client_assertion"] = Assertion(credentials, fixture.TokenUrl),
        });
        return (await AuthFixture.ReadJsonAsync(response))["access_token"]!.GetValue<string>();
    }

    [Fact]
    public async Task Revoke_WrongAssertionAudience_ReturnsInvalidClient()
    {
        var (fixture, credentials) = await StartAsync();
        await using var _ = fixture;
        var accessToken = await AccessTokenAsync(fixture, credentials);

        var response = await PostAsync(fixture, "/auth/revoke", accessToken, Assertion(credentials, WrongAudience));

        var body = await AuthFixture.ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", body["error"]?.GetValue<string>());
    }

    [Fact]
    public async Task Introspect_WrongAssertionAudience_ReturnsInvalidClient()
    {
        var (fixture, credentials) = await StartAsync();
        await using var _ = fixture;
        var accessToken = await AccessTokenAsync(fixture, credentials);

        var response = await PostAsync(fixture, "/auth/introspect", accessToken, Assertion(credentials, WrongAudience));

        var body = await AuthFixture.ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", body["error"]?.GetValue<string>());
    }

    // SMART Backend Services sets aud to the token endpoint URL, so the introspection endpoint's
    // own URL is rejected, with a description that names the value to send instead.
    [Fact]
    public async Task Introspect_EndpointAssertionAudience_NamesTokenUrl()
    {
        var (fixture, credentials) = await StartAsync();
        await using var _ = fixture;
        var accessToken = await AccessTokenAsync(fixture, credentials);
        var introspectionUrl = new Uri(fixture.Server.BaseAddress, "auth/introspect").AbsoluteUri;

        var response = await PostAsync(fixture, "/auth/introspect", accessToken, Assertion(credentials, introspectionUrl));

        var body = await AuthFixture.ReadJsonAsync(response);
        var description = body["error_description"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", body["error"]?.GetValue<string>());
        Assert.Contains($"'{introspectionUrl}'", description, StringComparison.Ordinal);
        Assert.Contains($"set aud to '{fixture.TokenUrl}'", description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Introspect_IssuerAssertionAudience_ReturnsInvalidClient()
    {
        var (fixture, credentials) = await StartAsync();
        await using var _ = fixture;
        var accessToken = await AccessTokenAsync(fixture, credentials);
        var issuer = fixture.Server.BaseAddress.AbsoluteUri;

        var response = await PostAsync(fixture, "/auth/introspect", accessToken, Assertion(credentials, issuer));

        var body = await AuthFixture.ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", body["error"]?.GetValue<string>());
    }

    // OpenIddict 7.9 accepts the issuer as aud by default, and servers that follow SMART do not.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Token_IssuerAssertionAudience_NamesTokenUrl(bool trailingSlash)
    {
        var (fixture, credentials) = await StartAsync();
        await using var _ = fixture;
        var issuer = fixture.Server.BaseAddress.AbsoluteUri.TrimEnd('/') + (trailingSlash ? "/" : "");

        var response = await fixture.PostTokenAsync(new()
        {
            ["grant_type"] = "client_credentials",
            ["scope"] = "system/Patient.rs",
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ["client_assertion"] = Assertion(credentials, issuer),
        });

        var body = await AuthFixture.ReadJsonAsync(response);
        var description = body["error_description"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", body["error"]?.GetValue<string>());
        Assert.Contains("is the issuer, not the token endpoint URL", description, StringComparison.Ordinal);
        Assert.Contains($"set aud to '{fixture.TokenUrl}'", description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_AudArrayWithIssuerOnly_ReturnsInvalidClient()
    {
        var (fixture, credentials) = await StartAsync();
        await using var _ = fixture;
        var issuer = fixture.Server.BaseAddress.AbsoluteUri;
        var payload = new JsonObject
        {
            ["iss"] = ClientId,
            ["sub"] = ClientId,
            ["aud"] = new JsonArray(WrongAudience, issuer),
            ["jti"] = Guid.NewGuid().ToString(),
            ["exp"] = DateTimeOffset.UtcNow.AddMinutes(4).ToUnixTimeSeconds(),
        };
        var assertion = new JsonWebTokenHandler().CreateToken(payload.ToJsonString(), credentials);

        var response = await fixture.PostTokenAsync(new()
        {
            ["grant_type"] = "client_credentials",
            ["scope"] = "system/Patient.rs",
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ["client_assertion"] = assertion,
        });

        var body = await AuthFixture.ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", body["error"]?.GetValue<string>());
    }
}
