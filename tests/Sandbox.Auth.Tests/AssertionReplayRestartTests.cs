using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Sandbox.Auth.Tests;

/// <summary>
/// A client assertion's <c>jti</c> stays used across a restart of the sandbox on the same data
/// folder, so an assertion captured before the restart cannot be replayed after it.
/// </summary>
public sealed class AssertionReplayRestartTests
{
    private const string ClientId = "backend";

    private static string Assertion(AuthFixture fixture, RsaSecurityKey key)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = ClientId,
            Audience = fixture.TokenUrl,
            Claims = new Dictionary<string, object> { ["sub"] = ClientId, ["jti"] = Guid.NewGuid().ToString() },
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(4),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha384),
            TokenType = "JWT",
        });
    }

    private static Task<HttpResponseMessage> RequestTokenAsync(AuthFixture fixture, string assertion) =>
        fixture.PostTokenAsync(new()
        {
            ["grant_type"] = "client_credentials",
            ["scope"] = "system/Patient.rs",
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ["client_assertion"] = assertion,
        });

    [Fact]
    public async Task Restart_ReplayedAssertion_ReturnsInvalidClient()
    {
        var dataFolder = Directory.CreateTempSubdirectory("sandbox-auth-replay-").FullName;
        var url = AuthFixture.FixedUrl();
        var key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "rsa-1" };
        try
        {
            string assertion;
            await using (var before = await AuthFixture.StartAsync(url, dataFolder))
            {
                await before.RegisterAppAsync(BackendClient.App(ClientId, key));
                assertion = Assertion(before, key);
                Assert.Equal(HttpStatusCode.OK, (await RequestTokenAsync(before, assertion)).StatusCode);
            }

            await using var after = await AuthFixture.StartAsync(url, dataFolder);
            var response = await RequestTokenAsync(after, assertion);

            var body = await AuthFixture.ReadJsonAsync(response);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("invalid_client", body["error"]!.GetValue<string>());
            Assert.Contains("was used before", body["error_description"]!.GetValue<string>(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dataFolder, recursive: true);
        }
    }

    [Fact]
    public async Task Restart_NewAssertion_IssuesToken()
    {
        var dataFolder = Directory.CreateTempSubdirectory("sandbox-auth-replay-").FullName;
        var url = AuthFixture.FixedUrl();
        var key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "rsa-1" };
        try
        {
            await using (var before = await AuthFixture.StartAsync(url, dataFolder))
            {
                await before.RegisterAppAsync(BackendClient.App(ClientId, key));
                Assert.Equal(HttpStatusCode.OK, (await RequestTokenAsync(before, Assertion(before, key))).StatusCode);
            }

            await using var after = await AuthFixture.StartAsync(url, dataFolder);
            var response = await RequestTokenAsync(after, Assertion(after, key));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        finally
        {
            Directory.Delete(dataFolder, recursive: true);
        }
    }
}
