using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Sandbox.Auth.Tests;

public sealed class ClientAssertionCheckTests
{
    private const string ClientId = "backend";

    private static Task<(AuthFixture Fixture, SigningCredentials Credentials)> StartAsync() =>
        BackendClient.StartAsync(ClientId);

    private static string Assertion(
        AuthFixture fixture,
        SigningCredentials credentials,
        string? audience = null,
        string subject = ClientId,
        DateTime? expires = null,
        DateTime? notBefore = null)
    {
        var exp = expires ?? DateTime.UtcNow.AddMinutes(4);
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = ClientId,
            Audience = audience ?? fixture.TokenUrl,
            Claims = new Dictionary<string, object> { ["sub"] = subject, ["jti"] = Guid.NewGuid().ToString() },
            IssuedAt = exp.AddMinutes(-5),
            NotBefore = notBefore ?? exp.AddMinutes(-5),
            Expires = exp,
            SigningCredentials = credentials,
            TokenType = "JWT",
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    private static Task<HttpResponseMessage> RequestAsync(AuthFixture fixture, string assertion, string? clientId = null)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["scope"] = "system/Patient.rs",
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ["client_assertion"] = assertion,
        };
        if (clientId is not null)
            form["client_id"] = clientId;

        return fixture.PostTokenAsync(form);
    }

    private static async Task AssertInvalidClientAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", (await AuthFixture.ReadJsonAsync(response))["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Assertion_WrongAudience_ReturnsInvalidClient()
    {
        var (fixture, credentials) = await StartAsync();
        await using var _ = fixture;

        var response = await RequestAsync(fixture, Assertion(fixture, credentials, audience: "http://127.0.0.1:9/other"));

        await AssertInvalidClientAsync(response);
    }

    [Fact]
    public async Task Assertion_NotBeforeInFuture_ReturnsInvalidClient()
    {
        var (fixture, credentials) = await StartAsync();
        await using var _ = fixture;

        var response = await RequestAsync(fixture, Assertion(fixture, credentials, notBefore: DateTime.UtcNow.AddMinutes(3)));

        await AssertInvalidClientAsync(response);
    }

    [Fact]
    public async Task Assertion_SubjectNotIssuer_ReturnsInvalidClient()
    {
        var (fixture, credentials) = await StartAsync();
        await using var _ = fixture;

        var response = await RequestAsync(fixture, Assertion(fixture, credentials, subject: "someone-else"));

        await AssertInvalidClientAsync(response);
    }

    [Fact]
    public async Task Assertion_ClientIdNotIssuer_ReturnsInvalidClient()
    {
        var (fixture, credentials) = await StartAsync();
        await using var _ = fixture;

        var response = await RequestAsync(fixture, Assertion(fixture, credentials), clientId: "someone-else");

        await AssertInvalidClientAsync(response);
    }

    [Fact]
    public async Task Assertion_ExpiredTwoMinutesAgo_ReturnsInvalidClient()
    {
        var (fixture, credentials) = await StartAsync();
        await using var _ = fixture;

        var response = await RequestAsync(fixture, Assertion(fixture, credentials, expires: DateTime.UtcNow.AddMinutes(-2)));

        await AssertInvalidClientAsync(response);
    }

    [Fact]
    public async Task Assertion_UnknownKid_ReturnsInvalidClient()
    {
        var (fixture, credentials) = await StartAsync();
        await using var _ = fixture;
        var renamed = new SigningCredentials(
            new RsaSecurityKey(((RsaSecurityKey)credentials.Key).Rsa) { KeyId = "unknown-kid" },
            SecurityAlgorithms.RsaSha384);

        var response = await RequestAsync(fixture, Assertion(fixture, renamed));

        await AssertInvalidClientAsync(response);
    }

    [Fact]
    public async Task Assertion_OtherClientsIssuer_JournalsInvalidClient()
    {
        var (fixture, _) = await StartAsync();
        await using var _ = fixture;
        var otherKey = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "rsa-other" };
        await fixture.RegisterAppAsync(BackendClient.App("other", otherKey));
        var otherAssertion = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "other",
            Audience = fixture.TokenUrl,
            Claims = new Dictionary<string, object> { ["sub"] = "other", ["jti"] = Guid.NewGuid().ToString() },
            IssuedAt = DateTime.UtcNow,
            NotBefore = DateTime.UtcNow,
            Expires = DateTime.UtcNow.AddMinutes(4),
            SigningCredentials = new SigningCredentials(otherKey, SecurityAlgorithms.RsaSha384),
            TokenType = "JWT",
        });

        var response = await RequestAsync(fixture, otherAssertion, clientId: ClientId);

        await AssertInvalidClientAsync(response);
        var events = (await fixture.Client.GetFromJsonAsync<JsonArray>($"/api/launches/client:{ClientId}/events"))!;
        var last = events[^1]!["message"]!.GetValue<string>();
        Assert.StartsWith("invalid_client: ", last);
    }

    [Fact]
    public async Task Assertion_Valid_IssuesToken()
    {
        var (fixture, credentials) = await StartAsync();
        await using var _ = fixture;

        var response = await RequestAsync(fixture, Assertion(fixture, credentials), clientId: ClientId);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
