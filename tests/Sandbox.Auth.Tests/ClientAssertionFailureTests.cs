using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Sandbox.Auth.Tests;

/// <summary>
/// Client assertions that OpenIddict rejects on its own (an expired one, a bad signature, one
/// sent without its type) get a description that names the client assertion. Each rejected
/// assertion of a backend service, which sends no client_id, is recorded in the journal of the
/// app its iss names.
/// </summary>
public sealed class ClientAssertionFailureTests
{
    private const string ClientId = "backend";

    private static JsonObject Payload(AuthFixture fixture, long expiresAt)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return new JsonObject
        {
            ["iss"] = ClientId,
            ["sub"] = ClientId,
            ["aud"] = fixture.TokenUrl,
            ["jti"] = Guid.NewGuid().ToString(),
            ["iat"] = Math.Min(now, expiresAt - 60),
            ["exp"] = expiresAt,
        };
    }

    private static Task<HttpResponseMessage> RequestAsync(AuthFixture fixture, JsonObject payload, SigningCredentials credentials) =>
        fixture.PostTokenAsync(new()
        {
            ["grant_type"] = "client_credentials",
            ["scope"] = "system/Patient.rs",
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ["client_assertion"] = new JsonWebTokenHandler().CreateToken(payload.ToJsonString(), credentials),
        });

    [Fact]
    public async Task ExpiredAssertion_DescribesExpiry()
    {
        var (fixture, credentials) = await BackendClient.StartAsync(ClientId);
        await using var _ = fixture;
        var expiresAt = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 600;

        var response = await RequestAsync(fixture, Payload(fixture, expiresAt), credentials);

        var body = await AuthFixture.ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", body["error"]!.GetValue<string>());
        var description = body["error_description"]!.GetValue<string>();
        Assert.StartsWith("The client assertion expired at ", description, StringComparison.Ordinal);
        Assert.Contains($"(exp {expiresAt})", description, StringComparison.Ordinal);
        Assert.Null(body["error_uri"]);
    }

    [Fact]
    public async Task ExpiredAssertionIntrospection_DescribesExpiry()
    {
        var (fixture, credentials) = await BackendClient.StartAsync(ClientId);
        await using var _ = fixture;
        var payload = Payload(fixture, DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 600);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = "any",
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ["client_assertion"] = new JsonWebTokenHandler().CreateToken(payload.ToJsonString(), credentials),
        });

        var response = await fixture.Client.PostAsync("/auth/introspect", form);

        var body = await AuthFixture.ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", body["error"]!.GetValue<string>());
        Assert.StartsWith("The client assertion expired at ", body["error_description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OtherKeySignature_DescribesSignature()
    {
        var (fixture, _) = await BackendClient.StartAsync(ClientId);
        await using var __ = fixture;
        var otherKey = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "rsa-1" };
        var otherCredentials = new SigningCredentials(otherKey, SecurityAlgorithms.RsaSha384);
        var expiresAt = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 240;

        var response = await RequestAsync(fixture, Payload(fixture, expiresAt), otherCredentials);

        var body = await AuthFixture.ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", body["error"]!.GetValue<string>());
        Assert.StartsWith(
            $"The client assertion's signature does not verify with the key 'rsa-1' registered for app '{ClientId}'.",
            body["error_description"]!.GetValue<string>(),
            StringComparison.Ordinal);
        Assert.Null(body["error_uri"]);
    }

    [Theory]
    [InlineData("/auth/token")]
    [InlineData("/auth/introspect")]
    public async Task MissingAssertionType_NamesMissingParameter(string path)
    {
        var (fixture, credentials) = await BackendClient.StartAsync(ClientId);
        await using var _ = fixture;
        var payload = Payload(fixture, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 240);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["token"] = "any",
            ["client_assertion"] = new JsonWebTokenHandler().CreateToken(payload.ToJsonString(), credentials),
        });

        var response = await fixture.Client.PostAsync(path, form);

        var body = await AuthFixture.ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", body["error"]!.GetValue<string>());
        Assert.StartsWith(
            "The request has a client_assertion but no client_assertion_type.",
            body["error_description"]!.GetValue<string>(),
            StringComparison.Ordinal);
        Assert.Null(body["error_uri"]);
    }

    [Fact]
    public async Task RejectedAssertion_JournaledUnderIss()
    {
        var (fixture, credentials) = await BackendClient.StartAsync(ClientId);
        await using var _ = fixture;
        var expiresAt = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 600;

        var response = await RequestAsync(fixture, Payload(fixture, expiresAt), credentials);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var events = (await fixture.Client.GetFromJsonAsync<JsonArray>($"/api/apps/{ClientId}/events"))!;
        var failure = Assert.Single(events, entry => entry!["outcome"]!.GetValue<string>() == "Failed");
        Assert.StartsWith("invalid_client: The client assertion expired at ", failure!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var unknown = await fixture.Client.GetAsync("/api/launches/client:unknown/events");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
