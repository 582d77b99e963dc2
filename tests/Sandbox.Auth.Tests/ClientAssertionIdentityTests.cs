using System.Net;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Sandbox.Testing;

namespace Sandbox.Auth.Tests;

/// <summary>
/// A client assertion whose <c>iss</c> or <c>sub</c> does not name the client fails client
/// authentication, so every grant returns 401 <c>invalid_client</c> with the same description.
/// </summary>
public sealed class ClientAssertionIdentityTests
{
    private const string ClientId = "app";
    private const string AssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private sealed record SharedKeyApps(AuthFixture Fixture, SigningCredentials Credentials) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Fixture.DisposeAsync();
    }

    // Registers a launching app and a backend service that share one RSA key, so the same
    // signed assertion can be tried on every grant.
    private static async Task<SharedKeyApps> StartAsync()
    {
        var key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "rsa-1" };
        var fixture = await AuthFixture.StartAsync();
        var jwks = BackendClient.PublicJwks(key);
        await fixture.RegisterAppAsync(new
        {
            clientId = ClientId,
            name = "Asymmetric",
            kind = "ConfidentialAsymmetric",
            redirectUris = new[] { AuthFixture.RedirectUri },
            jwks,
        });
        await fixture.RegisterAppAsync(BackendClient.App("backend", key));
        return new SharedKeyApps(fixture, new SigningCredentials(key, SecurityAlgorithms.RsaSha384));
    }

    private static string Assertion(SharedKeyApps client, string issuer, string subject) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = client.Fixture.TokenUrl,
            Claims = new Dictionary<string, object> { ["sub"] = subject, ["jti"] = Guid.NewGuid().ToString() },
            Expires = DateTime.UtcNow.AddMinutes(2),
            SigningCredentials = client.Credentials,
            TokenType = "JWT",
        });

    private static async Task<(string Code, Pkce Pkce)> AuthorizeAsync(AuthFixture fixture)
    {
        var launch = await fixture.CreateLaunchAsync(new { clientId = ClientId, user = AuthFixture.PractitionerUser, patient = AuthFixture.PatientId, skipLogin = true });
        var pkce = Pkce.Create();
        var redirect = await fixture.FollowToAppAsync(fixture.AuthorizeUrl(ClientId, "launch offline_access patient/*.rs", pkce, launch));
        return (AuthFixture.Query(redirect)["code"], pkce);
    }

    private static async Task<HttpResponseMessage> RedeemAsync(SharedKeyApps client, string assertion)
    {
        var (code, pkce) = await AuthorizeAsync(client.Fixture);
        return await client.Fixture.PostTokenAsync(new()
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = AuthFixture.RedirectUri,
            ["code_verifier"] = pkce.Verifier,
            ["client_id"] = ClientId,
            ["client_assertion_type"] = AssertionType,
            ["client_assertion"] = assertion,
        });
    }

    private static async Task<HttpResponseMessage> RefreshAsync(SharedKeyApps client, string assertion)
    {
        using var redeemed = await RedeemAsync(client, Assertion(client, ClientId, ClientId));
        var token = await AuthFixture.ReadJsonAsync(redeemed);
        return await client.Fixture.PostTokenAsync(new()
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = token["refresh_token"]!.GetValue<string>(),
            ["client_id"] = ClientId,
            ["client_assertion_type"] = AssertionType,
            ["client_assertion"] = assertion,
        });
    }

    private static Task<HttpResponseMessage> ClientCredentialsAsync(SharedKeyApps client, string assertion) =>
        client.Fixture.PostTokenAsync(new()
        {
            ["grant_type"] = "client_credentials",
            ["scope"] = "system/Patient.rs",
            ["client_id"] = "backend",
            ["client_assertion_type"] = AssertionType,
            ["client_assertion"] = assertion,
        });

    private static Task<HttpResponseMessage> RequestAsync(SharedKeyApps client, string grant, string assertion) => grant switch
    {
        "authorization_code" => RedeemAsync(client, assertion),
        "refresh_token" => RefreshAsync(client, assertion),
        _ => ClientCredentialsAsync(client, assertion),
    };

    // The client_id each grant's request sends beside the assertion.
    private static string ClientIdOf(string grant) => grant == "client_credentials" ? "backend" : ClientId;

    [Theory]
    [InlineData("authorization_code")]
    [InlineData("refresh_token")]
    [InlineData("client_credentials")]
    public async Task SubjectNotIssuer_ReturnsInvalidClient(string grant)
    {
        await using var client = await StartAsync();
        var assertion = Assertion(client, ClientIdOf(grant), "someone-else");

        using var response = await RequestAsync(client, grant, assertion);
        var body = await AuthFixture.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", body["error"]!.GetValue<string>());
        Assert.Contains("sub 'someone-else'", body["error_description"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("authorization_code")]
    [InlineData("refresh_token")]
    [InlineData("client_credentials")]
    public async Task UnregisteredIssuer_ReturnsInvalidClient(string grant)
    {
        await using var client = await StartAsync();
        var assertion = Assertion(client, "someone-else", "someone-else");

        using var response = await RequestAsync(client, grant, assertion);
        var body = await AuthFixture.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", body["error"]!.GetValue<string>());
        Assert.Contains("'someone-else'", body["error_description"]!.GetValue<string>());
    }

    // SMART Backend Services sends no client_id, so the assertion's iss is the only name of the
    // client, and the description must state that no app has it.
    [Fact]
    public async Task UnregisteredIssuerWithoutClientId_NamesIssuer()
    {
        await using var client = await StartAsync();

        using var response = await client.Fixture.PostTokenAsync(new()
        {
            ["grant_type"] = "client_credentials",
            ["scope"] = "system/Patient.rs",
            ["client_assertion_type"] = AssertionType,
            ["client_assertion"] = Assertion(client, "someone-else", "someone-else"),
        });
        var body = await AuthFixture.ReadJsonAsync(response);
        var description = body["error_description"]!.GetValue<string>();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", body["error"]!.GetValue<string>());
        Assert.Contains("iss 'someone-else'", description);
        Assert.Contains("not the client id of any registered app", description);
    }

    // The two apps share a key, so the other app's assertion passes the signature check and
    // only the comparison with client_id can fail.
    [Theory]
    [InlineData("authorization_code", "backend")]
    [InlineData("refresh_token", "backend")]
    [InlineData("client_credentials", ClientId)]
    public async Task OtherClientsAssertion_ReturnsInvalidClient(string grant, string otherClient)
    {
        await using var client = await StartAsync();
        var assertion = Assertion(client, otherClient, otherClient);

        using var response = await RequestAsync(client, grant, assertion);
        var body = await AuthFixture.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", body["error"]!.GetValue<string>());
        Assert.Contains($"client_id '{ClientIdOf(grant)}'", body["error_description"]!.GetValue<string>());
    }

    [Fact]
    public async Task SubjectNotIssuer_SameErrorOnEveryGrant()
    {
        await using var client = await StartAsync();
        var errors = new List<string>();

        foreach (var grant in new[] { "authorization_code", "refresh_token", "client_credentials" })
        {
            using var response = await RequestAsync(client, grant, Assertion(client, ClientId, "someone-else"));
            var body = await AuthFixture.ReadJsonAsync(response);
            errors.Add($"{(int)response.StatusCode} {body["error"]} {body["error_description"]}");
        }

        Assert.Single(errors.Distinct());
    }

    [Theory]
    [InlineData("/auth/introspect")]
    [InlineData("/auth/revoke")]
    public async Task Endpoint_SubjectNotIssuer_ReturnsInvalidClient(string path)
    {
        await using var client = await StartAsync();
        var form = new Dictionary<string, string>
        {
            ["token"] = "any-token",
            ["client_id"] = ClientId,
            ["client_assertion_type"] = AssertionType,
            ["client_assertion"] = Assertion(client, ClientId, "someone-else"),
        };

        using var response = await client.Fixture.Client.PostAsync(path, new FormUrlEncodedContent(form));
        var body = await AuthFixture.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", body["error"]!.GetValue<string>());
        Assert.Contains("sub 'someone-else'", body["error_description"]!.GetValue<string>());
    }
}
